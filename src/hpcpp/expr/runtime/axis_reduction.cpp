#include "hpcpp/expr/runtime/axis_reduction.hpp"

#include <fmt/core.h>

#include <cstring>

#include "hpcpp/core/error.hpp"
#include "hpcpp/expr/runtime/iteration_space.hpp"

namespace hpcpp::expr {

std::optional<std::size_t> normalized_axis(const Program& program, std::size_t rank) {
  if (!program.reduction_axis) return std::nullopt;
  const std::int64_t k = *program.reduction_axis, r = static_cast<std::int64_t>(rank);
  if (k < -r || k >= r)
    throw Error(fmt::format("{}(): axis {} is out of bounds for {} dimension{}", op_info(*program.reduction).name, k, rank,
                            rank == 1 ? "" : "s"));
  return static_cast<std::size_t>(k < 0 ? k + r : k);
}

std::vector<std::int64_t> reduced_shape(const Program& program, const std::vector<std::int64_t>& shape) {
  if (!program.reduction) return shape;
  const auto axis = normalized_axis(program, shape.size());
  if (!axis) return {};
  std::vector<std::int64_t> reduced = shape;
  reduced.erase(reduced.begin() + static_cast<std::ptrdiff_t>(*axis));
  return reduced;
}

ArrayRef accumulation_view(const ArrayRef& out, std::size_t axis) {
  ArrayRef v = out;
  v.shape.insert(v.shape.begin() + static_cast<std::ptrdiff_t>(axis), 1);
  v.strides.insert(v.strides.begin() + static_cast<std::ptrdiff_t>(axis), 0);
  return v;
}

void fill_view(const ArrayRef& view, const Scalar& value) {
  const IterationSpace space = IterationSpace::over(view.shape, {&view});
  const auto size = static_cast<std::int64_t>(dtype_size(view.dtype));
  std::vector<char*> base(1);
  for (std::int64_t row = 0; row < space.rows; ++row) {
    space.row_pointers(row, {&view}, base);
    for (std::int64_t j = 0; j < space.inner; ++j) std::memcpy(base[0] + j * space.inner_stride(0), value.bytes, static_cast<std::size_t>(size));
  }
}

}  // namespace hpcpp::expr
