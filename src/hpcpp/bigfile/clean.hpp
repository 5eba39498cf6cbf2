#pragma once
// Data cleaning: NaN, infinities and values outside [min, max] replaced by one value, into a
// new float64 file of the same shape (.npy or raw).
#include <cstdint>
#include <filesystem>
#include <limits>

#include "hpcpp/bigfile/array_file.hpp"
#include "hpcpp/bigfile/chunk_reader.hpp"

namespace hpcpp::bigfile {

struct CleanOptions {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  double replacement = std::numeric_limits<double>::quiet_NaN();
  bool npy = true;
};

// How many values were replaced, by reason; an infinity counts as inf, not as out of range.
struct CleanCounts {
  std::int64_t nan = 0, inf = 0, below = 0, above = 0;
};

CleanCounts clean_array(const ArrayFile& array, const std::filesystem::path& output, const CleanOptions& options,
                        const ReadOptions& read_options);

}  // namespace hpcpp::bigfile
