#include "hpcpp/io/colormap.hpp"

#include <algorithm>
#include <cmath>

namespace hpcpp::io {

Rgb viridis(double t) {
  // Samples of viridis at t = k/16 (matplotlib's published colour table).
  static constexpr int samples[17][3] = {
      {68, 1, 84},    {72, 24, 106},  {71, 45, 123},  {66, 64, 134},  {59, 82, 139},   {51, 99, 141},
      {44, 114, 142}, {38, 130, 142}, {33, 145, 140}, {31, 160, 136}, {40, 174, 128},  {63, 188, 115},
      {94, 201, 98},  {132, 212, 75}, {173, 220, 48}, {216, 226, 25}, {253, 231, 37}};
  if (!(t > 0)) t = 0;  // also maps NaN to the low end
  t = std::min(t, 1.0) * 16;
  const int k = std::min(static_cast<int>(t), 15);
  const double f = t - k;
  Rgb c;
  for (int ch = 0; ch < 3; ++ch)
    c[static_cast<std::size_t>(ch)] =
        static_cast<std::uint8_t>(std::lround(samples[k][ch] + f * (samples[k + 1][ch] - samples[k][ch])));
  return c;
}

}  // namespace hpcpp::io
