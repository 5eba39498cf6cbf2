#pragma once
// A 5x7 pixel font for the few characters plot titles and labels need: digits,
// ". - + = e", the letters of "simtime" and the axis names x and y.
#include <string_view>

#include "hpcpp/io/image.hpp"

namespace hpcpp::io {

inline constexpr int glyph_width = 5;
inline constexpr int glyph_height = 7;

// Draws `text` with its top-left corner at (x, y), each font pixel a scale x scale square.
// Characters the font lacks are drawn as blanks.
void draw_text(Image& image, int x, int y, std::string_view text, Rgb colour, int scale = 1);
int text_width(std::string_view text, int scale = 1);

}  // namespace hpcpp::io
