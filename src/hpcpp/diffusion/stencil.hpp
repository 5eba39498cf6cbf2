#pragma once
// One row of the lecture's update, with its order of operations:
//   lap  = dens[i+1][j] + dens[i-1][j] + dens[i][j+1] + dens[i][j-1] - 4*dens[i][j]
//   next = dens[i][j] + coefficient*lap
// Every backend that claims bit-identity with `reference` evaluates exactly this.
#include <cstdint>

namespace hpcpp::diffusion {

inline void stencil_row(const double* __restrict above, const double* __restrict here,
                        const double* __restrict below, double* __restrict next, std::int64_t first,
                        std::int64_t last, double coefficient) {
  for (std::int64_t j = first; j < last; ++j) {
    const double lap = below[j] + above[j] + here[j + 1] + here[j - 1] - 4 * here[j];
    next[j] = here[j] + coefficient * lap;
  }
}

}  // namespace hpcpp::diffusion
