#include "hpcpp/expr/syntax_error.hpp"

#include <fmt/core.h>

namespace hpcpp::expr {
namespace {

// Expressions are shown on one line: control characters would break the caret's column.
std::string printable(std::string_view text) {
  std::string s(text);
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) == 0x7f) c = ' ';
  return s;
}

std::string format_message(const std::string& problem, const std::string& text, std::size_t column,
                           std::size_t indent) {
  const std::string head = fmt::format("syntax error at column {}: {}: ", column + 1, problem);
  return head + text + "\n" + std::string(indent + head.size() + column, ' ') + "^";
}

}  // namespace

SyntaxError::SyntaxError(std::string problem, std::string_view text, std::size_t column)
    : Error(format_message(problem, printable(text), column, 0)),
      problem_(std::move(problem)),
      text_(printable(text)),
      column_(column) {}

std::string SyntaxError::with_indent(std::size_t indent) const {
  return format_message(problem_, text_, column_, indent);
}

}  // namespace hpcpp::expr
