// libFuzzer target: any bytes as a file for hpcpp bigfile. When it opens as an array (a .npy
// header the reader accepts, or a raw uint8 layout for other bytes), its statistics, fit and
// first and last elements are read. Errors must be hpcpp::Errors; nothing may crash or leak.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "hpcpp/bigfile/array_file.hpp"
#include "hpcpp/bigfile/element_access.hpp"
#include "hpcpp/bigfile/fit.hpp"
#include "hpcpp/bigfile/stats.hpp"
#include "hpcpp/core/error.hpp"

using namespace hpcpp::bigfile;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto path =
      std::filesystem::temp_directory_path() / ("hpcpp_bigfile_fuzz_" + std::to_string(getpid()));
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                static_cast<std::streamsize>(size));
  const std::int64_t side = size >= 4 ? 2 : 1;
  const std::optional<RawLayout> raw = RawLayout{{side, side}, ElementType::uint8};
  for (const auto& layout : {std::optional<RawLayout>(), raw}) {
    try {
      const ArrayFile array = open_array_file(path, layout);
      const ReadOptions options{1, 64, true};
      compute_stats(array, options);
      if (array.shape.size() == 2 && array.shape[0] >= 2 && array.shape[1] >= 1) fit_row_means(array, options);
      if (array.count() > 0) read_elements(array, std::vector<std::int64_t>(array.shape.size(), -1));
    } catch (const hpcpp::Error&) {
    }
  }
  return 0;
}
