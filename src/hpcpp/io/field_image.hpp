#pragma once
// A picture of a 2D field like matplotlib's imshow(dens, extent=...) with a colour bar: the
// field scaled to fill a square panel (nearest neighbour, row 0 at the top), viridis
// colours, x and y axes in the domain's coordinates with ticks and labels, a title above
// and a labelled colour bar on the right.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "hpcpp/io/image.hpp"

namespace hpcpp::io {

struct FieldView {
  const double* data;
  std::int64_t rows;
  std::int64_t cols;
  std::int64_t row_stride;
};

// Where the field's outer pixel edges lie in the domain's coordinates.
struct Extent {
  double left = 0, right = 1, bottom = 0, top = 1;
};

struct PlotOptions {
  int width = 640;  // matplotlib's default figure: 6.4 x 4.8 inches at 100 dpi
  int height = 480;
  // The values mapped to the colour bar's ends; without one, each picture spans its own
  // field's minimum to maximum, as imshow does.
  std::optional<std::pair<double, double>> color_range;
};

inline constexpr int min_plot_width = 160;
inline constexpr int min_plot_height = 120;

// The finite minimum and maximum of the field ({0, 1} when it has no finite value).
std::pair<double, double> value_range(const FieldView& field);

Image render_field(const FieldView& field, const Extent& extent, const PlotOptions& options, const std::string& title);

}  // namespace hpcpp::io
