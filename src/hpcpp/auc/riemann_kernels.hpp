#pragma once
// The left Riemann sum over the points i in [begin, end) of n: sum of curve(i*dx)*dx with
// dx = 3/n. Each x is computed from its index (never x += dx, whose error grows with i).
#include <cstdint>

#include "hpcpp/auc/compensated_sum.hpp"

namespace hpcpp::auc {

// One point at a time, Neumaier summation.
CompensatedSum riemann_points(std::int64_t begin, std::int64_t end, std::int64_t n);
// 32 independent lanes the compiler turns into vector instructions (AVX-512, AVX2 or SSE2,
// chosen at run time), each lane a Kahan sum; the lanes are combined at the end. Several
// vectors of lanes let the dependency chains of the Kahan updates overlap.
CompensatedSum riemann_points_simd(std::int64_t begin, std::int64_t end, std::int64_t n);

}  // namespace hpcpp::auc
