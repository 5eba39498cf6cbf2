#include "errors.hpp"

#include <fmt/core.h>

#include <filesystem>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/thread_limit.hpp"
#include "hpcpp/expr/syntax_error.hpp"

namespace hpcpp::python {
namespace {

PyObject* expression_error_type = nullptr;  // owned by the module (hpcpp.ExpressionError)

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

void raise(PyObject* type, const std::string& message) {
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

void raise_syntax_error(const std::string& message, const std::string& text, std::size_t column) {
  const py::tuple where = py::make_tuple("<expression>", 1, column + 1, text);
  PyErr_SetObject(PyExc_SyntaxError, py::make_tuple(first_line(message), where).ptr());
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
  const py::tuple bases = py::make_tuple(py::handle(PyExc_TypeError), py::handle(PyExc_ValueError),
                                         py::handle(PyExc_NotImplementedError));
  expression_error_type = PyErr_NewExceptionWithDoc(
      "hpcpp.ExpressionError",
      "An expression the engine cannot compile for these operand types. A TypeError, "
      "ValueError and NotImplementedError at once, as numexpr raises one or another.",
      bases.ptr(), nullptr);
  if (!expression_error_type) throw py::error_already_set();
  m.add_object("ExpressionError", py::handle(expression_error_type));

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const expr::SyntaxError& e) {
      PyErr_SetString(PyExc_SyntaxError, first_line(e.what()).c_str());
    } catch (const Error& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const std::filesystem::filesystem_error& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    }
  });
}

}  // namespace hpcpp::python
