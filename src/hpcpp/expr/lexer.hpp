#pragma once
// Splits an expression into tokens; every token remembers its column for error carets.
#include <string>
#include <string_view>
#include <vector>

namespace hpcpp::expr {

enum class TokenKind { Integer, Float, Imaginary, Name, Operator, End };

struct Token {
  TokenKind kind;
  std::string_view text;
  std::size_t column;  // 0-based offset into the expression
};

// Throws SyntaxError at the first character that starts no token.
std::vector<Token> tokenize(std::string_view text);

}  // namespace hpcpp::expr
