#include "hpcpp/bigfile/chunk_runner.hpp"

#include <fmt/core.h>
#include <omp.h>

#include <atomic>
#include <exception>
#include <mutex>

#include "hpcpp/core/progress.hpp"

namespace hpcpp::bigfile {

void run_chunks(const ChunkPlan& plan, int threads, const std::string& label,
                const std::function<void(std::int64_t chunk, int worker)>& work) {
  const std::int64_t chunks = plan.chunks();
  std::atomic<std::int64_t> next{0};
  std::atomic<std::int64_t> done{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  Progress progress(label, chunks);
#pragma omp parallel num_threads(resolve_threads(threads))
  {
    const int worker = omp_get_thread_num();
    try {
      for (std::int64_t chunk = next++; chunk < chunks && !failed; chunk = next++) {
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

}  // namespace hpcpp::bigfile
