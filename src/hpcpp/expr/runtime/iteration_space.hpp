#pragma once
// The loop nest of one evaluation: the result's shape with axes of length one dropped
// and neighbouring axes merged wherever every operand is contiguous across them, so
// whole arrays become one long row and a padded 2D field keeps rows.
#include <cstdint>
#include <vector>

#include "hpcpp/expr/array_ref.hpp"

namespace hpcpp::expr {

struct IterationSpace {
  std::vector<std::int64_t> outer;                 // lengths of the outer axes
  std::vector<std::vector<std::int64_t>> strides;  // per operand, per axis (outer..., inner)
  std::int64_t rows = 1;                           // product of outer
  std::int64_t inner = 1;                          // length of the innermost axis

  static IterationSpace over(const std::vector<std::int64_t>& shape, const std::vector<const ArrayRef*>& operands);
  std::int64_t inner_stride(std::size_t operand) const { return strides[operand].back(); }
  // The address of element 0 of `row` for every operand.
  void row_pointers(std::int64_t row, const std::vector<const ArrayRef*>& operands, std::vector<char*>& base) const;
};

}  // namespace hpcpp::expr
