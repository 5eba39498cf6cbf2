#include "hpcpp/params/python_literal.hpp"

#include <locale.h>
#include <stdlib.h>

#include <string>

namespace hpcpp::params {
namespace {

bool is_digit_of(char c, int base) {
  if (c >= '0' && c <= '9') return c - '0' < base;
  return base == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

// Python's digit run: a digit, then digits each optionally after one underscore. With
// `after_prefix` (as in "0x_1f") the run may also start with an underscore. Appends the
// digits to `out`; returns false when the run is empty or has a misplaced underscore.
bool take_digits(std::string_view text, std::size_t& i, int base, std::string& out, bool after_prefix = false) {
  const std::size_t begin = i;
  while (i < text.size()) {
    const bool underscore = text[i] == '_' && i + 1 < text.size() && is_digit_of(text[i + 1], base) &&
                            (i > begin || after_prefix);
    if (underscore) ++i;
    if (!is_digit_of(text[i], base)) break;
    out += text[i++];
  }
  return !out.empty() && i > begin && text[i - 1] != '_';
}

// strtod in the C locale: correctly rounded, 0 on underflow, inf on overflow, hex floats.
double c_strtod(const std::string& text) {
  static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
  return strtod_l(text.c_str(), nullptr, c_locale);
}

// The value of an int in base 2, 8 or 16 from its digits, through an exact hex float.
double based_int_value(const std::string& digits, int base) {
  if (base == 16) return c_strtod("0x" + digits + "p0");
  const int bits_per_digit = base == 8 ? 3 : 1;
  std::string bits;
  for (char d : digits)
    for (int b = bits_per_digit - 1; b >= 0; --b) bits += static_cast<char>('0' + (((d - '0') >> b) & 1));
  bits.insert(0, (4 - bits.size() % 4) % 4, '0');
  std::string hex;
  for (std::size_t i = 0; i < bits.size(); i += 4)
    hex += "0123456789abcdef"[std::stoi(bits.substr(i, 4), nullptr, 2)];
  return c_strtod("0x" + hex + "p0");
}

std::optional<PythonNumber> unsigned_literal(std::string_view text) {
  if (text.size() >= 2 && text[0] == '0') {
    const char prefix = static_cast<char>(text[1] | 0x20);
    const int base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : prefix == 'b' ? 2 : 0;
    if (base != 0) {
      std::size_t i = 2;
      std::string digits;
      if (!take_digits(text, i, base, digits, true) || i != text.size()) return std::nullopt;
      return PythonNumber{based_int_value(digits, base), true};
    }
  }
  std::size_t i = 0;
  std::string clean;
  const bool int_part = take_digits(text, i, 10, clean);
  if (i < text.size() && text[i] == '_') return std::nullopt;
  const std::size_t int_digits = clean.size();
  bool is_float = false;
  if (i < text.size() && text[i] == '.') {
    is_float = true;
    clean += '.';
    ++i;
    std::string fraction;
    if (i < text.size() && is_digit_of(text[i], 10) && !take_digits(text, i, 10, fraction)) return std::nullopt;
    if (!int_part && fraction.empty()) return std::nullopt;
    clean += fraction;
  }
  if (!int_part && !is_float) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    is_float = true;
    clean += 'e';
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) clean += text[i++];
    std::string exponent;
    if (!take_digits(text, i, 10, exponent)) return std::nullopt;
    clean += exponent;
  }
  if (i != text.size()) return std::nullopt;
  // A decimal int other than zero has no leading zero ("007" is a syntax error).
  if (!is_float && int_digits > 1 && clean[0] == '0' && clean.find_first_not_of('0') != std::string::npos)
    return std::nullopt;
  return PythonNumber{c_strtod(clean), !is_float};
}

std::string_view strip(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t\f");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\f") - begin + 1);
}

// literal_eval's grammar: parentheses anywhere, one unary sign at most.
std::optional<PythonNumber> signed_literal(std::string_view text, bool sign_allowed) {
  text = strip(text);
  if (text.size() >= 2 && text.front() == '(' && text.back() == ')')
    return signed_literal(text.substr(1, text.size() - 2), sign_allowed);
  if (sign_allowed && !text.empty() && (text[0] == '-' || text[0] == '+')) {
    auto number = signed_literal(text.substr(1), false);
    if (number && text[0] == '-') number->value = number->is_int && number->value == 0 ? 0.0 : -number->value;
    return number;
  }
  return unsigned_literal(text);
}

}  // namespace

std::optional<PythonNumber> parse_python_number(std::string_view text) { return signed_literal(text, true); }

std::optional<bool> parse_python_bool(std::string_view text) {
  if (text == "True" || text == "1") return true;
  if (text == "False" || text == "0") return false;
  return std::nullopt;
}

}  // namespace hpcpp::params
