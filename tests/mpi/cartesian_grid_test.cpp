#include "hpcpp/mpi/cartesian_grid.hpp"

#include "hpcpp/core/error.hpp"

#include <vector>

#include "mpi_fixtures.hpp"

namespace hpcpp::mpi {
namespace {

// Odd, prime and tiny sizes: uneven splits everywhere.
class GridSizes : public ::testing::TestWithParam<std::pair<std::int64_t, std::int64_t>> {};

TEST_P(GridSizes, BlocksTileTheArrayExactlyOnce) {
  const auto [rows, cols] = GetParam();
  const CartesianGrid grid(MPI_COMM_WORLD, rows, cols);
  EXPECT_EQ(grid.size(), test_environment().size());
  EXPECT_EQ(grid.rank(), test_environment().rank()) << "rank 0 must stay the printing rank";
  std::vector<int> owners(static_cast<std::size_t>(rows * cols), 0);
  for (int r = 0; r < grid.size(); ++r) {
    const Block b = grid.block_of(r);
    EXPECT_GE(b.rows.size(), 1);
    EXPECT_GE(b.cols.size(), 1);
    for (auto i = b.rows.begin; i < b.rows.end; ++i)
      for (auto j = b.cols.begin; j < b.cols.end; ++j) ++owners[static_cast<std::size_t>(i * cols + j)];
  }
  for (int count : owners) ASSERT_EQ(count, 1);
}

TEST_P(GridSizes, NeighboursShareAnEdge) {
  const auto [rows, cols] = GetParam();
  const CartesianGrid grid(MPI_COMM_WORLD, rows, cols);
  const Block mine = grid.block();
  if (grid.down() != MPI_PROC_NULL) {
    const Block below = grid.block_of(grid.down());
    EXPECT_EQ(below.rows.begin, mine.rows.end);
    EXPECT_EQ(below.cols.begin, mine.cols.begin);
    EXPECT_EQ(below.cols.end, mine.cols.end);
  } else {
    EXPECT_EQ(mine.rows.end, rows);
  }
  if (grid.right() != MPI_PROC_NULL) {
    const Block beside = grid.block_of(grid.right());
    EXPECT_EQ(beside.cols.begin, mine.cols.end);
    EXPECT_EQ(beside.rows.begin, mine.rows.begin);
  } else {
    EXPECT_EQ(mine.cols.end, cols);
  }
  if (grid.up() == MPI_PROC_NULL) {
    EXPECT_EQ(mine.rows.begin, 0);
  }
  if (grid.left() == MPI_PROC_NULL) {
    EXPECT_EQ(mine.cols.begin, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Mpi, GridSizes,
                         ::testing::Values(std::pair<std::int64_t, std::int64_t>{299, 299}, std::pair<std::int64_t, std::int64_t>{7, 5},
                                           std::pair<std::int64_t, std::int64_t>{4, 4}, std::pair<std::int64_t, std::int64_t>{13, 1000}));

TEST(CartesianGrid, TooManyRanksForTheGridIsAnError) {
  if (test_environment().size() < 2) GTEST_SKIP() << "needs 2 ranks or more";
  EXPECT_THROW(CartesianGrid(MPI_COMM_WORLD, 1, 1), Error);
}

}  // namespace
}  // namespace hpcpp::mpi
