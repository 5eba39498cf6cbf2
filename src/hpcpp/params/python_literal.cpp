#include "hpcpp/params/python_literal.hpp"

#include <cctype>
#include <charconv>
#include <string>

namespace hpcpp::params {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Copies a run of digits (Python allows single underscores between digits) into `out`.
bool take_digits(std::string_view text, std::size_t& i, std::string& out) {
  const std::size_t begin = i;
  while (i < text.size()) {
    if (is_digit(text[i])) {
      out += text[i++];
    } else if (text[i] == '_' && i > begin && i + 1 < text.size() && is_digit(text[i + 1]) &&
               is_digit(text[i - 1])) {
      ++i;
    } else {
      break;
    }
  }
  return i > begin;
}

}  // namespace

std::optional<double> parse_python_number(std::string_view text) {
  std::size_t i = 0;
  std::string clean;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    if (text[i] == '-') clean += '-';
    ++i;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  }
  const bool int_part = take_digits(text, i, clean);
  bool frac_part = false;
  if (i < text.size() && text[i] == '.') {
    clean += '.';
    ++i;
    frac_part = take_digits(text, i, clean);
  }
  if (!int_part && !frac_part) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    clean += 'e';
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) clean += text[i++];
    if (!take_digits(text, i, clean)) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;

  double value = 0.0;
  const char* first = clean.data();
  const char* last = clean.data() + clean.size();
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec == std::errc::result_out_of_range) {
    // Python rounds overflow to inf for floats; hpcpp reports it as out of range.
    return std::nullopt;
  }
  if (ec != std::errc() || ptr != last) return std::nullopt;
  return value;
}

std::optional<bool> parse_python_bool(std::string_view text) {
  if (text == "True" || text == "1") return true;
  if (text == "False" || text == "0") return false;
  return std::nullopt;
}

}  // namespace hpcpp::params
