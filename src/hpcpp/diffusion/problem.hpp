#pragma once
// The lecture's derived quantities, computed once and exactly as diff2d.py computes them.
#include <cstdint>
#include <vector>

#include "hpcpp/diffusion/field.hpp"
#include "hpcpp/params/diff2d_params.hpp"

namespace hpcpp::diffusion {

struct Problem {
  params::Diff2dParams params;
  std::int64_t nrows = 0;   // interior points per side
  std::int64_t npnts = 0;   // nrows + 2
  double dx = 0;            // (x2-x1)/nrows, recomputed
  double dt = 0;            // 0.25*dx**2/D
  double coefficient = 0;   // (D/dx**2)*dt, the factor in front of the Laplacian
  std::int64_t nsteps = 0;  // int(runtime/dt)
  std::int64_t nper = 0;    // int(outtime/dt), at least 1
  std::vector<double> x;    // grid coordinates, x[0] = x1-dx ... x[npnts-1] = x2

  static Problem from_params(const params::Diff2dParams& p);

  // The four-peak initial density, boundaries zero.
  Field initial_field() const;

  // The simulated time after `steps` steps: dt added once a step, as the lecture's loop does.
  double time_after(std::int64_t steps) const;
};

// Python's float ** 2: a call of the C library's pow, which the compiler must not fold.
double python_square(double value);

}  // namespace hpcpp::diffusion
