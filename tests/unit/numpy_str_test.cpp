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

}  // namespace
}  // namespace hpcpp
