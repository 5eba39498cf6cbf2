#include "hpcpp/io/axis_ticks.hpp"

#include <fmt/core.h>

#include <cmath>

namespace hpcpp::io {
namespace {

// Digits after the point that show every multiple of `step` exactly.
int decimals_for(double step) {
  for (int d = 0; d < 12; ++d) {
    const double scaled = step * std::pow(10.0, d);
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * scaled) return d;
  }
  return 12;
}

std::string tick_label(double value, double step, double magnitude) {
  if (std::abs(value) < step * 1e-9) value = 0;  // no "-0"
  if (magnitude >= 1e5 || magnitude < 1e-3) return fmt::format("{:.3g}", value);
  return fmt::format("{:.{}f}", value, decimals_for(step));
}

}  // namespace

std::vector<Tick> axis_ticks(double low, double high, int max_ticks) {
  std::vector<Tick> ticks;
  if (!(high > low) || !std::isfinite(low) || !std::isfinite(high) || max_ticks < 2) return ticks;
  const double raw = (high - low) / max_ticks;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * power;
  for (double multiple : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (multiple * power >= raw * (1 - 1e-9)) {
      step = multiple * power;
      break;
    }
  }
  const double magnitude = std::max(std::abs(low), std::abs(high));
  const double tolerance = step * 1e-9;
  for (double k = std::ceil((low - tolerance) / step); k * step <= high + tolerance; k += 1) {
    const double value = k * step;
    ticks.push_back({value, tick_label(value, step, magnitude)});
  }
  return ticks;
}

}  // namespace hpcpp::io
