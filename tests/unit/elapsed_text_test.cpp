#include "hpcpp/core/elapsed_text.hpp"

#include <gtest/gtest.h>

namespace hpcpp {
namespace {

TEST(ElapsedText, TwoDecimalsFromATenthOfASecondAsEtime) {
  EXPECT_EQ(elapsed_text(0.3), "Elapsed: 0.30 seconds");
  EXPECT_EQ(elapsed_text(0.1), "Elapsed: 0.10 seconds");
  EXPECT_EQ(elapsed_text(132.789), "Elapsed: 132.79 seconds");
  EXPECT_EQ(elapsed_text(0.0), "Elapsed: 0.00 seconds");
}

TEST(ElapsedText, TwoSignificantDigitsBelowATenth) {
  EXPECT_EQ(seconds_text(0.0421), "0.042");
  EXPECT_EQ(seconds_text(0.00421), "0.0042");
  EXPECT_EQ(seconds_text(0.0999), "0.100");
  EXPECT_EQ(seconds_text(3.1e-7), "0.00000031");
}

}  // namespace
}  // namespace hpcpp
