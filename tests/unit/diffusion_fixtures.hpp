#pragma once
// Problems and fields shared by the diffusion tests.
#include <cstdint>
#include <random>

#include "hpcpp/diffusion/field.hpp"
#include "hpcpp/diffusion/problem.hpp"

namespace hpcpp::testing {

// The lecture's parameters with dx chosen so the interior is exactly nrows x nrows.
inline diffusion::Problem problem_with_rows(std::int64_t nrows, double runtime = 1.0, double outtime = 0.1) {
  params::Diff2dParams p;
  p.dx = (p.x2 - p.x1) / (static_cast<double>(nrows) + 0.5);
  p.runtime = runtime;
  p.outtime = outtime;
  return diffusion::Problem::from_params(p);
}

// A field of random interior values in [0, 1) with zero boundaries: every term of the
// stencil changes the result, so any reordering of the arithmetic shows.
inline diffusion::Field random_field(std::int64_t rows, std::int64_t cols, unsigned seed) {
  diffusion::Field f(rows, cols);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (std::int64_t i = 1; i < rows - 1; ++i)
    for (std::int64_t j = 1; j < cols - 1; ++j) f.at(i, j) = uniform(rng);
  return f;
}

inline diffusion::Field copy_of(const diffusion::Field& f) {
  diffusion::Field c(f.rows(), f.cols());
  for (std::int64_t i = 0; i < f.rows(); ++i)
    for (std::int64_t j = 0; j < f.cols(); ++j) c.at(i, j) = f.at(i, j);
  return c;
}

}  // namespace hpcpp::testing
