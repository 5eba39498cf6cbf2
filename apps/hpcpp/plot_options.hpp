#pragma once
// The picture options of diff2d's frames and animation: --frame-size WxH and
// --color-range LO:HI, read from their text as typed.
#include <string>

#include "hpcpp/io/field_image.hpp"

namespace hpcpp::cli {

inline constexpr int max_frame_side = 8000;

// Empty texts keep the defaults (640x480, each frame its own min..max).
io::PlotOptions plot_options(const std::string& frame_size, const std::string& color_range);

}  // namespace hpcpp::cli
