#include "hpcpp/io/npy.hpp"

#include <gtest/gtest.h>

#include <fmt/core.h>

#include <cstring>
#include <fstream>

#include "hpcpp/core/error.hpp"
#include "hpcpp/io/npy_header.hpp"
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

// A version 1.0 .npy file holding `dict` as its header and `data_bytes` zero bytes of data.
std::string npy_file(const std::string& dict, std::size_t data_bytes = 0) {
  std::string header = dict + "\n";
  std::string out = "\x93NUMPY\x01";
  out += '\0';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  return out + header + std::string(data_bytes, '\0');
}

// The message of the hpcpp::Error that reading `content` as a .npy file throws.
std::string npy_error(const std::string& content) {
  TempFile file(content, ".npy");
  try {
    hpcpp::io::read_npy(file.path());
  } catch (const hpcpp::Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(NpyHeader, ReadsTheHeaderWithoutTheData) {
  const std::string dict = "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }";
  TempFile file(npy_file(dict, 24), ".npy");
  const auto h = hpcpp::io::read_npy_header(file.path());
  EXPECT_EQ(h.descr, "<i4");
  EXPECT_EQ(h.kind, 'i');
  EXPECT_EQ(h.item_size, 4u);
  EXPECT_TRUE(h.fortran_order);
  EXPECT_EQ(h.shape, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(h.count, 6);
  EXPECT_EQ(h.data_offset, 10 + dict.size() + 1);
  EXPECT_EQ(h.data_size, 24u);
}

TEST(NpyHeader, ShapeWhoseSizeOverflowsIsOneLineError) {
  for (const char* shape : {"(4294967296, 4294967296)", "(3037000500, 3037000500)", "(1152921504606846976,)",
                            "(0, 4294967296, 4294967296)"}) {
    const std::string message = npy_error(npy_file(std::string("{'descr': '<f8', 'fortran_order': False, 'shape': ") +
                                                   shape + ", }"));
    EXPECT_NE(message.find("is over 2**63 bytes"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos);
  }
  EXPECT_NE(npy_error(npy_file("{'descr': '<f8', 'fortran_order': False, 'shape': (9223372036854775808,), }"))
                .find("dimension over 2**63 - 1"),
            std::string::npos);
}

TEST(NpyHeader, DeclaredSizeIsComparedWithTheFileBeforeReading) {
  const std::string file = npy_file("{'descr': '<f8', 'fortran_order': False, 'shape': (134217728,), }", 8);
  const std::string message = npy_error(file);
  EXPECT_NE(message.find(fmt::format("file has {} bytes; its .npy header says {}", file.size(),
                                     file.size() - 8 + 134217728ull * 8)),
            std::string::npos)
      << message;
}

TEST(NpyHeader, RefusesWhatNumpyRefusesAndWhatWeDoNotSupport) {
  const auto error_for = [](const std::string& dict) { return npy_error(npy_file(dict, 64)); };
  const std::pair<std::string, std::string> cases[] = {
      {"{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "holds Python objects"},
      {"{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", "is big-endian"},
      {"{'descr': '<f3', 'fortran_order': False, 'shape': (1,), }", "item size numpy does not have"},
      {"{'descr': '<M8[s]', 'fortran_order': False, 'shape': (1,), }", "is not a supported dtype"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (1), }", "shape is not a tuple"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (01,), }", "leading zero"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", "negative dimension"},
      {"{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }", "not True or False"},
      {"{'descr': '<f8', 'shape': (1,), }", "lacks 'fortran_order'"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}", "unexpected key 'x'"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (1,), } x", "text after the dict"},
  };
  for (const auto& [dict, expected] : cases) {
    const std::string message = error_for(dict);
    EXPECT_NE(message.find(expected), std::string::npos) << dict << " -> " << message;
  }
  std::string version = npy_file("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", 8);
  version[7] = 1;
  EXPECT_NE(npy_error(version).find("version 1.1 is not"), std::string::npos);
  const std::string long_dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (), }" + std::string(10001, ' ');
  EXPECT_NE(npy_error(npy_file(long_dict, 8)).find("over numpy's limit of 10000"), std::string::npos);
}

TEST(NpyHeader, ControlCharactersInTheHeaderAreEscapedInTheError) {
  const std::string message =
      npy_error(npy_file("{'descr': '<f8\x1b[2J\r', 'fortran_order': False, 'shape': (1,), }", 8));
  EXPECT_NE(message.find("'<f8\\x1b[2J\\r'"), std::string::npos) << message;
  for (char c : message) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << message;
  const std::string garbage = npy_error(npy_file("{'descr': '<f8', \x07\x9b", 8));
  EXPECT_NE(garbage.find("\\x07\\x9b"), std::string::npos) << garbage;
}

TEST(NpyHeader, HeaderOver65535BytesIsVersion2AndStays64ByteAligned) {
  const std::vector<std::int64_t> shape(30000, 1);
  const std::string header = hpcpp::io::npy_header_bytes("<f8", shape, false);
  ASSERT_GT(header.size(), 65535u);
  EXPECT_EQ(header[6], 2);
  EXPECT_EQ(header.size() % 64, 0u);
  const std::size_t length = static_cast<unsigned char>(header[8]) | static_cast<unsigned char>(header[9]) << 8 |
                             static_cast<unsigned char>(header[10]) << 16 |
                             static_cast<std::size_t>(static_cast<unsigned char>(header[11])) << 24;
  EXPECT_EQ(length + 12, header.size());
  EXPECT_EQ(header.back(), '\n');
}

TEST(NpyHeader, FileNamesAreEscapedInErrors) {
  try {
    hpcpp::io::read_npy("/nonexistent/\x1b[2Jname\r.npy");
    FAIL() << "no error for a missing file";
  } catch (const hpcpp::Error& e) {
    EXPECT_EQ(std::string(e.what()), "/nonexistent/\\x1b[2Jname\\r.npy: cannot open: No such file or directory");
  }
}
