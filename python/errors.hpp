#pragma once
// The library's errors as Python exceptions, with the library's one-line messages. Each
// stage of a call raises what numexpr (or Python) raises for the same mistake.
#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace hpcpp::python {

namespace py = pybind11;

// Sets a Python exception of `type` and throws it through the C++ frames to pybind11.
[[noreturn]] void raise(PyObject* type, const std::string& message);
// A hpcpp.ExpressionSyntaxError whose text and offset let Python's traceback put a caret
// under `column`.
[[noreturn]] void raise_syntax_error(const std::string& message, const std::string& text, std::size_t column);
// Raises ValueError "`keyword`=<value>: must be <the thread-count rule>" unless `value` is
// a thread count (from `min` to max_threads): the command line's rule, named as Python
// spells it.
void check_thread_keyword(std::string_view keyword, std::int64_t value, int min = 1);
// A keyword given to a backend that does not read it: a UserWarning, as the command's note
// ("threads has no effect with backend 'reference'").
void warn_no_effect(std::string_view keyword, std::string_view backend);

// hpcpp.ExpressionError: an expression that parses but that the engine cannot compile
// (operand types no operation takes, a misplaced sum(), an unknown function). numexpr
// raises NotImplementedError, TypeError, ValueError or RuntimeError for these, one or
// another by case, so this class derives from all of them: scripts that catch any one
// keep working.
PyObject* expression_error();

// hpcpp.ExpressionSyntaxError: text the grammar refuses. numexpr raises SyntaxError where
// Python's parser refuses the text and ValueError where its sanitizer does (`lambda x: x`,
// `import os;`, attribute access); hpcpp's grammar refuses both at once, so this class is
// both.
//
// Creates hpcpp.ExpressionError and hpcpp.ExpressionSyntaxError and translates any C++
// exception that still reaches pybind11: hpcpp::expr::SyntaxError -> ExpressionSyntaxError,
// hpcpp::Error -> ValueError, std::filesystem::filesystem_error -> OSError
// (std::bad_alloc -> MemoryError and any other std::exception -> RuntimeError are
// pybind11's own).
void register_errors(py::module_& m);

}  // namespace hpcpp::python
