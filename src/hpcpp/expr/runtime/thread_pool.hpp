#pragma once
// A fixed set of worker threads that run the parts of one evaluation. Written on
// std::thread rather than OpenMP so that ThreadSanitizer sees every synchronisation, and
// an evaluation from any caller thread finds the workers already running.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace hpcpp::expr {

class ThreadPool {
 public:
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int size() const { return static_cast<int>(workers_.size()) + 1; }
  // Runs part(0) .. part(parts - 1), part 0 on the calling thread, at most size() at a
  // time; returns when all have finished. Parts must not throw.
  void run(int parts, const std::function<void(int)>& part);

 private:
  void work(int index);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable start_, done_;
  const std::function<void(int)>* task_ = nullptr;
  int parts_ = 0;
  int pending_ = 0;
  long generation_ = 0;
  bool stopping_ = false;
};

// The number of threads evaluate() uses when not told: at first hpcpp::default_thread_count()
// (which throws hpcpp::Error for a bad OMP_NUM_THREADS).
void set_num_threads(int threads);
int num_threads();
// A pool of `threads` threads shared by all evaluations, and the lock that makes one
// evaluation at a time use it.
ThreadPool& shared_pool(int threads, std::unique_lock<std::mutex>& lock);
// The shared pool, or nullptr while another evaluation holds it: evaluations started from
// several threads at once then run on their callers' threads instead of waiting in turn.
ThreadPool* try_shared_pool(int threads, std::unique_lock<std::mutex>& lock);

}  // namespace hpcpp::expr
