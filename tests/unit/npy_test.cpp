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

namespace {

std::string preamble_with_dict(const std::string& dict) {
  std::string p = "\x93NUMPY";
  p += '\x01';
  p += '\x00';
  p += static_cast<char>(dict.size() & 0xff);
  p += static_cast<char>(dict.size() >> 8);
  return p + dict;
}

}  // namespace

TEST(NpyHeader, GivesShapeAndDataOffsetWithoutReadingData) {
  const std::string preamble = hpcpp::io::npy_preamble("<f8", false, {3, 4});
  EXPECT_EQ(preamble.size() % 64, 0u);
  TempFile file(preamble + std::string(12 * 8, '\0'), ".npy");
  const auto header = hpcpp::io::read_npy_header(file.path());
  EXPECT_EQ(header.descr, "<f8");
  EXPECT_EQ(header.shape, (std::vector<std::int64_t>{3, 4}));
  EXPECT_EQ(header.data_offset, preamble.size());
  EXPECT_EQ(header.count(), 12);
}

TEST(NpyHeader, RejectsWhatNumpyRejects) {
  const std::string data(64, '\0');
  const std::string keys_plus_one = "{'descr': '<f8', 'fortran_order': False, 'shape': (8,), 'x': 1, }\n";
  const std::string key_missing = "{'descr': '<f8', 'shape': (8,), }\n";
  const std::string not_a_dict = "['descr', '<f8', 'fortran_order', False, 'shape', (8,)]\n";
  for (const auto& dict : {keys_plus_one, key_missing, not_a_dict}) {
    TempFile file(preamble_with_dict(dict) + data, ".npy");
    EXPECT_THROW(hpcpp::io::read_npy_header(file.path()), hpcpp::Error) << dict;
  }
  TempFile long_header(preamble_with_dict("{'descr': '<f8', 'fortran_order': False, 'shape': (8,), }" +
                                          std::string(10001, ' ') + "\n") + data, ".npy");
  EXPECT_THROW(hpcpp::io::read_npy_header(long_header.path()), hpcpp::Error);
  const std::string good = preamble_with_dict("{'descr': '<f8', 'fortran_order': False, 'shape': (8,), }\n");
  TempFile past_end(good.substr(0, good.size() - 10), ".npy");
  EXPECT_THROW(hpcpp::io::read_npy_header(past_end.path()), hpcpp::Error);
  TempFile short_data(good + data.substr(8), ".npy");
  EXPECT_THROW(hpcpp::io::read_npy_header(short_data.path()), hpcpp::Error);
  TempFile whole(good + data, ".npy");
  EXPECT_EQ(hpcpp::io::read_npy_header(whole.path()).count(), 8);
}
