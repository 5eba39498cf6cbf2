#include "hpcpp/expr/syntax_error.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "hpcpp/core/printable.hpp"

namespace hpcpp::expr {
namespace {

// Where the caret goes under the escaped text: escapes widen what precedes the column, and
// a character of several UTF-8 bytes takes one column.
std::size_t caret_column(std::string_view text, std::size_t column) {
  const std::string before = printable(text.substr(0, std::min(column, text.size())));
  std::size_t width = column > text.size() ? column - text.size() : 0;
  for (unsigned char c : before) width += (c & 0xc0) != 0x80;
  return width;
}

std::string format_message(const std::string& problem, std::string_view text, std::size_t column,
                           std::size_t indent) {
  const std::string head = fmt::format("syntax error at column {}: {}: ", column + 1, problem);
  return head + printable(text) + "\n" + std::string(indent + head.size() + caret_column(text, column), ' ') + "^";
}

}  // namespace

SyntaxError::SyntaxError(std::string problem, std::string_view text, std::size_t column)
    : Error(format_message(problem, text, column, 0)),
      problem_(std::move(problem)),
      text_(text),
      column_(column) {}

std::string SyntaxError::with_indent(std::size_t indent) const {
  return format_message(problem_, text_, column_, indent);
}

}  // namespace hpcpp::expr
