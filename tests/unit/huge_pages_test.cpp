// A buffer asked for huge pages is backed by them where the kernel offers transparent huge
// pages on request; a normal one of the same size is not. Read from /proc/self/smaps.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "hpcpp/core/aligned_buffer.hpp"

namespace hpcpp {
namespace {

// "[always] madvise never" -> "always"
std::string huge_page_mode() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto open = text.find('['), close = text.find(']');
  return open == std::string::npos || close == std::string::npos ? "" : text.substr(open + 1, close - open - 1);
}

// Kilobytes of huge pages in the mapping that holds `address`.
long huge_kilobytes_at(const void* address) {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> begin >> dash >> end && dash == '-') {
      inside = begin <= at && at < end;
      continue;
    }
    if (inside && line.rfind("AnonHugePages:", 0) == 0) return std::stol(line.substr(14));
  }
  return -1;
}

constexpr std::size_t doubles = std::size_t{64} << 17;  // 64 MiB

TEST(HugePages, AdvisedBufferIsBackedByHugePages) {
  const std::string mode = huge_page_mode();
  if (mode != "madvise" && mode != "always") GTEST_SKIP() << "transparent huge pages are '" << mode << "' here";
  const AlignedBuffer<double> buffer(doubles, Pages::huge);
  EXPECT_GT(huge_kilobytes_at(buffer.data() + doubles / 2), 0);
  EXPECT_EQ(buffer[doubles - 1], 0.0);
}

TEST(HugePages, NormalBufferIsNotAdvised) {
  if (huge_page_mode() != "madvise") GTEST_SKIP() << "only in 'madvise' mode does advice make the difference";
  const AlignedBuffer<double> buffer(doubles);
  EXPECT_EQ(huge_kilobytes_at(buffer.data() + doubles / 2), 0);
}

TEST(HugePages, SmallBuffersAreLeftAlone) {
  const AlignedBuffer<double> buffer(1000, Pages::huge);
  EXPECT_EQ(buffer.size(), 1000u);
  EXPECT_EQ(buffer[999], 0.0);
}

}  // namespace
}  // namespace hpcpp
