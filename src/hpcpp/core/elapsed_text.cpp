#include "hpcpp/core/elapsed_text.hpp"

#include <fmt/core.h>

#include <cmath>

namespace hpcpp {

std::string seconds_text(double seconds) {
  if (!(seconds > 0) || seconds >= 0.1 || !std::isfinite(seconds)) return fmt::format("{:.2f}", seconds);
  const int leading_zeros = -static_cast<int>(std::floor(std::log10(seconds))) - 1;
  return fmt::format("{:.{}f}", seconds, leading_zeros + 2);
}

std::string elapsed_text(double seconds) { return fmt::format("Elapsed: {} seconds", seconds_text(seconds)); }

}  // namespace hpcpp
