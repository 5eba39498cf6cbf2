#include <gtest/gtest.h>
#include <png.h>

#include <cstdio>

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

TEST(FieldImage, HotCornerIsYellowColdCornerIsPurple) {
  // A 2x2 field: top-left at the colour range's top, bottom-right at its bottom.
  const double values[4] = {1.0, 0.5, 0.5, 0.0};
  const auto image = hpcpp::io::render_field({values, 2, 2, 2}, 0.0, 1.0, "simtime = 0.5");
  const auto top_left = image.get(30, 60);
  const auto bottom_right = image.get(20 + 470, 40 + 470);
  EXPECT_EQ(top_left, hpcpp::io::viridis(1.0));
  EXPECT_EQ(bottom_right, hpcpp::io::viridis(0.0));
}
