#include "hpcpp/io/field_image.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "hpcpp/io/axis_ticks.hpp"
#include "hpcpp/io/bitmap_font.hpp"
#include "hpcpp/io/colormap.hpp"

namespace hpcpp::io {
namespace {

constexpr Rgb white{255, 255, 255};
constexpr Rgb black{0, 0, 0};

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

int widest(const std::vector<Tick>& ticks, int scale) {
  int width = 0;
  for (const auto& t : ticks) width = std::max(width, text_width(t.label, scale));
  return width;
}

// Sizes in pixels, all grown with the text scale so labels stay readable on large pictures.
struct Layout {
  int scale, glyph_h, pad, tick, bar_w;
  int panel_x, panel_y, panel;
  int bar_x;
};

Layout lay_out(int width, int height, int y_label_w, int bar_label_w) {
  Layout l{};
  l.scale = std::max(1, (std::min(width, height) + 160) / 320);
  l.glyph_h = glyph_height * l.scale;
  l.pad = 4 * l.scale;
  l.tick = 4 * l.scale;
  l.bar_w = 12 * l.scale;
  const int title_h = l.glyph_h + 4 * l.pad;
  const int bottom_h = l.tick + l.pad + l.glyph_h + l.pad + l.glyph_h + 2 * l.pad;
  const int left_w = 2 * l.pad + text_width("y", l.scale) + l.pad + y_label_w + l.pad + l.tick;
  const int right_w = 4 * l.pad + l.bar_w + l.tick + l.pad + bar_label_w + 2 * l.pad;
  l.panel = std::max(8, std::min(width - left_w - right_w, height - title_h - bottom_h));
  l.panel_x = left_w + std::max(0, (width - left_w - right_w - l.panel) / 2);
  l.panel_y = title_h;
  l.bar_x = l.panel_x + l.panel + 4 * l.pad;
  return l;
}

// Position of `value` along an axis of `length` pixels from `from` to `to`.
int along(double value, double from, double to, int length) {
  return static_cast<int>(std::lround((value - from) / (to - from) * (length - 1)));
}

}  // namespace

std::pair<double, double> value_range(const FieldView& field) {
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (std::int64_t i = 0; i < field.rows; ++i) {
    const double* row = field.data + i * field.row_stride;
    for (std::int64_t j = 0; j < field.cols; ++j) {
      if (!std::isfinite(row[j])) continue;
      low = std::min(low, row[j]);
      high = std::max(high, row[j]);
    }
  }
  if (low > high) return {0.0, 1.0};
  return {low, high};
}

Image render_field(const FieldView& field, const Extent& extent, const PlotOptions& options, const std::string& title) {
  auto [low, high] = options.color_range ? *options.color_range : value_range(field);
  if (!(high > low)) high = low + 1;  // a constant field: one colour, a bar that still reads
  const auto x_ticks = axis_ticks(extent.left, extent.right, 6);
  const auto y_ticks = axis_ticks(extent.bottom, extent.top, 6);
  const auto bar_ticks = axis_ticks(low, high, 6);
  const int scale = std::max(1, (std::min(options.width, options.height) + 160) / 320);
  const Layout l = lay_out(options.width, options.height, widest(y_ticks, scale), widest(bar_ticks, scale));
  Image image(options.width, options.height, white);
  const double span = high - low;

  for (int py = 0; py < l.panel; ++py) {
    const std::int64_t i = std::min<std::int64_t>(field.rows - 1, py * field.rows / l.panel);
    const double* row = field.data + i * field.row_stride;
    for (int px = 0; px < l.panel; ++px) {
      const std::int64_t j = std::min<std::int64_t>(field.cols - 1, px * field.cols / l.panel);
      image.set(l.panel_x + px, l.panel_y + py, viridis((row[j] - low) / span));
    }
  }
  frame_box(image, l.panel_x, l.panel_y, l.panel, l.panel);

  const int below = l.panel_y + l.panel;
  for (const auto& t : x_ticks) {
    const int x = l.panel_x + along(t.value, extent.left, extent.right, l.panel);
    for (int d = 0; d < l.tick; ++d) image.set(x, below + d, black);
    draw_text(image, x - text_width(t.label, l.scale) / 2, below + l.tick + l.pad, t.label, black, l.scale);
  }
  draw_text(image, l.panel_x + (l.panel - text_width("x", l.scale)) / 2, below + l.tick + 2 * l.pad + l.glyph_h, "x",
            black, l.scale);
  for (const auto& t : y_ticks) {
    const int y = l.panel_y + along(t.value, extent.top, extent.bottom, l.panel);
    for (int d = 1; d <= l.tick; ++d) image.set(l.panel_x - d, y, black);
    draw_text(image, l.panel_x - l.tick - l.pad - text_width(t.label, l.scale), y - l.glyph_h / 2, t.label, black,
              l.scale);
  }
  draw_text(image, 2 * l.pad, l.panel_y + (l.panel - l.glyph_h) / 2, "y", black, l.scale);

  for (int py = 0; py < l.panel; ++py) {
    const Rgb c = viridis(1.0 - static_cast<double>(py) / (l.panel - 1));
    for (int px = 0; px < l.bar_w; ++px) image.set(l.bar_x + px, l.panel_y + py, c);
  }
  frame_box(image, l.bar_x, l.panel_y, l.bar_w, l.panel);
  for (const auto& t : bar_ticks) {
    const int y = l.panel_y + along(t.value, high, low, l.panel);
    for (int d = 0; d < l.tick; ++d) image.set(l.bar_x + l.bar_w + d, y, black);
    draw_text(image, l.bar_x + l.bar_w + l.tick + l.pad, y - l.glyph_h / 2, t.label, black, l.scale);
  }

  const int title_x = std::max(0, l.panel_x + (l.panel - text_width(title, l.scale)) / 2);
  draw_text(image, title_x, 2 * l.pad, title, black, l.scale);
  return image;
}

}  // namespace hpcpp::io
