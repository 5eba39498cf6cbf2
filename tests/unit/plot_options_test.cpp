#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "hpcpp/core/error.hpp"
#include "hpcpp/io/plot_options.hpp"

namespace {

using hpcpp::io::plot_options_from_text;

TEST(PlotOptions, EmptyTextsKeepTheDefaults) {
  const auto plot = plot_options_from_text("", "");
  EXPECT_EQ(plot.width, 640);
  EXPECT_EQ(plot.height, 480);
  EXPECT_FALSE(plot.color_range);
}

TEST(PlotOptions, SizeAndRangeAreReadWhole) {
  const auto plot = plot_options_from_text("160x8000", "-0.5:1e-3");
  EXPECT_EQ(plot.width, 160);
  EXPECT_EQ(plot.height, 8000);
  ASSERT_TRUE(plot.color_range);
  EXPECT_EQ(plot.color_range->first, -0.5);
  EXPECT_EQ(plot.color_range->second, 1e-3);
}

std::string message_of(const std::string& size, const std::string& range) {
  try {
    plot_options_from_text(size, range);
  } catch (const hpcpp::Error& e) {
    return e.what();
  }
  return "";
}

TEST(PlotOptions, BadTextsAreNamedAsTyped) {
  EXPECT_EQ(message_of("159x480", ""),
            "--frame-size 159x480: must be WIDTHxHEIGHT in pixels, 160 to 8000 by 120 to 8000 (e.g. 640x480)");
  for (const char* size : {"640x119", "8001x480", "640x8001", "+640x480", "640 x480", "640x480x2", "x", "640"})
    EXPECT_NE(message_of(size, "").find("--frame-size "), std::string::npos) << size;
  EXPECT_EQ(message_of("", "1:1"), "--color-range 1:1: must be LOW:HIGH, two finite numbers with LOW < HIGH (e.g. 0:1)");
  for (const char* range : {"1:0", "nan:1", "0:inf", "0:1:2", ":1", "0", "a:b"})
    EXPECT_NE(message_of("", range).find("--color-range "), std::string::npos) << range;
}

TEST(PlotOptions, RulesAcceptTheLimitsAndNothingBeyond) {
  EXPECT_TRUE(hpcpp::io::is_plot_size(160, 120));
  EXPECT_TRUE(hpcpp::io::is_plot_size(8000, 8000));
  EXPECT_FALSE(hpcpp::io::is_plot_size(159, 120));
  EXPECT_FALSE(hpcpp::io::is_plot_size(160, 119));
  EXPECT_FALSE(hpcpp::io::is_plot_size(8001, 480));
  EXPECT_TRUE(hpcpp::io::is_color_range(0, 1e-300));
  EXPECT_FALSE(hpcpp::io::is_color_range(1, 1));
  EXPECT_FALSE(hpcpp::io::is_color_range(0, HUGE_VAL));
}

}  // namespace
