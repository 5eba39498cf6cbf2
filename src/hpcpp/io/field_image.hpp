#pragma once
// A picture of a 2D field like matplotlib's imshow(dens) with a colour bar: the field
// scaled to fill a square panel (nearest neighbour, row 0 at the top), viridis colours,
// a title above and a labelled colour bar on the right.
#include <cstdint>
#include <string>

#include "hpcpp/io/image.hpp"

namespace hpcpp::io {

struct FieldView {
  const double* data;
  std::int64_t rows;
  std::int64_t cols;
  std::int64_t row_stride;
};

// Colours span [low, high]; pass the same range for every frame of a run so they compare.
Image render_field(const FieldView& field, double low, double high, const std::string& title);

}  // namespace hpcpp::io
