#pragma once
// numpy's basic indexing on a view: integer indices drop an axis, slices keep it; bounds
// are clamped as Python clamps them.
#include <string_view>
#include <vector>

#include "hpcpp/expr/array_ref.hpp"
#include "hpcpp/expr/axis_slice.hpp"

namespace hpcpp::expr {

// `spelling` names the subscripted variable in errors (an index out of range, too many
// subscripts).
ArrayRef slice_view(const ArrayRef& array, const std::vector<AxisSlice>& slices, std::string_view spelling);

}  // namespace hpcpp::expr
