#pragma once
// Tick positions and labels for a plot axis, as matplotlib's default locator picks them:
// round steps (1, 2, 2.5 or 5 times a power of ten), at most `max_ticks` inside the range.
#include <string>
#include <vector>

namespace hpcpp::io {

struct Tick {
  double value;
  std::string label;
};

std::vector<Tick> axis_ticks(double low, double high, int max_ticks);

}  // namespace hpcpp::io
