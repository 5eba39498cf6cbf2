// The scheme converges to the continuous solution with second order in space (dt ~ dx^2,
// so the time error is second order in dx too).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "diffusion_fixtures.hpp"
#include "hpcpp/diffusion/backend.hpp"

using namespace hpcpp::diffusion;

namespace {

// Initial data: two sine modes of the grid's domain [x[0], x[npnts-1]] (length L = (N+1)dx),
// whose continuous evolution is known exactly: each mode decays as exp(-D pi^2 (k^2+l^2) t / L^2).
struct Mode {
  int k, l;
  double amplitude;
};
constexpr Mode modes[] = {{1, 1, 1.0}, {2, 3, 0.5}};

double continuous(double xi, double eta, double t, double D, double L) {
  const double pi = std::numbers::pi;
  double value = 0;
  for (const Mode& m : modes)
    value += m.amplitude * std::sin(m.k * pi * xi) * std::sin(m.l * pi * eta) *
             std::exp(-D * pi * pi * (m.k * m.k + m.l * m.l) * t / (L * L));
  return value;
}

// Max error at t ~ 0.01 on an N x N interior of the unit-length domain.
double error_at(std::int64_t n) {
  hpcpp::params::Diff2dParams params;
  params.x1 = 0.0;
  params.x2 = 1.0;
  params.dx = 1.0 / (static_cast<double>(n) + 0.5);
  const Problem problem = Problem::from_params(params);
  const double L = static_cast<double>(n + 1) * problem.dx;
  Field field(problem.npnts);
  for (std::int64_t i = 1; i <= n; ++i)
    for (std::int64_t j = 1; j <= n; ++j)
      field.at(i, j) = continuous(static_cast<double>(i) / (n + 1), static_cast<double>(j) / (n + 1), 0, 1.0, L);
  const auto steps = static_cast<std::int64_t>(std::llround(0.01 / problem.dt));
  make_backend("fused", problem)->advance(field, steps);
  const double t = static_cast<double>(steps) * problem.dt;
  double error = 0;
  for (std::int64_t i = 1; i <= n; ++i)
    for (std::int64_t j = 1; j <= n; ++j)
      error = std::max(error, std::abs(field.at(i, j) - continuous(static_cast<double>(i) / (n + 1),
                                                                   static_cast<double>(j) / (n + 1), t, 1.0, L)));
  return error;
}

}  // namespace

TEST(Convergence, SecondOrderInDx) {
  const double e16 = error_at(16), e32 = error_at(32), e64 = error_at(64);
  EXPECT_LT(e64, 1e-3);
  // Halving dx divides the error by about 4.
  EXPECT_NEAR(e16 / e32, 4.0, 0.5);
  EXPECT_NEAR(e32 / e64, 4.0, 0.5);
}
