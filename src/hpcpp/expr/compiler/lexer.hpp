#pragma once
// Splits an expression into tokens; every token remembers its column for error carets.
#include <string>
#include <string_view>
#include <vector>

namespace hpcpp::expr {

enum class TokenKind { Integer, Float, Imaginary, Name, Operator, String, End };

struct Token {
  TokenKind kind;
  std::string_view text;  // as written; a String's quotes and escapes included
  std::size_t column;     // 0-based offset into the expression
};

// The bytes a string literal ('...', "...", b'...' or b"...") stands for, its escapes
// (\\ \' \" \n \r \t \0 \xHH) decoded. Throws SyntaxError where Python would refuse it, and
// where a character outside ASCII would need an encoding to become bytes.
std::string string_literal_bytes(const Token& literal, std::string_view text);

// Throws SyntaxError at the first character that starts no token.
std::vector<Token> tokenize(std::string_view text);

}  // namespace hpcpp::expr
