#include "hpcpp/bigfile/layout.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <string>

namespace hpcpp::bigfile {

void print_layout(const ChunkPlan& plan, const std::vector<std::int64_t>& shape, RankShare share, int threads) {
  const std::vector<std::string> per_rank = all_gather_bytes(share, std::to_string(resolve_threads(threads)));
  if (share.rank != 0) return;
  const std::int64_t row = shape.size() > 1 ? plan.elements / std::max<std::int64_t>(1, shape[0]) : 1;
  fmt::print(stderr, "bigfile: {} rank{}, {} chunk{} of {} elements\n", share.ranks, share.ranks == 1 ? "" : "s",
             plan.chunks(), plan.chunks() == 1 ? "" : "s", plan.chunk_elements);
  for (int r = 0; r < share.ranks; ++r) {
    const IndexRange mine = chunks_of(plan.chunks(), RankShare{r, share.ranks, share.all_on_rank_zero});
    std::string what = "no chunks";
    if (mine.size() > 0) {
      const std::int64_t first = plan.first(mine.begin), end = plan.first(mine.end - 1) + plan.size(mine.end - 1);
      what = fmt::format("chunks {}-{} ({}), elements {}-{}", mine.begin, mine.end - 1, mine.size(), first, end - 1);
      if (shape.size() > 1 && row > 0) what += fmt::format(", rows {}-{}", first / row, (end - 1) / row);
    }
    fmt::print(stderr, "bigfile: rank {}: {} thread{}, {}\n", r, per_rank[static_cast<std::size_t>(r)],
               per_rank[static_cast<std::size_t>(r)] == "1" ? "" : "s", what);
  }
  std::fflush(stderr);
}

}  // namespace hpcpp::bigfile
