#include <fmt/core.h>

#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/diffusion/cache_sizes.hpp"
#include "hpcpp/diffusion/thread_count.hpp"

namespace hpcpp::diffusion {

BackendChoice choose_backend(const Problem& problem, const BackendOptions& options) {
  const int threads = resolve_thread_count(options.threads);
  const std::int64_t field_bytes = problem.npnts * problem.npnts * static_cast<std::int64_t>(sizeof(double));
  const std::int64_t cache = l2_cache_bytes() * threads;
  // Below this many rows per thread, the barrier of each step costs more than the rows.
  constexpr std::int64_t min_rows_per_thread = 32;
  if (threads == 1 || problem.nrows < min_rows_per_thread * threads)
    return {"simd", fmt::format("{} thread(s), {} rows: one thread is fastest", threads, problem.nrows)};
  if (2 * field_bytes <= cache)
    return {"threads", fmt::format("two fields ({} KiB) fit in {} threads' L2 caches", 2 * field_bytes / 1024, threads)};
  return {"blocked", fmt::format("two fields ({} MiB) exceed {} threads' L2 caches ({} MiB): temporal blocking",
                                 2 * field_bytes >> 20, threads, cache >> 20)};
}

}  // namespace hpcpp::diffusion
