#include "hpcpp/io/field_image.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "hpcpp/io/bitmap_font.hpp"
#include "hpcpp/io/colormap.hpp"

namespace hpcpp::io {
namespace {

constexpr Rgb white{255, 255, 255};
constexpr Rgb black{0, 0, 0};
constexpr int panel = 480;
constexpr int margin = 20;
constexpr int title_height = 40;
constexpr int bar_width = 24;
constexpr int label_width = 70;

void frame_box(Image& image, int x0, int y0, int w, int h) {
  for (int x = x0 - 1; x <= x0 + w; ++x) {
    image.set(x, y0 - 1, black);
    image.set(x, y0 + h, black);
  }
  for (int y = y0 - 1; y <= y0 + h; ++y) {
    image.set(x0 - 1, y, black);
    image.set(x0 + w, y, black);
  }
}

}  // namespace

Image render_field(const FieldView& field, double low, double high, const std::string& title) {
  const int bar_x = margin + panel + margin;
  Image image(bar_x + bar_width + label_width, title_height + panel + margin, white);
  const double span = high > low ? high - low : 1.0;

  const int top = title_height;
  for (int py = 0; py < panel; ++py) {
    const std::int64_t i = std::min<std::int64_t>(field.rows - 1, py * field.rows / panel);
    const double* row = field.data + i * field.row_stride;
    for (int px = 0; px < panel; ++px) {
      const std::int64_t j = std::min<std::int64_t>(field.cols - 1, px * field.cols / panel);
      image.set(margin + px, top + py, viridis((row[j] - low) / span));
    }
  }
  frame_box(image, margin, top, panel, panel);

  for (int py = 0; py < panel; ++py) {
    const Rgb c = viridis(1.0 - static_cast<double>(py) / (panel - 1));
    for (int px = 0; px < bar_width; ++px) image.set(bar_x + px, top + py, c);
  }
  frame_box(image, bar_x, top, bar_width, panel);
  constexpr int ticks = 5;
  for (int k = 0; k <= ticks; ++k) {
    const int y = top + (panel - 1) * (ticks - k) / ticks;
    for (int px = 0; px < 5; ++px) image.set(bar_x + bar_width + px, y, black);
    draw_text(image, bar_x + bar_width + 8, std::clamp(y - glyph_height / 2, top, top + panel - glyph_height),
              fmt::format("{:.3g}", low + span * k / ticks), black);
  }

  const int title_x = std::max(0, margin + (panel - text_width(title, 2)) / 2);
  draw_text(image, title_x, (title_height - 2 * glyph_height) / 2, title, black, 2);
  return image;
}

}  // namespace hpcpp::io
