// The mpi backend against the reference backend, bit for bit, on random fields of awkward
// shapes, every halo exchange, one and two threads a rank, uneven advances.
#include <gtest/gtest.h>

#include "../unit/diffusion_fixtures.hpp"
#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/diffusion/halo_strategy.hpp"
#include "mpi_fixtures.hpp"

namespace hpcpp::diffusion {
namespace {

class MpiBackendIdentity : public ::testing::TestWithParam<std::string> {};

TEST_P(MpiBackendIdentity, MatchesReferenceBitForBit) {
  const Problem problem = hpcpp::testing::problem_with_rows(8);
  struct Shape {
    std::int64_t rows, cols;  // interior
  };
  const Shape shapes[] = {{4, 4}, {5, 9}, {7, 3}, {17, 31}, {67, 129}, {130, 33}};
  for (int threads : {1, 2}) {
    for (const Shape& s : shapes) {
      const Field start = hpcpp::testing::random_field(s.rows + 2, s.cols + 2, static_cast<unsigned>(s.rows * 1000 + s.cols));
      Field expected = hpcpp::testing::copy_of(start), actual = hpcpp::testing::copy_of(start);
      auto reference = make_backend("reference", problem);
      auto backend = make_backend("mpi", problem, BackendOptions{threads, GetParam()});
      for (std::int64_t chunk : {1, 5, 2, 9}) {
        reference->advance(expected, chunk);
        backend->advance(actual, chunk);
      }
      backend->fetch(actual);
      if (test_environment().rank() != 0) continue;  // the gathered field is rank 0's
      EXPECT_TRUE(bit_identical(expected, actual))
          << GetParam() << " differs on a " << s.rows << "x" << s.cols << " interior with " << threads << " threads";
    }
  }
}

TEST_P(MpiBackendIdentity, OnlyRankZeroWritesOutput) {
  const Problem problem = hpcpp::testing::problem_with_rows(8);
  EXPECT_EQ(make_backend("mpi", problem, BackendOptions{1, GetParam()})->writes_output(), test_environment().rank() == 0);
}

INSTANTIATE_TEST_SUITE_P(EveryHaloExchange, MpiBackendIdentity, ::testing::ValuesIn(halo_strategy_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace hpcpp::diffusion
