#include <gtest/gtest.h>
#include <png.h>

#include <cstdio>
#include <string>
#include <vector>

#include "hpcpp/io/axis_ticks.hpp"
#include "hpcpp/io/colormap.hpp"
#include "hpcpp/io/field_image.hpp"
#include "hpcpp/io/png_image.hpp"
#include "temp_file.hpp"

namespace {

// Decodes a PNG with libpng's simplified API into RGB bytes.
hpcpp::io::Image decode(const std::filesystem::path& file) {
  png_image img{};
  img.version = PNG_IMAGE_VERSION;
  EXPECT_TRUE(png_image_begin_read_from_file(&img, file.c_str()));
  img.format = PNG_FORMAT_RGB;
  hpcpp::io::Image out(static_cast<int>(img.width), static_cast<int>(img.height), {0, 0, 0});
  EXPECT_TRUE(png_image_finish_read(&img, nullptr, out.pixels.data(), 0, nullptr));
  return out;
}

}  // namespace

TEST(Png, WritesWhatDecodesToTheSamePixels) {
  hpcpp::io::Image image(7, 3, {10, 20, 30});
  image.set(6, 2, {255, 0, 128});
  hpcpp::testing::TempFile file("", ".png");
  hpcpp::io::write_png(file.path(), image);
  const auto back = decode(file.path());
  EXPECT_EQ(back.width, 7);
  EXPECT_EQ(back.height, 3);
  EXPECT_EQ(back.pixels, image.pixels);
}

TEST(Colormap, ViridisEndsAndMonotoneLightness) {
  EXPECT_EQ(hpcpp::io::viridis(0.0), (hpcpp::io::Rgb{68, 1, 84}));
  EXPECT_EQ(hpcpp::io::viridis(1.0), (hpcpp::io::Rgb{253, 231, 37}));
  int previous_green = -1;
  for (int k = 0; k <= 100; ++k) {
    const int green = hpcpp::io::viridis(k / 100.0)[1];
    EXPECT_GE(green, previous_green);
    previous_green = green;
  }
}

std::int64_t count_of(const hpcpp::io::Image& image, hpcpp::io::Rgb colour) {
  std::int64_t n = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) n += image.get(x, y) == colour;
  return n;
}

TEST(FieldImage, SpansItsOwnRangeUnlessOneIsGiven) {
  // A 2x2 field: one quadrant at the field's top, one at its bottom.
  const double values[4] = {0.3, 0.2, 0.2, 0.1};
  hpcpp::io::PlotOptions options;
  auto image = hpcpp::io::render_field({values, 2, 2, 2}, {-1, 1, -1, 1}, options, "simtime = 0.5");
  EXPECT_EQ(image.width, 640);
  EXPECT_EQ(image.height, 480);
  EXPECT_GT(count_of(image, hpcpp::io::viridis(1.0)), 10000);
  EXPECT_GT(count_of(image, hpcpp::io::viridis(0.0)), 10000);

  options.color_range = std::pair{0.0, 1.0};
  options.width = 320;
  options.height = 240;
  image = hpcpp::io::render_field({values, 2, 2, 2}, {-1, 1, -1, 1}, options, "simtime = 0.5");
  EXPECT_EQ(image.width, 320);
  EXPECT_LT(count_of(image, hpcpp::io::viridis(1.0)), 100);  // the colour bar's top row only
  EXPECT_GT(count_of(image, hpcpp::io::viridis(0.3)), 1000);
}

TEST(AxisTicks, RoundStepsInsideTheRange) {
  std::vector<std::string> labels;
  for (const auto& t : hpcpp::io::axis_ticks(-10.0667, 10.0667, 6)) labels.push_back(t.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"-10", "-5", "0", "5", "10"}));
  labels.clear();
  for (const auto& t : hpcpp::io::axis_ticks(0.0, 0.011, 6)) labels.push_back(t.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"0.000", "0.002", "0.004", "0.006", "0.008", "0.010"}));
  EXPECT_TRUE(hpcpp::io::axis_ticks(1.0, 1.0, 6).empty());
}
