#include "hpcpp/io/plot_options.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>
#include <optional>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"

namespace hpcpp::io {
namespace {

// The whole text as one number, no sign but '-' and no spaces, as from_chars reads it.
template <typename T>
std::optional<T> whole_number(std::string_view text) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// The numbers left and right of the first `separator`, each read whole.
template <typename T>
std::optional<std::pair<T, T>> number_pair(std::string_view text, char separator) {
  const auto at = text.find(separator);
  if (at == std::string_view::npos) return std::nullopt;
  const auto first = whole_number<T>(text.substr(0, at));
  const auto second = whole_number<T>(text.substr(at + 1));
  if (!first || !second) return std::nullopt;
  return std::pair{*first, *second};
}

}  // namespace

std::string plot_size_rule() {
  return fmt::format("{} to {} by {} to {}", min_plot_width, max_plot_side, min_plot_height, max_plot_side);
}

bool is_plot_size(std::int64_t width, std::int64_t height) {
  return width >= min_plot_width && height >= min_plot_height && width <= max_plot_side && height <= max_plot_side;
}

std::string color_range_rule(std::string_view low, std::string_view high) {
  return fmt::format("two finite numbers with {} < {}", low, high);
}

bool is_color_range(double low, double high) { return std::isfinite(low) && std::isfinite(high) && low < high; }

PlotOptions plot_options_from_text(const std::string& frame_size, const std::string& color_range) {
  PlotOptions plot;
  if (!frame_size.empty()) {
    const auto size = number_pair<int>(frame_size, 'x');
    if (!size || !is_plot_size(size->first, size->second))
      throw Error(fmt::format("--frame-size {}: must be WIDTHxHEIGHT in pixels, {} (e.g. 640x480)",
                              printable(frame_size), plot_size_rule()));
    plot.width = size->first;
    plot.height = size->second;
  }
  if (!color_range.empty()) {
    const auto range = number_pair<double>(color_range, ':');
    if (!range || !is_color_range(range->first, range->second))
      throw Error(fmt::format("--color-range {}: must be LOW:HIGH, {} (e.g. 0:1)", printable(color_range),
                              color_range_rule("LOW", "HIGH")));
    plot.color_range = range;
  }
  return plot;
}

}  // namespace hpcpp::io
