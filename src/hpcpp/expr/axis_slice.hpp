#pragma once
#include <cstdint>
#include <optional>

namespace hpcpp::expr {

// One axis of a subscript: `i` (an index, drops the axis) or `start:stop:step`.
struct AxisSlice {
  bool is_index = false;
  std::optional<std::int64_t> start, stop, step;
  bool operator==(const AxisSlice&) const = default;
};

}  // namespace hpcpp::expr
