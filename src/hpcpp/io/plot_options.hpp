#pragma once
// The picture options of diff2d's frames and animation, whoever gives them: the command
// line's --frame-size WIDTHxHEIGHT and --color-range LOW:HIGH read from their text as
// typed, or Python's (width, height) and (low, high). The limits and rules are stated
// here once, for the messages of both.
#include <cstdint>
#include <string>
#include <string_view>

#include "hpcpp/io/field_image.hpp"

namespace hpcpp::io {

inline constexpr int max_plot_side = 8000;

// "160 to 8000 by 120 to 8000": the widths and heights a picture may have, in pixels.
std::string plot_size_rule();
bool is_plot_size(std::int64_t width, std::int64_t height);

// "two finite numbers with LOW < HIGH", the ends named as the caller spells them.
std::string color_range_rule(std::string_view low, std::string_view high);
bool is_color_range(double low, double high);

// The command line's texts; an empty one keeps the default (640x480, each picture its own
// min..max). Throws hpcpp::Error naming the option and its text as typed.
PlotOptions plot_options_from_text(const std::string& frame_size, const std::string& color_range);

}  // namespace hpcpp::io
