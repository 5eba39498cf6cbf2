#include "hpcpp/core/numpy_str.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "hpcpp/core/float_repr.hpp"

namespace hpcpp {
namespace {

constexpr int max_precision = 8;  // numpy's default print precision

// Digits after the point that Python's repr needs, capped at numpy's precision.
int fraction_digits(double v) {
  for (int digits = 0; digits < max_precision; ++digits)
    if (std::stod(fmt::format("{:.{}f}", v, digits)) == v) return digits;
  return max_precision;
}

bool positional(double v) {
  const double a = std::fabs(v);
  return std::isfinite(v) && (a == 0.0 || (a >= 1e-4 && a < 1e8));
}

std::string positional_text(double v, int digits) {
  std::string text = fmt::format("{:.{}f}", v, digits);
  if (digits == 0) return text + ".";
  while (text.back() == '0' && text[text.size() - 2] != '.') text.pop_back();
  return text;
}

}  // namespace

std::string numpy_str(std::span<const double> values) {
  const bool all_positional = std::all_of(values.begin(), values.end(), positional);
  int digits = 0;
  if (all_positional)
    for (double v : values) digits = std::max(digits, fraction_digits(v));
  std::vector<std::string> texts;
  std::size_t width_before_point = 0, width_after_point = 0;
  for (double v : values) {
    texts.push_back(all_positional ? positional_text(v, digits) : python_float_repr(v));
    const auto point = std::min(texts.back().find('.'), texts.back().size());
    width_before_point = std::max(width_before_point, point);
    width_after_point = std::max(width_after_point, texts.back().size() - point);
  }
  std::string out = "[";
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto point = std::min(texts[i].find('.'), texts[i].size());
    if (i > 0) out += ' ';
    out += std::string(width_before_point - point, ' ') + texts[i] +
           std::string(width_after_point - (texts[i].size() - point), ' ');
  }
  return out + "]";
}

}  // namespace hpcpp
