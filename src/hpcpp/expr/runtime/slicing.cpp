#include "hpcpp/expr/runtime/slicing.hpp"

#include <fmt/core.h>

#include "hpcpp/core/error.hpp"

namespace hpcpp::expr {
namespace {

std::int64_t clamp_bound(std::int64_t bound, std::int64_t size, std::int64_t step) {
  if (bound < 0) {
    bound += size;
    if (bound < 0) return step < 0 ? -1 : 0;
  } else if (bound >= size) {
    return step < 0 ? size - 1 : size;
  }
  return bound;
}

}  // namespace

ArrayRef slice_view(const ArrayRef& array, const std::vector<AxisSlice>& slices, std::string_view spelling) {
  if (slices.size() > array.shape.size())
    throw Error(fmt::format("{}: {} subscripts for an array of {} dimensions", spelling, slices.size(), array.shape.size()));
  ArrayRef view = array;
  view.shape.clear();
  view.strides.clear();
  char* data = static_cast<char*>(array.data);
  for (std::size_t axis = 0; axis < array.shape.size(); ++axis) {
    const std::int64_t size = array.shape[axis], stride = array.strides[axis];
    if (axis >= slices.size()) {
      view.shape.push_back(size);
      view.strides.push_back(stride);
      continue;
    }
    const AxisSlice& s = slices[axis];
    if (s.is_index) {
      const std::int64_t index = *s.start < 0 ? *s.start + size : *s.start;
      if (index < 0 || index >= size)
        throw Error(fmt::format("{}: index {} is out of range for axis {} of size {}", spelling, *s.start, axis, size));
      data += index * stride;
      continue;
    }
    const std::int64_t step = s.step.value_or(1);
    const std::int64_t start = s.start ? clamp_bound(*s.start, size, step) : (step < 0 ? size - 1 : 0);
    const std::int64_t stop = s.stop ? clamp_bound(*s.stop, size, step) : (step < 0 ? -1 : size);
    std::int64_t length = 0;
    if (step > 0 && start < stop) length = (stop - start - 1) / step + 1;
    if (step < 0 && stop < start) length = (start - stop - 1) / -step + 1;
    if (length > 0) data += start * stride;
    view.shape.push_back(length);
    view.strides.push_back(length > 1 ? stride * step : stride);
  }
  view.data = data;
  return view;
}

}  // namespace hpcpp::expr
