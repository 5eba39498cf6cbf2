#include "hpcpp/core/closest_name.hpp"

#include <gtest/gtest.h>

TEST(ClosestName, PicksSmallestEditDistance) {
  const std::vector<std::string> keys = {"D", "x1", "x2", "runtime", "dx", "outtime", "graphics"};
  EXPECT_EQ(hpcpp::closest_name("dxx", keys), "dx");
  EXPECT_EQ(hpcpp::closest_name("runtim", keys), "runtime");
  EXPECT_EQ(hpcpp::closest_name("outime", keys), "outtime");
  EXPECT_EQ(hpcpp::closest_name("Graphics", keys), "graphics");
  EXPECT_EQ(hpcpp::closest_name("d", keys), "D");
}
