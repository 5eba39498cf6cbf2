#pragma once
// An array split into chunks of equal element count (the last one shorter), handed out in
// order to several worker threads.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>

#include "hpcpp/bigfile/rank_share.hpp"
#include "hpcpp/core/default_threads.hpp"

namespace hpcpp::bigfile {

struct ChunkPlan {
  std::int64_t elements = 0;
  std::int64_t chunk_elements = 1;

  std::int64_t chunks() const { return (elements + chunk_elements - 1) / chunk_elements; }
  std::int64_t first(std::int64_t chunk) const { return chunk * chunk_elements; }
  std::int64_t size(std::int64_t chunk) const { return std::min(chunk_elements, elements - first(chunk)); }
};

// The requested thread count, or hpcpp::default_thread_count() for 0.
inline int resolve_threads(int requested) { return thread_count_or_default(requested, "threads"); }

// Calls work(chunk, worker) once for every chunk of `share`'s part of the plan, worker in
// [0, threads). The first exception stops the other workers and is rethrown here; under
// several ranks it ends every rank's loop (on_every_rank). On a terminal, a progress line
// labelled `label`.
void run_chunks(const ChunkPlan& plan, int threads, const std::string& label,
                const std::function<void(std::int64_t chunk, int worker)>& work, RankShare share = {});

}  // namespace hpcpp::bigfile
