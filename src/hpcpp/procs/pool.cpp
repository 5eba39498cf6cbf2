#include "hpcpp/procs/pool.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <string>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/thread_limit.hpp"
#include "hpcpp/procs/process.hpp"

namespace hpcpp::procs {
namespace {

// What the workers share: the next index to take, how many are done, a flag that stops
// them after a failure, and the first failure's message.
struct WorkQueue {
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::atomic<bool> failed{false};
  char message[512] = {};
};
static_assert(std::atomic<std::size_t>::is_always_lock_free, "the work queue needs address-free atomics");

void record_failure(WorkQueue& queue, const char* what) {
  if (queue.failed.exchange(true)) return;
  std::strncpy(queue.message, what, sizeof queue.message - 1);
}

void work(WorkQueue& queue, std::size_t count, const std::function<void(std::size_t)>& task) {
  try {
    for (std::size_t i = queue.next++; i < count && !queue.failed; i = queue.next++) {
      task(i);
      ++queue.done;
    }
  } catch (const std::exception& e) {
    record_failure(queue, e.what());
    throw;
  } catch (...) {
    record_failure(queue, "unknown exception");
    throw;
  }
}

}  // namespace

Pool::Pool(int workers) : workers_(workers) {
  check_thread_count(workers, "pool: workers");
}

void Pool::run_indexed(std::size_t count, const std::function<void(std::size_t)>& task) const {
  if (count == 0) return;
  SharedMapping memory(sizeof(WorkQueue));
  auto* queue = new (memory.data()) WorkQueue;
  const auto nworkers = std::min<std::size_t>(static_cast<std::size_t>(workers_), count);
  std::vector<Process> processes;
  processes.reserve(nworkers);
  for (std::size_t w = 0; w < nworkers; ++w)
    processes.emplace_back([queue, count, &task] { work(*queue, count, task); });
  try {
    run_all(processes, "pool worker");
  } catch (const Error&) {
    if (queue->failed) throw Error(fmt::format("pool worker raised: {}", queue->message));
    throw;
  }
  // A task that ends its worker process early (exit(0) inside the task) loses items silently.
  if (queue->done != count)
    throw Error(fmt::format("pool: {} of {} items were never finished (a worker exited early)", count - queue->done, count));
}

}  // namespace hpcpp::procs
