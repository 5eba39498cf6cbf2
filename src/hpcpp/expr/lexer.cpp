#include "hpcpp/expr/lexer.hpp"

#include <array>
#include <cctype>

#include "hpcpp/expr/syntax_error.hpp"

namespace hpcpp::expr {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool starts_name(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool continues_name(char c) { return starts_name(c) || is_digit(c); }

constexpr std::array<std::string_view, 8> two_char_operators = {"**", "<<", ">>", "<=", ">=", "==", "!=", "//"};
constexpr std::string_view one_char_operators = "+-*/%<>&|~()[],:^=";

// The length of the number at `i` and whether it is a float or imaginary literal.
Token number_at(std::string_view text, std::size_t i) {
  std::size_t j = i;
  bool is_float = false;
  while (j < text.size() && is_digit(text[j])) ++j;
  if (j < text.size() && text[j] == '.') {
    is_float = true;
    ++j;
    while (j < text.size() && is_digit(text[j])) ++j;
  }
  if (j < text.size() && (text[j] == 'e' || text[j] == 'E')) {
    std::size_t k = j + 1;
    if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
    if (k < text.size() && is_digit(text[k])) {
      is_float = true;
      j = k;
      while (j < text.size() && is_digit(text[j])) ++j;
    } else {
      throw SyntaxError("malformed exponent", text, j);
    }
  }
  TokenKind kind = is_float ? TokenKind::Float : TokenKind::Integer;
  if (j < text.size() && (text[j] == 'j' || text[j] == 'J')) {
    kind = TokenKind::Imaginary;
    ++j;
  }
  if (j < text.size() && continues_name(text[j])) throw SyntaxError("malformed number", text, i);
  return Token{kind, text.substr(i, j - i), i};
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (is_digit(c) || (c == '.' && i + 1 < text.size() && is_digit(text[i + 1]))) {
      tokens.push_back(number_at(text, i));
      i += tokens.back().text.size();
    } else if (starts_name(c)) {
      std::size_t j = i + 1;
      while (j < text.size() && continues_name(text[j])) ++j;
      tokens.push_back(Token{TokenKind::Name, text.substr(i, j - i), i});
      i = j;
    } else {
      const std::string_view two = text.substr(i, 2);
      bool matched = false;
      for (auto op : two_char_operators)
        if (two == op) matched = true;
      if (!matched && one_char_operators.find(c) == std::string_view::npos)
        throw SyntaxError("unexpected character", text, i);
      const std::size_t length = matched ? 2 : 1;
      tokens.push_back(Token{TokenKind::Operator, text.substr(i, length), i});
      i += length;
    }
  }
  tokens.push_back(Token{TokenKind::End, text.substr(text.size()), text.size()});
  return tokens;
}

}  // namespace hpcpp::expr
