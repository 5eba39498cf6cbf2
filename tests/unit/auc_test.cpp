#include <gtest/gtest.h>

#include <cmath>

#include "hpcpp/auc/backend.hpp"
#include "hpcpp/auc/curve.hpp"
#include "hpcpp/auc/exact_riemann.hpp"
#include "hpcpp/core/error.hpp"

namespace hpcpp::auc {
namespace {

// The plain definition, in long double, for small n.
long double direct_left_riemann(std::int64_t n) {
  const long double dx = 3.0L / n;
  long double area = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    const long double x = i * dx;
    area += (0.7L * x * x * x - 2 * x * x + 4) * dx;
  }
  return area;
}

TEST(ExactRiemann, MatchesTheDefinition) {
  for (std::int64_t n : {1, 2, 3, 10, 1000})
    EXPECT_NEAR(static_cast<double>(exact_left_riemann(n)), static_cast<double>(direct_left_riemann(n)), 1e-15) << n;
  EXPECT_DOUBLE_EQ(static_cast<double>(exact_left_riemann(1)), 12.0);  // one point: y(0)*3
}

TEST(ExactRiemann, ErrorShrinksLikeOneOverN) {
  // left sum - integral = -(y(3)-y(0))*3/(2n) + O(1/n^2) = -1.35/n + ...
  double previous = 1;
  for (std::int64_t n = 1000; n <= 100'000'000; n *= 10) {
    const double error = static_cast<double>(exact_left_riemann(n) - 8.175L);
    EXPECT_NEAR(error * n, -1.35, 0.01) << n;
    EXPECT_LT(std::fabs(error), previous / 9);
    previous = std::fabs(error);
  }
}

TEST(WorkerPoints, EveryPointExactlyOnce) {
  for (std::int64_t n : {1, 5, 7, 100, 1'000'003})
    for (int workers : {1, 2, 3, 7, 16}) {
      std::int64_t expected_begin = 0;
      for (int k = 0; k < workers; ++k) {
        const auto range = worker_points(n, workers, k);
        EXPECT_EQ(range.begin, expected_begin);
        EXPECT_LE(range.begin, range.end);
        expected_begin = range.end;
      }
      EXPECT_EQ(expected_begin, n) << n << " points, " << workers << " workers";
    }
}

TEST(AucBackends, AgreeWithTheExactRiemannSum) {
  constexpr std::int64_t n = 10'000'000;
  const long double exact = exact_left_riemann(n);
  for (const auto& backend : auc_backends())
    for (int workers : {1, 2, 3, 7}) {
      const double area = area_under_curve(backend.name, {.n = n, .workers = workers});
      EXPECT_NEAR(area, static_cast<double>(exact), 1e-13 * static_cast<double>(exact)) << backend.name << " " << workers;
    }
}

TEST(AucBackends, CountEveryPointForAwkwardSizes) {
  for (const auto& backend : auc_backends())
    for (std::int64_t n : {1, 2, 5, 9, 17, 1001})
      for (int workers : {1, 3, 7}) {
        const double area = area_under_curve(backend.name, {.n = n, .workers = workers});
        EXPECT_NEAR(area, static_cast<double>(exact_left_riemann(n)), 1e-14 * 12) << backend.name << " n=" << n << " w=" << workers;
      }
}

TEST(AucBackends, ApproachTheIntegral) {
  double previous = 1;
  for (std::int64_t n = 10; n <= 10'000'000; n *= 10) {
    const double error = std::fabs(area_under_curve("simd", {.n = n}) - exact_area);
    EXPECT_LT(error, previous / 5) << n;
    previous = error;
  }
  EXPECT_LT(previous, 1e-6);
}

TEST(AucBackends, RejectBadOptions) {
  EXPECT_THROW(area_under_curve("simd", {.n = 0}), Error);
  EXPECT_THROW(area_under_curve("simd", {.n = -5}), Error);
  EXPECT_THROW(area_under_curve("threads", {.n = 10, .workers = -1}), Error);
  EXPECT_THROW(area_under_curve("threads", {.n = 10, .workers = 100000}), Error);
  EXPECT_THROW(area_under_curve("gpu", {.n = 10}), Error);
}

}  // namespace
}  // namespace hpcpp::auc
