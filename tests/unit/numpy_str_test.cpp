#include "hpcpp/core/numpy_str.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace hpcpp {
namespace {

std::string str(std::vector<double> v) { return numpy_str(v); }

// Expected texts are what numpy 1.24 prints for the same arrays.
TEST(NumpyStr, IntegralValues) {
  EXPECT_EQ(str({-0.0, -1.0, -2.0, -3.0, -4.0, -5.0, -6.0, -7.0, -8.0, -9.0}), "[-0. -1. -2. -3. -4. -5. -6. -7. -8. -9.]");
  EXPECT_EQ(str({0.0, 1.0, 2.0}), "[0. 1. 2.]");
  EXPECT_EQ(str({1.0, -10.0}), "[  1. -10.]");
  EXPECT_EQ(str({}), "[]");
}

TEST(NumpyStr, FractionsAreAlignedOnThePoint) {
  EXPECT_EQ(str({0.5, -1.25}), "[ 0.5  -1.25]");
  EXPECT_EQ(str({0.1, 0.2}), "[0.1 0.2]");
  EXPECT_EQ(str({1.0, 2.5}), "[1.  2.5]");
  EXPECT_EQ(str({-0.0, 2.5}), "[-0.   2.5]");
}

TEST(NumpyStr, ShapeIsKept) {
  const std::vector<double> values = {1.0, 2.5, -3.0, 4.0, 5.0, 6.0};
  const std::int64_t rows[] = {2, 3}, blocks[] = {3, 1, 2};
  EXPECT_EQ(numpy_str(values, rows), "[[ 1.   2.5 -3. ]\n [ 4.   5.   6. ]]");
  EXPECT_EQ(numpy_str(values, blocks), "[[[ 1.   2.5]]\n\n [[-3.   4. ]]\n\n [[ 5.   6. ]]]");
  EXPECT_EQ(numpy_str(std::span<const double>(values).first(1), {}), "1.0");
}

TEST(NumpyStr, OtherTypes) {
  const std::int64_t two[] = {2};
  const bool truth[] = {true, false};
  const std::int64_t integers[] = {-100, 7};
  const std::complex<double> complexes[] = {{1, 2}, {3, -1}};
  EXPECT_EQ(numpy_str(std::span<const bool>(truth), two), "[ True False]");
  EXPECT_EQ(numpy_str(std::span<const std::int64_t>(integers), two), "[-100    7]");
  EXPECT_EQ(numpy_str(std::span<const std::complex<double>>(complexes), two), "[1.+2.j 3.-1.j]");
  EXPECT_EQ(numpy_bytes_str(std::string_view("ab\0\0it's", 8), 4, two), "[b'ab' b\"it's\"]");
}

}  // namespace
}  // namespace hpcpp
