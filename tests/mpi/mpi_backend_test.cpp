// The mpi backend against the reference backend, bit for bit, on random fields of awkward
// shapes, every halo exchange at depths 1 to 8, one and two threads a rank, uneven advances.
#include <fmt/core.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "../unit/diffusion_fixtures.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/diffusion/halo_strategy.hpp"
#include "mpi_fixtures.hpp"

namespace hpcpp::diffusion {
namespace {

struct Shape {
  std::int64_t rows, cols;  // interior
};

// Every halo exchange, alone (the depth chosen from the grid) and at depths 1, 2, 3, 5, 8.
std::vector<std::string> halo_settings() {
  std::vector<std::string> settings;
  for (const auto& name : halo_strategy_names()) {
    settings.push_back(name);
    for (int depth : {1, 2, 3, 5, 8}) settings.push_back(name + ":" + std::to_string(depth));
  }
  return settings;
}

class MpiBackendIdentity : public ::testing::TestWithParam<std::string> {};

TEST_P(MpiBackendIdentity, MatchesReferenceBitForBit) {
  const Problem problem = hpcpp::testing::problem_with_rows(8);
  // Odd sizes split unevenly; the small ones give blocks thinner than the deeper halos.
  const Shape shapes[] = {{4, 4}, {5, 9}, {7, 3}, {17, 31}, {37, 37}, {101, 101}, {67, 129}, {130, 33}};
  for (int threads : {1, 2}) {
    for (const Shape& s : shapes) {
      if (s.rows < test_environment().size()) continue;  // more block rows than rows (5 ranks: 5 x 1)
      const Field start = hpcpp::testing::random_field(s.rows + 2, s.cols + 2, static_cast<unsigned>(s.rows * 1000 + s.cols));
      Field expected = hpcpp::testing::copy_of(start), actual = hpcpp::testing::copy_of(start);
      auto reference = make_backend("reference", problem);
      auto backend = make_backend("mpi", problem, BackendOptions{threads, GetParam()});
      // Advances shorter and longer than the depth, and not multiples of it.
      for (std::int64_t chunk : {1, 5, 2, 9, 17}) {
        reference->advance(expected, chunk);
        backend->advance(actual, chunk);
        Field gathered = hpcpp::testing::copy_of(actual);
        backend->fetch(gathered);
        if (test_environment().rank() == 0) {  // the gathered field is rank 0's
          EXPECT_TRUE(bit_identical(expected, gathered)) << GetParam() << " differs on a " << s.rows << "x" << s.cols
                                                         << " interior with " << threads << " threads";
        }
      }
    }
  }
}

TEST_P(MpiBackendIdentity, OnlyRankZeroWritesOutput) {
  const Problem problem = hpcpp::testing::problem_with_rows(8);
  EXPECT_EQ(make_backend("mpi", problem, BackendOptions{1, GetParam()})->writes_output(), test_environment().rank() == 0);
}

INSTANTIATE_TEST_SUITE_P(EveryHaloExchange, MpiBackendIdentity, ::testing::ValuesIn(halo_settings()),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), ':', '_');
                           return name;
                         });

// What --verbose says of the depth a run used.
std::string report_after_one_step(const std::string& halo, Shape s) {
  const Problem problem = hpcpp::testing::problem_with_rows(8);
  Field field = hpcpp::testing::random_field(s.rows + 2, s.cols + 2, 1);
  auto backend = make_backend("mpi", problem, BackendOptions{1, halo});
  backend->advance(field, 1);
  return backend->report();
}

TEST(MpiBackendDepth, KeepsTheDepthAskedWhereEveryBlockIsThickEnough) {
  const std::string report = report_after_one_step("sendrecv:8", {101, 101});
  if (test_environment().rank() == 0) {
    EXPECT_NE(report.find("halo sendrecv depth 8:"), std::string::npos) << report;
  }
}

TEST(MpiBackendDepth, FallsBackToTheThinnestBlockOnEveryRank) {
  if (test_environment().size() < 2) GTEST_SKIP() << "one rank has one block, the whole grid";
  // 7 x 7 over 2 ranks: 2 x 1 blocks, the thinner 3 rows; 3 ranks: 2 rows; 4 ranks: 2 x 2
  // blocks, 3 x 3 the smallest; 5 ranks: 1 row.
  const int ranks = test_environment().size();
  const std::int64_t thinnest = ranks == 4 ? 3 : 7 / ranks;
  const std::string report = report_after_one_step("nonblocking:5", {7, 7});
  if (test_environment().rank() == 0) {
    EXPECT_NE(report.find(fmt::format("depth {} (5 asked; the thinnest block is {} points across)", thinnest, thinnest)),
              std::string::npos)
        << report;
  }
}

TEST(HaloSetting, ReadsStrategyAndDepth) {
  EXPECT_EQ(halo_setting_named("neighbor").strategy, HaloStrategy::neighbor);
  EXPECT_EQ(halo_setting_named("neighbor").depth, 0);
  EXPECT_EQ(halo_setting_named("nonblocking:12").strategy, HaloStrategy::nonblocking);
  EXPECT_EQ(halo_setting_named("nonblocking:12").depth, 12);
  EXPECT_EQ(halo_setting_named("sendrecv:64").depth, max_halo_depth);
}

TEST(HaloSetting, RefusesWhatBreaksTheRule) {
  for (const char* text : {"", "sendrecv:", "sendrecv:0", "sendrecv:65", "sendrecv:x", "sendrecv:4:4", "sendrecv:-1",
                           "sendrecv:0x4", "sendrecv :4", "ring:4", "ring"}) {
    EXPECT_THROW(halo_setting_named(text), Error) << text;
    const std::string problem = halo_setting_problem(text);
    EXPECT_EQ(problem.rfind("must be sendrecv, nonblocking, neighbor or one of them:DEPTH", 0), 0u) << problem;
  }
  EXPECT_NE(halo_setting_problem("sendrecvv:2").find("(did you mean 'sendrecv'?)"), std::string::npos);
  EXPECT_EQ(halo_setting_problem("sendrecv:2"), "");
}

}  // namespace
}  // namespace hpcpp::diffusion
