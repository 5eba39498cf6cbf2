#include "hpcpp/expr/compiler/lexer.hpp"

#include <array>
#include <cctype>

#include "hpcpp/expr/syntax_error.hpp"

namespace hpcpp::expr {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool starts_name(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool continues_name(char c) { return starts_name(c) || is_digit(c); }

constexpr std::array<std::string_view, 8> two_char_operators = {"**", "<<", ">>", "<=", ">=", "==", "!=", "//"};
constexpr std::string_view one_char_operators = "+-*/%<>&|~()[],:^=.";

// The string literal at `i` (its prefix b or B included), up to its closing quote.
Token string_at(std::string_view text, std::size_t i) {
  std::size_t j = i;
  if (text[j] == 'b' || text[j] == 'B') ++j;
  const char quote = text[j++];
  while (j < text.size() && text[j] != quote) {
    if (text[j] == '\\') ++j;
    ++j;
  }
  if (j >= text.size()) throw SyntaxError("unterminated string", text, i);
  return Token{TokenKind::String, text.substr(i, j + 1 - i), i};
}

bool starts_string(std::string_view text, std::size_t i) {
  const char c = text[i];
  if (c == '\'' || c == '"') return true;
  return (c == 'b' || c == 'B') && i + 1 < text.size() && (text[i + 1] == '\'' || text[i + 1] == '"');
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

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
    } else if (starts_string(text, i)) {
      tokens.push_back(string_at(text, i));
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

std::string string_literal_bytes(const Token& literal, std::string_view text) {
  const std::string_view t = literal.text;
  const std::size_t first = (t[0] == 'b' || t[0] == 'B') ? 2 : 1;
  std::string bytes;
  for (std::size_t k = first; k + 1 < t.size(); ++k) {
    const std::size_t column = literal.column + k;
    char c = t[k];
    if (static_cast<unsigned char>(c) >= 0x80) throw SyntaxError("string constants must be ASCII", text, column);
    if (c == '\\') {
      const char e = t[++k];
      switch (e) {
        case '\\':
        case '\'':
        case '"': c = e; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case '0': c = '\0'; break;
        case 'x': {
          const int high = k + 2 < t.size() ? hex_digit(t[k + 1]) : -1, low = k + 2 < t.size() ? hex_digit(t[k + 2]) : -1;
          if (high < 0 || low < 0) throw SyntaxError("\\x takes two hexadecimal digits", text, column);
          c = static_cast<char>(high * 16 + low);
          if (first == 1 && high >= 8) throw SyntaxError("string constants must be ASCII", text, column);
          k += 2;
          break;
        }
        default: throw SyntaxError("unsupported escape sequence", text, column);
      }
    }
    bytes.push_back(c);
  }
  return bytes;
}

}  // namespace hpcpp::expr
