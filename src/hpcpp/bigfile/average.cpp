#include "hpcpp/bigfile/average.hpp"

#include <limits>
#include <vector>

#include "hpcpp/bigfile/pairwise_sum.hpp"

namespace hpcpp::bigfile {

double average(const ArrayFile& array, const ReadOptions& options) {
  if (array.count() == 0) return std::numeric_limits<double>::quiet_NaN();
  std::vector<double> chunk_sums(static_cast<std::size_t>(read_plan(array, options).chunks()));
  read_chunks(array, options, [&](const Chunk& chunk) {
    chunk_sums[static_cast<std::size_t>(chunk.index)] = pairwise_sum(chunk.values);
  });
  share_partials(options.share, chunk_sums);
  return pairwise_sum(chunk_sums) / static_cast<double>(array.count());
}

}  // namespace hpcpp::bigfile
