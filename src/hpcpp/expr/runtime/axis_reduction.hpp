#pragma once
// sum(x, axis=k) and prod(x, axis=k): the axis as an index, the result's shape, and `out`
// seen with the expression's shape so that every element has the address it folds into.
#include <cstdint>
#include <optional>
#include <vector>

#include "hpcpp/expr/array_ref.hpp"
#include "hpcpp/expr/program.hpp"
#include "hpcpp/expr/scalar.hpp"

namespace hpcpp::expr {

// The reduced axis made non-negative for an expression of `rank` dimensions; nullopt for an
// elementwise program or a whole-array reduction. Throws where the axis is out of bounds.
std::optional<std::size_t> normalized_axis(const Program& program, std::size_t rank);

// The result's shape for an expression of `shape`: the same, without the reduced axis, or
// () for a whole-array reduction.
std::vector<std::int64_t> reduced_shape(const Program& program, const std::vector<std::int64_t>& shape);

// `out` with a stride-0 axis of length 1 inserted at `axis` (broadcast to the expression's
// length by the iteration space).
ArrayRef accumulation_view(const ArrayRef& out, std::size_t axis);

// Every element of `view` set to `value`.
void fill_view(const ArrayRef& view, const Scalar& value);

}  // namespace hpcpp::expr
