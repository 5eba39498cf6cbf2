#include "hpcpp/core/numpy_str.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <vector>

namespace hpcpp {
namespace {

constexpr int precision = 8;            // numpy's default: digits after the point at most
constexpr std::size_t line_width = 75;
constexpr std::size_t summary_threshold = 1000;
constexpr std::size_t edge_items = 3;

std::string chars(double v, std::chars_format format, std::optional<int> digits = std::nullopt) {
  char buffer[400];
  const auto result = digits ? std::to_chars(buffer, buffer + sizeof buffer, v, format, *digits)
                             : std::to_chars(buffer, buffer + sizeof buffer, v, format);
  return std::string(buffer, result.ptr);
}

// A finite value as mantissa text ("-1.5", "3.") and, in scientific form, exponent.
struct Number {
  std::string whole;     // before the point, with the sign
  std::string fraction;  // after the point
  int exponent = 0;
};

// The shortest digits that read back as `v`, rounded to `precision` digits after the point
// when they need more; trailing zeros dropped.
Number shortest(double v, bool scientific) {
  const auto format = scientific ? std::chars_format::scientific : std::chars_format::fixed;
  std::string text = chars(v, format);
  std::size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  const std::size_t point = mantissa.find('.');
  if (point != std::string::npos && mantissa.size() - point - 1 > precision) {
    text = chars(v, format, precision);
    e = text.find('e');
    mantissa = text.substr(0, e);
  }
  Number n;
  if (e != std::string::npos) n.exponent = std::stoi(text.substr(e + 1));
  const std::size_t dot = mantissa.find('.');
  n.whole = mantissa.substr(0, dot);
  if (dot != std::string::npos) n.fraction = mantissa.substr(dot + 1);
  while (!n.fraction.empty() && n.fraction.back() == '0') n.fraction.pop_back();
  return n;
}

// How numpy lays out one array: the form and the widths every value is padded to.
struct Layout {
  bool scientific = false;
  std::size_t pad_left = 0;   // characters before the point
  std::size_t pad_right = 0;  // characters after it (with the exponent in scientific form)
  std::size_t fraction_digits = 0;  // scientific: every value shows this many
  std::size_t exponent_digits = 0;
};

std::string exponent_text(int exponent, std::size_t digits) {
  std::string magnitude = std::to_string(std::abs(exponent));
  if (magnitude.size() < digits) magnitude.insert(0, digits - magnitude.size(), '0');
  std::string text = exponent < 0 ? "e-" : "e+";
  return text.append(magnitude);
}

Layout layout_of(std::span<const double> values) {
  Layout layout;
  double smallest = INFINITY, largest = 0;
  bool any_finite = false, negative_inf = false, any_non_finite = false;
  for (double v : values) {
    if (!std::isfinite(v)) {
      any_non_finite = true;
      negative_inf = negative_inf || v < 0;
      continue;
    }
    any_finite = true;
    if (v == 0) continue;
    smallest = std::min(smallest, std::fabs(v));
    largest = std::max(largest, std::fabs(v));
  }
  if (largest > 0) layout.scientific = largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1000.0;
  if (any_finite) {
    for (double v : values) {
      if (!std::isfinite(v)) continue;
      const Number n = shortest(v, layout.scientific);
      layout.pad_left = std::max(layout.pad_left, n.whole.size());
      layout.fraction_digits = std::max(layout.fraction_digits, n.fraction.size());
      layout.exponent_digits = std::max(layout.exponent_digits, std::max<std::size_t>(
                                                                    2, std::to_string(std::abs(n.exponent)).size()));
    }
    layout.pad_right = layout.scientific ? layout.fraction_digits + 2 + layout.exponent_digits : layout.fraction_digits;
  }
  if (any_non_finite) {
    const std::size_t after = layout.pad_right + 1;  // the point too
    const std::size_t inf_width = negative_inf ? 4 : 3;
    layout.pad_left = std::max({layout.pad_left, 3 > after ? 3 - after : 0, inf_width > after ? inf_width - after : 0});
  }
  return layout;
}

std::string format_value(double v, const Layout& layout) {
  if (!std::isfinite(v)) {
    const std::string text = std::isnan(v) ? "nan" : v < 0 ? "-inf" : "inf";
    const std::size_t width = layout.pad_left + layout.pad_right + 1;
    return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
  }
  if (layout.scientific) {
    // Every value shows the same number of digits: more of its exact value where its
    // shortest form has fewer (zeros, except for subnormals: 5e-324 is 4.94065646e-324).
    const int digits = static_cast<int>(layout.fraction_digits);
    const std::string text = chars(v, std::chars_format::scientific, digits);
    const std::size_t e = text.find('e');
    const std::string mantissa = text.substr(0, e) + (digits == 0 ? "." : "");
    const std::size_t whole = mantissa.find('.');
    return std::string(layout.pad_left - whole, ' ') + mantissa +
           exponent_text(std::stoi(text.substr(e + 1)), layout.exponent_digits);
  }
  const Number n = shortest(v, false);
  std::string text = std::string(layout.pad_left - n.whole.size(), ' ') + n.whole + '.' + n.fraction;
  return text + std::string(layout.pad_right - n.fraction.size(), ' ');
}

// Appends `word` to the current line, first starting a new one when it would pass the width
// (unless the line holds nothing yet).
void extend_line(std::string& out, std::string& line, const std::string& word) {
  constexpr std::size_t width = line_width - 1;  // room for "]"
  constexpr std::size_t indent = 1;               // under the "["
  if (line.size() + word.size() > width && line.size() > indent) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
    line.assign(indent, ' ');
  }
  line += word;
}

}  // namespace

std::string numpy_str(std::span<const double> values) {
  const bool summarized = values.size() > summary_threshold;
  std::vector<double> shown(values.begin(), values.end());
  if (summarized) {
    shown.assign(values.begin(), values.begin() + edge_items);
    shown.insert(shown.end(), values.end() - edge_items, values.end());
  }
  const Layout layout = layout_of(shown);
  std::string out, line = " ";
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (summarized && i == edge_items) {
      extend_line(out, line, "...");
      line += ' ';
    }
    extend_line(out, line, format_value(shown[i], layout));
    if (i + 1 < shown.size()) line += ' ';
  }
  out += line;
  out[0] = '[';
  return out.append("]");
}

}  // namespace hpcpp
