#include <gtest/gtest.h>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/thread_limit.hpp"
#include "hpcpp/summer/my_summer.hpp"
#include "hpcpp/summer/run_summer.hpp"

namespace hpcpp::summer {
namespace {

TEST(MySummer, SumsTheRange) {
  EXPECT_EQ(my_summer(0, 0), 0);
  EXPECT_EQ(my_summer(0, 1), 0);
  EXPECT_EQ(my_summer(0, 5), 10);
  EXPECT_EQ(my_summer(3, 7), 3 + 4 + 5 + 6);
  EXPECT_EQ(my_summer(0, 5'000'000), 12'499'997'500'000);
  EXPECT_EQ(summer_expected(0, 5'000'000), 12'499'997'500'000);
  EXPECT_EQ(summer_expected(3, 7), 18);
  EXPECT_EQ(summer_expected(0, 4'000'000'000), 7'999'999'998'000'000'000);
}

TEST(RunSummer, EveryModeGivesEveryTaskTheSameTotal) {
  for (Mode mode : all_modes()) {
    const auto run = run_summer(mode, 7, 100'000);
    ASSERT_EQ(run.totals.size(), 7u) << mode_name(mode);
    for (auto total : run.totals) EXPECT_EQ(total, 4'999'950'000) << mode_name(mode);
    EXPECT_GE(run.seconds, 0.0);
  }
}

TEST(RunSummer, ModeNamesRoundTrip) {
  for (Mode mode : all_modes()) EXPECT_EQ(parse_mode(mode_name(mode)), mode);
  EXPECT_THROW(parse_mode("gpu"), Error);
}

TEST(RunSummer, RejectsAbsurdArguments) {
  EXPECT_THROW(run_summer(Mode::serial, 0, 10), Error);
  EXPECT_THROW(run_summer(Mode::serial, max_threads + 1, 10), Error);
  EXPECT_THROW(run_summer(Mode::threads, 2, -1), Error);
  EXPECT_THROW(run_summer(Mode::processes, 2, 5'000'000'000), Error);
}

}  // namespace
}  // namespace hpcpp::summer
