// `auto`'s rule (backend_choice.cpp, measured in docs/BENCHMARKS.md): one thread runs `simd`
// while two fields fit in L2 and `blocked` beyond; several threads run `simd` below 128
// interior rows and `blocked` from there on.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "diffusion_fixtures.hpp"
#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/diffusion/cache_sizes.hpp"

namespace hpcpp::diffusion {
namespace {

std::string chosen(std::int64_t nrows, int threads) {
  return choose_backend(testing::problem_with_rows(nrows), BackendOptions{threads}).name;
}

// The most interior rows whose two fields of (rows + 2)^2 doubles fit in L2.
std::int64_t most_rows_fitting_l2() {
  auto n = static_cast<std::int64_t>(std::sqrt(static_cast<double>(l2_cache_bytes()) / 16.0)) - 2;
  while (2 * (n + 3) * (n + 3) * 8 <= l2_cache_bytes()) ++n;
  while (2 * (n + 2) * (n + 2) * 8 > l2_cache_bytes()) --n;
  return n;
}

TEST(BackendChoice, OneThreadRunsSimdWhileTwoFieldsFitInL2) {
  const std::int64_t n = most_rows_fitting_l2();
  EXPECT_EQ(chosen(20, 1), "simd");
  EXPECT_EQ(chosen(n, 1), "simd") << n << " rows";
  EXPECT_EQ(chosen(n + 1, 1), "blocked") << n + 1 << " rows";
  EXPECT_EQ(chosen(4000, 1), "blocked");
}

TEST(BackendChoice, SeveralThreadsRunBlockedFrom128Rows) {
  for (const int threads : {2, 4}) {
    EXPECT_EQ(chosen(100, threads), "simd") << threads << " threads";
    EXPECT_EQ(chosen(127, threads), "simd") << threads << " threads";
    EXPECT_EQ(chosen(128, threads), "blocked") << threads << " threads";
    EXPECT_EQ(chosen(299, threads), "blocked") << threads << " threads";
    EXPECT_EQ(chosen(4000, threads), "blocked") << threads << " threads";
  }
}

TEST(BackendChoice, TheReasonNamesTheDecidingQuantity) {
  EXPECT_NE(choose_backend(testing::problem_with_rows(4000), BackendOptions{1}).reason.find("exceed L2"),
            std::string::npos);
  EXPECT_NE(choose_backend(testing::problem_with_rows(100), BackendOptions{2}).reason.find("100 rows"),
            std::string::npos);
}

}  // namespace
}  // namespace hpcpp::diffusion
