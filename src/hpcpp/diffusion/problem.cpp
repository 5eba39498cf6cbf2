#include "hpcpp/diffusion/problem.hpp"

#include <cmath>
#include <cstring>

namespace hpcpp::diffusion {

double python_square(double value) {
  // CPython evaluates x**2 with libm's pow(); GCC would turn std::pow(x, 2.0) into x*x,
  // which can differ in the last bit, so the call goes through a pointer it cannot see.
  static double (*volatile libm_pow)(double, double) = &::pow;
  return libm_pow(value, 2.0);
}

Problem Problem::from_params(const params::Diff2dParams& p) {
  Problem pr;
  pr.params = p;
  pr.nrows = params::lecture_nrows(p.x1, p.x2, p.dx);
  pr.npnts = pr.nrows + 2;
  pr.dx = (p.x2 - p.x1) / static_cast<double>(pr.nrows);
  const double dx2 = python_square(pr.dx);
  pr.dt = 0.25 * dx2 / p.D;
  pr.coefficient = (p.D / dx2) * pr.dt;
  pr.nsteps = static_cast<std::int64_t>(p.runtime / pr.dt);
  pr.nper = static_cast<std::int64_t>(p.outtime / pr.dt);
  if (pr.nper == 0) pr.nper = 1;
  pr.x.resize(static_cast<std::size_t>(pr.npnts));
  for (std::int64_t i = 0; i < pr.npnts; ++i)
    pr.x[static_cast<std::size_t>(i)] =
        p.x1 + (static_cast<double>(i - 1) * (p.x2 - p.x1)) / static_cast<double>(pr.nrows);
  return pr;
}

double Problem::time_after(std::int64_t steps) const {
  double simtime = 0 * dt;
  for (std::int64_t i = 0; i < steps; ++i) simtime += dt;
  return simtime;
}

Field Problem::initial_field() const {
  Field field(npnts);
  const double x1 = params.x1, x2 = params.x2;
  auto peak = [&](double xi) { return 1 - std::abs(1 - 4 * std::abs((xi - (x1 + x2) / 2) / (x2 - x1))); };
  for (std::int64_t i = 1; i < npnts - 1; ++i) {
    const double a = peak(x[static_cast<std::size_t>(i)]);
    double* row = field.row(i);
    for (std::int64_t j = 1; j < npnts - 1; ++j) row[j] = a * peak(x[static_cast<std::size_t>(j)]);
  }
  return field;
}

bool bit_identical(const Field& a, const Field& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (std::int64_t i = 0; i < a.rows(); ++i)
    for (std::int64_t j = 0; j < a.cols(); ++j)
      if (std::memcmp(&a.row(i)[j], &b.row(i)[j], sizeof(double)) != 0) return false;
  return true;
}

}  // namespace hpcpp::diffusion
