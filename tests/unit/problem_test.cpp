#include "hpcpp/diffusion/problem.hpp"

#include <gtest/gtest.h>

#include <cmath>

// The lecture's derived quantities for its default parameters (SYSTEMS.md §1).
TEST(Problem, LectureDefaults) {
  const auto p = hpcpp::diffusion::Problem::from_params({});
  EXPECT_EQ(p.nrows, 299);
  EXPECT_EQ(p.npnts, 301);
  EXPECT_EQ(p.nsteps, 13410);
  EXPECT_EQ(p.dx, 20.0 / 299);
  EXPECT_EQ(p.nsteps / p.nper + 1, 31);  // lines printed, counting simtime 0
  EXPECT_NEAR(p.coefficient, 0.25, 1e-15);
  EXPECT_NEAR(p.x.front(), -10.0 - p.dx, 1e-12);
  EXPECT_NEAR(p.x.back(), 10.0, 1e-12);
}

TEST(Problem, NperIsAtLeastOne) {
  hpcpp::params::Diff2dParams params;
  params.outtime = 1e-9;
  EXPECT_EQ(hpcpp::diffusion::Problem::from_params(params).nper, 1);
}

TEST(Problem, InitialFieldHasFourUnitPeaksAndZeroBoundary) {
  hpcpp::params::Diff2dParams params;
  params.dx = 20.0 / 40.5;  // nrows = 40: the peaks at x = +-5 fall on grid points
  const auto p = hpcpp::diffusion::Problem::from_params(params);
  const auto f = p.initial_field();
  double peak = 0;
  for (std::int64_t i = 0; i < p.npnts; ++i) {
    EXPECT_EQ(f.at(0, i), 0.0);
    EXPECT_EQ(f.at(i, 0), 0.0);
    EXPECT_EQ(f.at(p.npnts - 1, i), 0.0);
    EXPECT_EQ(f.at(i, p.npnts - 1), 0.0);
    for (std::int64_t j = 0; j < p.npnts; ++j) peak = std::max(peak, f.at(i, j));
  }
  EXPECT_NEAR(peak, 1.0, 1e-12);
  // Symmetric under the exchange of x and y.
  for (std::int64_t i = 1; i < p.npnts - 1; ++i)
    for (std::int64_t j = 1; j < p.npnts - 1; ++j) EXPECT_EQ(f.at(i, j), f.at(j, i));
}

TEST(Problem, PythonSquareMatchesLibmPow) {
  for (double v : {0.0667, 20.0 / 299, 1e-3, 3.0}) EXPECT_EQ(hpcpp::diffusion::python_square(v), std::pow(v, 2.0));
}
