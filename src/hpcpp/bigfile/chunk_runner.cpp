#include "hpcpp/bigfile/chunk_runner.hpp"

#include <fmt/core.h>
#include <omp.h>

#include <atomic>
#include <exception>
#include <mutex>

#include "hpcpp/core/progress.hpp"

namespace hpcpp::bigfile {

namespace {

void run_share(const IndexRange mine, int threads, const std::string& label, RankShare share,
               const std::function<void(std::int64_t chunk, int worker)>& work) {
  std::atomic<std::int64_t> next{mine.begin};
  std::atomic<std::int64_t> done{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  Progress progress(label, mine.size());
#pragma omp parallel num_threads(resolve_threads(threads))
  {
    const int worker = omp_get_thread_num();
    try {
      for (std::int64_t chunk = next++; chunk < mine.end && !failed; chunk = next++) {
        if (worker == 0 && stop_requested()) throw StopRequested{};
        fail_here_if_asked(share, chunk, mine, label);
        work(chunk, worker);
        const std::int64_t finished = ++done;
        if (worker == 0) progress.update(finished, "chunks");
      }
    } catch (...) {
      const std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
  }
  progress.finish();
  if (error) std::rethrow_exception(error);
}

}  // namespace

void run_chunks(const ChunkPlan& plan, int threads, const std::string& label,
                const std::function<void(std::int64_t chunk, int worker)>& work, RankShare share) {
  on_every_rank(share, [&] { run_share(chunks_of(plan.chunks(), share), threads, label, share, work); });
}

}  // namespace hpcpp::bigfile
