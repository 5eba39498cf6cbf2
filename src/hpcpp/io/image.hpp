#pragma once
// An 8-bit RGB picture in memory, drawn on by the renderers and saved as PNG.
#include <array>
#include <cstdint>
#include <vector>

namespace hpcpp::io {

using Rgb = std::array<std::uint8_t, 3>;

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // row-major RGB

  Image(int w, int h, Rgb fill) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h * 3) {
    for (std::size_t p = 0; p < pixels.size(); p += 3) {
      pixels[p] = fill[0];
      pixels[p + 1] = fill[1];
      pixels[p + 2] = fill[2];
    }
  }
  void set(int x, int y, Rgb c) {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    auto* p = &pixels[(static_cast<std::size_t>(y) * width + x) * 3];
    p[0] = c[0];
    p[1] = c[1];
    p[2] = c[2];
  }
  Rgb get(int x, int y) const {
    const auto* p = &pixels[(static_cast<std::size_t>(y) * width + x) * 3];
    return {p[0], p[1], p[2]};
  }
};

}  // namespace hpcpp::io
