// Each vector row kernel the CPU supports equals the portable stencil row bit for bit,
// for every row length up to past two vector widths and every starting offset.
#include "hpcpp/diffusion/row_kernels.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#include "hpcpp/diffusion/stencil.hpp"

using namespace hpcpp::diffusion;

class RowKernelLevel : public ::testing::TestWithParam<SimdLevel> {};

// One test per level, so a level this CPU lacks shows as skipped rather than passed.
TEST_P(RowKernelLevel, MatchesThePortableRow) {
  const SimdLevel level = GetParam();
  if (level > detect_simd_level())
    GTEST_SKIP() << "this CPU has no " << simd_level_name(level) << " (best: " << simd_level_name(detect_simd_level()) << ")";
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  constexpr int width = 40;
  std::vector<double> above(width), here(width), below(width);
  for (int j = 0; j < width; ++j) above[j] = uniform(rng), here[j] = uniform(rng), below[j] = uniform(rng);
  const double c = 0.2499999999999999;
  {
    for (int first = 1; first < 4; ++first)
      for (int last = first; last < width - 1; ++last) {
        std::vector<double> expected(width, 7.0), actual(width, 7.0), streamed(width, 7.0);
        stencil_row(above.data(), here.data(), below.data(), expected.data(), first, last, c);
        row_kernel(level)(above.data(), here.data(), below.data(), actual.data(), first, last, c);
        streaming_row_kernel(level)(above.data(), here.data(), below.data(), streamed.data(), first, last, c);
        EXPECT_EQ(std::memcmp(expected.data(), actual.data(), width * sizeof(double)), 0)
            << simd_level_name(level) << " on [" << first << ", " << last << ")";
        EXPECT_EQ(std::memcmp(expected.data(), streamed.data(), width * sizeof(double)), 0)
            << "streaming " << simd_level_name(level) << " on [" << first << ", " << last << ")";
      }
  }
}

// Several rows at once, on rows that share their alignment (a padded field: pairs) and on
// rows that do not (one by one), for every row count, start and end.
TEST_P(RowKernelLevel, RowsMatchThePortableRow) {
  const SimdLevel level = GetParam();
  if (level > detect_simd_level())
    GTEST_SKIP() << "this CPU has no " << simd_level_name(level) << " (best: " << simd_level_name(detect_simd_level()) << ")";
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  constexpr int width = 64, max_rows = 5;
  for (const int stride : {64, 67}) {
    std::vector<double> field((max_rows + 2) * stride + 8);
    for (double& v : field) v = uniform(rng);
    for (int count = 1; count <= max_rows; ++count)
      for (int first = 1; first < 10; ++first)
        for (int last = first; last < width - 1; ++last) {
          std::vector<double> expected(count * stride, 7.0), actual(count * stride, 7.0), streamed(count * stride, 7.0);
          std::vector<const double*> in;
          std::vector<double*> out, out_streamed;
          for (int r = 0; r < count + 2; ++r) in.push_back(field.data() + r * stride);
          for (int r = 0; r < count; ++r) {
            out.push_back(actual.data() + r * stride);
            out_streamed.push_back(streamed.data() + r * stride);
            stencil_row(in[r], in[r + 1], in[r + 2], expected.data() + r * stride, first, last, 0.2499999999999999);
          }
          rows_kernel(level)(in.data(), out.data(), count, first, last, 0.2499999999999999);
          streaming_rows_kernel(level)(in.data(), out_streamed.data(), count, first, last, 0.2499999999999999);
          EXPECT_EQ(std::memcmp(expected.data(), actual.data(), expected.size() * sizeof(double)), 0)
              << simd_level_name(level) << " " << count << " rows of stride " << stride << " on [" << first << ", "
              << last << ")";
          EXPECT_EQ(std::memcmp(expected.data(), streamed.data(), expected.size() * sizeof(double)), 0)
              << "streaming " << simd_level_name(level) << " " << count << " rows of stride " << stride << " on ["
              << first << ", " << last << ")";
        }
  }
}

INSTANTIATE_TEST_SUITE_P(RowKernels, RowKernelLevel,
                         ::testing::Values(SimdLevel::portable, SimdLevel::avx2, SimdLevel::avx512),
                         [](const auto& info) { return std::string(simd_level_name(info.param)); });

TEST(RowKernels, ThisMachineHasAVectorLevel) {
  // The benchmarks' figures assume the vector path is taken where the CPU has one.
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) {
    EXPECT_EQ(detect_simd_level(), SimdLevel::avx512);
  }
}
