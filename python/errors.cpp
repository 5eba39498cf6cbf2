#include "errors.hpp"

#include <fmt/core.h>

#include <filesystem>
#include <initializer_list>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/thread_limit.hpp"
#include "hpcpp/expr/syntax_error.hpp"

namespace hpcpp::python {
namespace {

PyObject* expression_error_type = nullptr;         // owned by the module (hpcpp.ExpressionError)
PyObject* expression_syntax_error_type = nullptr;  // owned by the module (hpcpp.ExpressionSyntaxError)

PyObject* new_exception(py::module_& m, const char* name, const char* doc, std::initializer_list<PyObject*> bases) {
  py::tuple base_tuple(bases.size());
  std::size_t k = 0;
  for (PyObject* base : bases) base_tuple[k++] = py::handle(base);
  PyObject* type = PyErr_NewExceptionWithDoc(fmt::format("hpcpp.{}", name).c_str(), doc, base_tuple.ptr(), nullptr);
  if (!type) throw py::error_already_set();
  m.add_object(name, py::handle(type));
  return type;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

void raise(PyObject* type, const std::string& message) {
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

void raise_syntax_error(const std::string& message, const std::string& text, std::size_t column) {
  const py::tuple where = py::make_tuple("<expression>", 1, column + 1, text);
  PyErr_SetObject(expression_syntax_error_type, py::make_tuple(first_line(message), where).ptr());
  throw py::error_already_set();
}

void check_thread_keyword(std::string_view keyword, std::int64_t value, int min) {
  if (!is_thread_count(value, min))
    raise(PyExc_ValueError, fmt::format("{}={}: must be {}", keyword, value, thread_count_rule(min)));
}

void warn_no_effect(std::string_view keyword, std::string_view backend) {
  const std::string message = fmt::format("{} has no effect with backend '{}'", keyword, backend);
  if (PyErr_WarnEx(PyExc_UserWarning, message.c_str(), 1) < 0) throw py::error_already_set();
}

PyObject* expression_error() { return expression_error_type; }

void register_errors(py::module_& m) {
  expression_error_type = new_exception(
      m, "ExpressionError",
      "An expression the engine cannot compile for these operand types. A TypeError, "
      "ValueError and NotImplementedError at once, as numexpr raises one or another.",
      {PyExc_TypeError, PyExc_ValueError, PyExc_NotImplementedError});
  expression_syntax_error_type = new_exception(
      m, "ExpressionSyntaxError",
      "Text the expression grammar refuses. A SyntaxError and a ValueError at once, as numexpr "
      "raises SyntaxError for what Python's parser refuses and ValueError for what its "
      "sanitizer refuses.",
      {PyExc_SyntaxError, PyExc_ValueError});

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const expr::SyntaxError& e) {
      PyErr_SetString(expression_syntax_error_type, first_line(e.what()).c_str());
    } catch (const Error& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const std::filesystem::filesystem_error& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    }
  });
}

}  // namespace hpcpp::python
