#pragma once
// The scheme is linear with constant coefficients, so its discrete solution is known in
// closed form: expand the initial interior in the sine basis sin(k*pi*i/(N+1))
// sin(l*pi*j/(N+1)); each mode is multiplied per step by
// g(k,l) = 1 - 4c (sin^2(k*pi/(2(N+1))) + sin^2(l*pi/(2(N+1)))), c = (D/dx^2) dt.
// Computed in long double with O(N^3) separable transforms: for verification on small grids.
#include <cstdint>

#include "hpcpp/diffusion/field.hpp"

namespace hpcpp::diffusion {

// `initial` must be square.
Field exact_discrete_solution(const Field& initial, double coefficient, std::int64_t steps);

}  // namespace hpcpp::diffusion
