// Every backend must reproduce `reference` bit for bit, on any grid shape.
#include <gtest/gtest.h>

#include "diffusion_fixtures.hpp"
#include "hpcpp/diffusion/backend.hpp"

using namespace hpcpp::diffusion;
using hpcpp::testing::copy_of;
using hpcpp::testing::problem_with_rows;
using hpcpp::testing::random_field;

struct Shape {
  std::int64_t rows, cols;  // interior
};

class BackendIdentity : public ::testing::TestWithParam<std::string> {};

TEST_P(BackendIdentity, MatchesReferenceBitForBit) {
  const Problem problem = problem_with_rows(8);
  const Shape shapes[] = {{1, 1}, {2, 2}, {3, 7}, {7, 3}, {5, 9}, {17, 31}, {64, 64}, {67, 129}, {130, 33}};
  for (int threads : {1, 2, 3}) {
    for (const Shape& s : shapes) {
      const Field start = random_field(s.rows + 2, s.cols + 2, static_cast<unsigned>(s.rows * 1000 + s.cols));
      Field expected = copy_of(start), actual = copy_of(start);
      auto reference = make_backend("reference", problem);
      auto backend = make_backend(GetParam(), problem, BackendOptions{threads});
      // Uneven chunks: the driver advances by whatever the next output needs.
      for (std::int64_t chunk : {1, 5, 2, 9}) {
        reference->advance(expected, chunk);
        backend->advance(actual, chunk);
      }
      EXPECT_TRUE(bit_identical(expected, actual))
          << GetParam() << " differs on a " << s.rows << "x" << s.cols << " interior with " << threads << " threads";
    }
  }
}

TEST_P(BackendIdentity, LectureProblemAfterOneOutputInterval) {
  const Problem problem = problem_with_rows(299, 0.5, 0.5);
  Field expected = problem.initial_field(), actual = problem.initial_field();
  make_backend("reference", problem)->advance(expected, problem.nper);
  make_backend(GetParam(), problem)->advance(actual, problem.nper);
  EXPECT_TRUE(bit_identical(expected, actual));
}

// Larger than L2 (so `blocked` runs passes of many steps), wider than one strip and taller
// than one band, with an odd number of rows: deep wavefronts cross tile edges, two rows at a time.
TEST_P(BackendIdentity, DeepPassesAcrossTilesBitForBit) {
  const Problem problem = problem_with_rows(8);
  const Field start = random_field(1101, 1100, 13);
  for (int threads : {1, 3}) {
    Field expected = copy_of(start), actual = copy_of(start);
    make_backend("reference", problem)->advance(expected, 21);
    make_backend(GetParam(), problem, BackendOptions{threads})->advance(actual, 21);
    EXPECT_TRUE(bit_identical(expected, actual)) << GetParam() << " with " << threads << " threads";
  }
}

// Large enough (two fields > 64 MiB) that simd and threads write with streaming stores.
TEST_P(BackendIdentity, LargeGridBitForBit) {
  const Problem problem = problem_with_rows(8);
  const Field start = random_field(2050, 2061, 11);
  Field expected = copy_of(start), actual = copy_of(start);
  make_backend("reference", problem)->advance(expected, 3);
  make_backend(GetParam(), problem, BackendOptions{2})->advance(actual, 3);
  EXPECT_TRUE(bit_identical(expected, actual));
}

std::vector<std::string> backend_names() {
  std::vector<std::string> names;
  for (const auto& info : backends())
    if (!info.needs_mpi_job) names.push_back(info.name);  // tests/mpi runs those under mpirun
  return names;
}

INSTANTIATE_TEST_SUITE_P(AllBackends, BackendIdentity, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

TEST(BackendRegistry, UnknownNameSuggestsTheClosest) {
  try {
    make_backend("fusde", problem_with_rows(4));
    FAIL() << "no error for an unknown backend";
  } catch (const std::exception& e) {
    EXPECT_EQ(std::string(e.what()), "unknown backend 'fusde' (did you mean 'fused'?)");
  }
}
