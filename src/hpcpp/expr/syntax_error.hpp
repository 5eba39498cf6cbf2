#pragma once
// A syntax error: one line naming the problem and the expression, and a second line with
// a caret under the offending column.
#include <string>
#include <string_view>

#include "hpcpp/core/error.hpp"

namespace hpcpp::expr {

class SyntaxError : public Error {
 public:
  SyntaxError(std::string problem, std::string_view text, std::size_t column);
  // The message with the caret shifted right by `indent` columns, for a caller that
  // prints the message after a prefix of that width.
  std::string with_indent(std::size_t indent) const;
  std::size_t column() const { return column_; }

 private:
  std::string problem_, text_;
  std::size_t column_;
};

}  // namespace hpcpp::expr
