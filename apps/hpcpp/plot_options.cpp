#include "plot_options.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>
#include <optional>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"

namespace hpcpp::cli {
namespace {

template <typename T>
std::optional<T> whole_number(std::string_view text) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

void read_frame_size(const std::string& text, io::PlotOptions& plot) {
  const auto x = text.find('x');
  const auto width = x == std::string::npos ? std::nullopt : whole_number<int>(std::string_view(text).substr(0, x));
  const auto height = x == std::string::npos ? std::nullopt : whole_number<int>(std::string_view(text).substr(x + 1));
  if (!width || !height || *width < io::min_plot_width || *height < io::min_plot_height || *width > max_frame_side ||
      *height > max_frame_side)
    throw Error(fmt::format("--frame-size {}: must be WIDTHxHEIGHT in pixels, {} to {} by {} to {} (e.g. 640x480)",
                            printable(text), io::min_plot_width, max_frame_side, io::min_plot_height, max_frame_side));
  plot.width = *width;
  plot.height = *height;
}

void read_color_range(const std::string& text, io::PlotOptions& plot) {
  const auto colon = text.find(':');
  const auto low = colon == std::string::npos ? std::nullopt : whole_number<double>(std::string_view(text).substr(0, colon));
  const auto high = colon == std::string::npos ? std::nullopt : whole_number<double>(std::string_view(text).substr(colon + 1));
  if (!low || !high || !std::isfinite(*low) || !std::isfinite(*high) || !(*low < *high))
    throw Error(fmt::format("--color-range {}: must be LOW:HIGH, two finite numbers with LOW < HIGH (e.g. 0:1)",
                            printable(text)));
  plot.color_range = std::pair{*low, *high};
}

}  // namespace

io::PlotOptions plot_options(const std::string& frame_size, const std::string& color_range) {
  io::PlotOptions plot;
  if (!frame_size.empty()) read_frame_size(frame_size, plot);
  if (!color_range.empty()) read_color_range(color_range, plot);
  return plot;
}

}  // namespace hpcpp::cli
