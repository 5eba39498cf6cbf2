#include "hpcpp/mpi/right_rank.hpp"

#include "mpi_fixtures.hpp"

namespace hpcpp::mpi {
namespace {

TEST(Launch, RunsWithTheRankCountAskedFor) {
  ASSERT_NE(expected_ranks(), -1) << "HPCPP_EXPECTED_RANKS is not set";
  EXPECT_EQ(test_environment().size(), expected_ranks());
}

TEST(RightRank, EachRankReceivesItsRightNeighbour) {
  const auto& env = test_environment();
  EXPECT_EQ(receive_right_rank(env), (env.rank() + 1) % env.size());
}

TEST(RightRank, RankZeroGathersEveryValueInRankOrder) {
  const auto& env = test_environment();
  const auto all = gather_at_rank_zero(100 + env.rank(), env);
  if (env.rank() != 0) {
    EXPECT_TRUE(all.empty());
    return;
  }
  ASSERT_EQ(all.size(), static_cast<std::size_t>(env.size()));
  for (int r = 0; r < env.size(); ++r) EXPECT_EQ(all[static_cast<std::size_t>(r)], 100 + r);
}

TEST(RightRank, LineIsTheLecturesText) { EXPECT_EQ(right_rank_line(2, 3), "I am rank 2 ; my right neighbour is 3"); }

}  // namespace
}  // namespace hpcpp::mpi
