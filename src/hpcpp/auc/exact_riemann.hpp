#pragma once
// The left Riemann sum on n points in closed form, from the sums of i, i^2 and i^3, in
// exact integer arithmetic and long double: what the floating-point backends approximate.
#include <cstdint>

namespace hpcpp::auc {

long double exact_left_riemann(std::int64_t n);

}  // namespace hpcpp::auc
