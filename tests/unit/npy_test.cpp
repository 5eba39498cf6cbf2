#include "hpcpp/io/npy.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include "hpcpp/core/error.hpp"
#include "temp_file.hpp"

using hpcpp::testing::TempFile;

TEST(Npy, RoundTripsA2DFieldWithRowPadding) {
  // 3 x 4 values stored with a row stride of 6.
  std::vector<double> padded(18, -1.0);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j) padded[i * 6 + j] = i * 10 + j + 0.5;
  TempFile file("", ".npy");
  hpcpp::io::write_npy_2d(file.path(), padded.data(), 3, 4, 6);

  const auto a = hpcpp::io::read_npy(file.path());
  EXPECT_EQ(a.descr, "<f8");
  EXPECT_FALSE(a.fortran_order);
  ASSERT_EQ(a.shape, (std::vector<std::int64_t>{3, 4}));
  ASSERT_EQ(a.bytes.size(), 12 * sizeof(double));
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j) {
      double v;
      std::memcpy(&v, &a.bytes[(i * 4 + j) * sizeof(double)], sizeof v);
      EXPECT_EQ(v, i * 10 + j + 0.5);
    }
}

TEST(Npy, HeaderIsPaddedTo64Bytes) {
  TempFile file("", ".npy");
  const double one = 1.0;
  hpcpp::io::write_npy_2d(file.path(), &one, 1, 1, 1);
  std::ifstream in(file.path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  const std::size_t header_len = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
  EXPECT_EQ((10 + header_len) % 64, 0u);
  EXPECT_EQ(bytes[10 + header_len - 1], '\n');
  EXPECT_EQ(bytes.size(), 10 + header_len + sizeof(double));
}

TEST(Npy, RejectsDamagedFiles) {
  TempFile not_npy("hello, world, this is text", ".npy");
  EXPECT_THROW(hpcpp::io::read_npy(not_npy.path()), hpcpp::Error);

  TempFile whole("", ".npy");
  std::vector<double> v(100, 2.0);
  hpcpp::io::write_npy_2d(whole.path(), v.data(), 10, 10, 10);
  std::ifstream in(whole.path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  TempFile truncated(bytes.substr(0, bytes.size() - 8), ".npy");
  EXPECT_THROW(hpcpp::io::read_npy(truncated.path()), hpcpp::Error);
}
