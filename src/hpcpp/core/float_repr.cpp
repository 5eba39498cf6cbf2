#include "hpcpp/core/float_repr.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <type_traits>

namespace hpcpp {
namespace {

template <class T>
std::string shortest_repr(T value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";

  // Shortest round-trip digits in scientific form: "d.ddde[+-]xx".
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(end - buf));

  std::string out;
  std::size_t pos = 0;
  if (sci[0] == '-') {
    out += '-';
    pos = 1;
  }
  const std::size_t e_at = sci.find('e');
  std::string digits;
  for (std::size_t i = pos; i < e_at; ++i)
    if (sci[i] != '.') digits += sci[i];
  const int exponent = std::atoi(std::string(sci.substr(e_at + 1)).c_str());
  // decpt: where the decimal point falls relative to the digit string, as CPython counts.
  const int decpt = exponent + 1;

  // Python decides on the digits; numpy decides a float32 on its value (float32's 1e-4 is
  // 9.99999975e-05, printed "1e-04"). For doubles the two agree.
  const long double magnitude_value = std::fabs(static_cast<long double>(value));
  const bool positional = std::is_same_v<T, double> ? decpt > -4 && decpt <= 16
                                                    : value == 0 || (magnitude_value >= 1e-4L && magnitude_value < 1e16L);
  if (positional) {
    if (decpt <= 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-decpt), '0');
      out += digits;
    } else if (static_cast<std::size_t>(decpt) >= digits.size()) {
      out += digits;
      out.append(static_cast<std::size_t>(decpt) - digits.size(), '0');
      out += ".0";
    } else {
      out += digits.substr(0, static_cast<std::size_t>(decpt));
      out += '.';
      out += digits.substr(static_cast<std::size_t>(decpt));
    }
    return out;
  }
  out += digits[0];
  if (digits.size() > 1) {
    out += '.';
    out += digits.substr(1);
  }
  const int shown = decpt - 1;
  out += shown < 0 ? "e-" : "e+";
  const int magnitude = std::abs(shown);
  if (magnitude < 10) out += '0';
  out += std::to_string(magnitude);
  return out;
}

}  // namespace

std::string python_float_repr(double value) { return shortest_repr(value); }

std::string float32_repr(float value) { return shortest_repr(value); }

}  // namespace hpcpp
