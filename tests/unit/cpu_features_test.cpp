// The processor's features as hpcpp asks them (cpuid) agree with what the kernel reports in
// /proc/cpuinfo: its flags, vendor and family.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "hpcpp/core/cpu_features.hpp"

namespace hpcpp {
namespace {

// The first processor's "key : value" lines of /proc/cpuinfo.
std::map<std::string, std::string> first_processor_info() {
  std::ifstream in("/proc/cpuinfo");
  std::map<std::string, std::string> info;
  std::string line;
  while (std::getline(in, line) && !line.empty()) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    auto key = line.substr(0, colon);
    key.erase(key.find_last_not_of(" \t") + 1);
    info[key] = colon + 2 <= line.size() ? line.substr(colon + 2) : "";
  }
  return info;
}

bool has_flag(const std::string& flags, const std::string& flag) {
  std::istringstream words(flags);
  for (std::string word; words >> word;)
    if (word == flag) return true;
  return false;
}

TEST(CpuFeatures, AgreeWithTheKernelsFlags) {
  const auto info = first_processor_info();
  if (!info.contains("flags")) GTEST_SKIP() << "no x86 flags in /proc/cpuinfo";
  const auto& flags = info.at("flags");
  EXPECT_EQ(cpu_has(CpuFeature::avx), has_flag(flags, "avx"));
  EXPECT_EQ(cpu_has(CpuFeature::avx2), has_flag(flags, "avx2"));
  EXPECT_EQ(cpu_has(CpuFeature::avx512f), has_flag(flags, "avx512f"));
  EXPECT_EQ(cpu_has(CpuFeature::bmi2), has_flag(flags, "bmi2"));
}

TEST(CpuFeatures, HalvedAvx512IsAmdFamily19hWithAvx512) {
  const auto info = first_processor_info();
  if (!info.contains("cpu family") || !info.contains("vendor_id")) GTEST_SKIP() << "no x86 family in /proc/cpuinfo";
  const bool zen4 = info.at("vendor_id") == "AuthenticAMD" && info.at("cpu family") == "25" &&
                    has_flag(info.at("flags"), "avx512f");
  EXPECT_EQ(cpu_halves_512_bit_operations(), zen4);
}

}  // namespace
}  // namespace hpcpp
