#include <fmt/core.h>

#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/diffusion/cache_sizes.hpp"
#include "hpcpp/diffusion/thread_count.hpp"

namespace hpcpp::diffusion {

// From bench/diff2d/scaling.py (docs/BENCHMARKS.md): with one thread, plain vector rows win
// while both fields fit in L2 and temporal blocking wins beyond; with more threads,
// blocking wins from about 150 rows up (its passes need no barrier per step).
BackendChoice choose_backend(const Problem& problem, const BackendOptions& options) {
  const int threads = resolve_thread_count(options.threads);
  const std::int64_t bytes = 2 * problem.npnts * problem.npnts * static_cast<std::int64_t>(sizeof(double));
  if (threads == 1) {
    if (bytes <= l2_cache_bytes())
      return {"simd", fmt::format("one thread, two fields ({} KiB) fit in L2", bytes / 1024)};
    return {"blocked", fmt::format("one thread, two fields ({} KiB) exceed L2: temporal blocking", bytes / 1024)};
  }
  constexpr std::int64_t min_rows_for_threads = 128;
  if (problem.nrows < min_rows_for_threads)
    return {"simd", fmt::format("{} rows are too few to share among {} threads", problem.nrows, threads)};
  return {"blocked", fmt::format("{} threads, {} rows: temporal blocking, one barrier per pass", threads, problem.nrows)};
}

}  // namespace hpcpp::diffusion
