#pragma once
// count, min, mean, max, std and the NaN count in one pass, skipping NaNs as numpy's
// nanmin/nanmean/nanmax/nanstd do; std is the population one (ddof = 0).
#include <cstdint>

#include "hpcpp/bigfile/array_file.hpp"
#include "hpcpp/bigfile/chunk_reader.hpp"

namespace hpcpp::bigfile {

struct Stats {
  std::int64_t count = 0;  // values that are not NaN
  std::int64_t nan = 0;
  ElementValue min, max;   // exact, of the file's type; NaN when count is 0
  double mean = 0, std = 0;  // NaN when count is 0
};

// The mean is average's: pairwise sums per chunk (NaN and infinities as 0) added pairwise in
// chunk order, over the count of finite values. For std each block of a chunk is summarised
// exactly (two passes over data in L1: mean, then squared deviations), blocks and chunks
// merged with Chan et al.'s formula in file order: stable. Both are the same for every
// thread and rank count.
Stats compute_stats(const ArrayFile& array, const ReadOptions& options);

}  // namespace hpcpp::bigfile
