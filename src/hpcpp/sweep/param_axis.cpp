#include "hpcpp/sweep/param_axis.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <charconv>
#include <cstdint>
#include <optional>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/float_repr.hpp"
#include "hpcpp/params/python_literal.hpp"

namespace hpcpp::sweep {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

// The digits of a Python int literal ("-1_000" -> "-1000", "007" -> "7"), or nullopt.
std::optional<std::string> python_int_text(std::string_view word) {
  std::string sign;
  if (!word.empty() && (word[0] == '-' || word[0] == '+')) {
    if (word[0] == '-') sign = "-";
    word.remove_prefix(1);
  }
  std::string digits;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c != '_' || i == 0 || i + 1 == word.size() || word[i + 1] == '_') {
      return std::nullopt;
    }
  }
  if (digits.empty()) return std::nullopt;
  const auto first = digits.find_first_not_of('0');
  if (first == std::string::npos) return "0";
  return sign + digits.substr(first);
}

std::optional<std::int64_t> to_int64(const std::string& text) {
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto end = text.find(separator, start);
    parts.emplace_back(trim(text.substr(start, end == std::string_view::npos ? end : end - start)));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// The number a --param word stands for; refuses one that a float cannot hold ("1e400"
// would become inf, which is not what was typed).
std::optional<params::PythonNumber> finite_number(const std::string& word, const std::string& quoted) {
  auto number = params::parse_python_number(word);
  if (number && !number->is_int && !std::isfinite(number->value))
    throw Error(fmt::format("--param {}: value '{}' is beyond the largest float ({})", quoted, word,
                            python_float_repr(std::numeric_limits<double>::max())));
  return number;
}

ValueRange parse_range(std::string_view text, const std::string& quoted) {
  const auto parts = split(text, ':');
  if (parts.size() != 3)
    throw Error(fmt::format("--param {}: a range is FROM:TO:COUNT (e.g. dx=0.05:0.2:4)", quoted));
  const auto from = finite_number(parts[0], quoted);
  const auto to = finite_number(parts[1], quoted);
  if (!from || !to)
    throw Error(fmt::format("--param {}: range ends must be numbers, got '{}' and '{}'", quoted, parts[0], parts[1]));
  const auto count_text = python_int_text(parts[2]);
  const auto count = count_text ? to_int64(*count_text) : std::nullopt;
  if (!count || *count < 1 || static_cast<std::uint64_t>(*count) > max_tasks)
    throw Error(fmt::format("--param {}: COUNT must be a whole number from 1 to {}, got '{}'", quoted, max_tasks,
                            parts[2]));
  ValueRange range;
  range.from = from->value;
  range.to = to->value;
  range.count = static_cast<std::uint64_t>(*count);
  range.text = fmt::format("{}:{}:{}", parts[0], parts[1], parts[2]);
  // Two int ends a whole number of steps apart make ints (0:10:6 -> 0, 2, ... 10).
  const auto from_int = python_int_text(parts[0]);
  const auto to_int = python_int_text(parts[1]);
  const std::int64_t limit = INT64_C(1) << 52;
  const auto a = from_int ? to_int64(*from_int).value_or(limit) : limit;
  const auto b = to_int ? to_int64(*to_int).value_or(limit) : limit;
  const auto steps = static_cast<std::int64_t>(range.count) - 1;
  if (a > -limit && a < limit && b > -limit && b < limit && (steps == 0 || (b - a) % steps == 0)) {
    range.int_from = a;
    range.int_to = b;
  }
  return range;
}

std::string range_value(const ValueRange& range, std::uint64_t i, const std::string& first_word) {
  if (range.count == 1) return first_word;
  const auto n = static_cast<std::int64_t>(range.count);
  const auto k = static_cast<std::int64_t>(i);
  if (range.int_from)
    return std::to_string(*range.int_from + (*range.int_to - *range.int_from) / (n - 1) * k);
  return python_float_repr(linspace_value(range.from, range.to, static_cast<long>(n), static_cast<long>(k)));
}

}  // namespace

std::string canonical_value(std::string_view word) {
  const auto number = params::parse_python_number(word);
  if (!number) return std::string(word);
  if (!number->is_int) return python_float_repr(number->value);
  if (const auto digits = python_int_text(word)) return *digits;  // exact, however long
  return fmt::format("{:.0f}", number->value);                    // 0x10, 0o17, 0b101
}

double linspace_value(double from, double to, long count, long i) {
  if (count == 1) return from;
  if (i == count - 1) return to;
  const double divisions = static_cast<double>(count - 1);
  const double delta = to - from;
  const double step = delta / divisions;
  const double index = static_cast<double>(i);
  // numpy divides first when the step underflows to zero.
  if (step == 0) return index / divisions * delta + from;
  return index * step + from;
}

void ParamAxis::add_value(std::string value) {
  pieces_.push_back({size_, std::move(value), std::nullopt});
  ++size_;
}

void ParamAxis::add_range(ValueRange range) {
  // A range of one value is its first end, printed as a listed value would be.
  std::string first = canonical_value(split(range.text, ':')[0]);
  const auto count = range.count;
  pieces_.push_back({size_, std::move(first), std::move(range)});
  size_ += count;
}

std::string ParamAxis::value(std::uint64_t i) const {
  const auto after = std::upper_bound(pieces_.begin(), pieces_.end(), i,
                                      [](std::uint64_t index, const Piece& piece) { return index < piece.first; });
  const Piece& piece = *(after - 1);
  if (!piece.range) return piece.value;
  return range_value(*piece.range, i - piece.first, piece.value);
}

std::vector<std::string> ParamAxis::values() const {
  std::vector<std::string> all;
  for (std::uint64_t i = 0; i < size_; ++i) all.push_back(value(i));
  return all;
}

std::vector<std::string> ParamAxis::listed_values() const {
  std::vector<std::string> listed;
  for (const auto& piece : pieces_)
    if (!piece.range) listed.push_back(piece.value);
  return listed;
}

std::string ParamAxis::description() const {
  std::string text = name + '=';
  for (const auto& piece : pieces_) text += (piece.range ? piece.range->text : piece.value) + '\0';
  return text;
}

ParamAxis parse_param_axis(std::string_view text) {
  const std::string quoted = fmt::format("'{}'", text);
  const auto equals = text.find('=');
  if (equals == std::string_view::npos)
    throw Error(fmt::format("--param {}: expected NAME=V1,V2,... or NAME=FROM:TO:COUNT", quoted));
  ParamAxis axis;
  axis.name = std::string(trim(text.substr(0, equals)));
  if (!is_identifier(axis.name))
    throw Error(fmt::format("--param {}: '{}' is not a parameter name", quoted, axis.name));
  const auto rhs = trim(text.substr(equals + 1));
  if (rhs.empty()) throw Error(fmt::format("--param {}: empty list of values", quoted));
  for (const auto& word : split(rhs, ',')) {
    if (word.empty()) throw Error(fmt::format("--param {}: empty value in the list", quoted));
    if (word.find(':') == std::string::npos) {
      finite_number(word, quoted);
      axis.add_value(canonical_value(word));
    } else {
      axis.add_range(parse_range(word, quoted));
    }
    if (axis.size() > max_tasks)
      throw Error(fmt::format("--param {}: more than {} values", quoted, max_tasks));
  }
  return axis;
}

}  // namespace hpcpp::sweep
