#include "hpcpp/expr/runtime/thread_pool.hpp"

#include <atomic>
#include <memory>

#include "hpcpp/core/default_threads.hpp"

namespace hpcpp::expr {

ThreadPool::ThreadPool(int threads) {
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this, i] { work(i); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  start_.notify_all();
  for (auto& w : workers_) w.join();
}

void ThreadPool::run(int parts, const std::function<void(int)>& part) {
  if (parts <= 1 || workers_.empty()) {
    for (int p = 0; p < parts; ++p) part(p);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    task_ = &part;
    parts_ = parts;
    pending_ = static_cast<int>(workers_.size());
    ++generation_;
  }
  start_.notify_all();
  // The caller takes part 0 and, when there are more parts than threads, every size()-th.
  for (int p = 0; p < parts; p += size()) part(p);
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return pending_ == 0; });
  task_ = nullptr;
}

void ThreadPool::work(int index) {
  long seen = 0;
  for (;;) {
    const std::function<void(int)>* task;
    int parts;
    {
      std::unique_lock lock(mutex_);
      start_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      task = task_;
      parts = parts_;
    }
    for (int p = index; p < parts; p += size()) (*task)(p);
    std::lock_guard lock(mutex_);
    if (--pending_ == 0) done_.notify_one();
  }
}

namespace {

std::atomic<int>& configured_threads() {
  static std::atomic<int> threads{default_thread_count()};
  return threads;
}

}  // namespace

void set_num_threads(int threads) { configured_threads() = threads < 1 ? 1 : threads; }
int num_threads() { return configured_threads(); }

namespace {

std::mutex& shared_pool_mutex() {
  static std::mutex mutex;
  return mutex;
}

// Called with shared_pool_mutex() held.
ThreadPool& shared_pool_of_size(int threads) {
  static std::unique_ptr<ThreadPool> pool;
  if (!pool || pool->size() != threads) {
    pool.reset();
    pool = std::make_unique<ThreadPool>(threads);
  }
  return *pool;
}

}  // namespace

ThreadPool& shared_pool(int threads, std::unique_lock<std::mutex>& lock) {
  lock = std::unique_lock(shared_pool_mutex());
  return shared_pool_of_size(threads);
}

ThreadPool* try_shared_pool(int threads, std::unique_lock<std::mutex>& lock) {
  lock = std::unique_lock(shared_pool_mutex(), std::try_to_lock);
  return lock.owns_lock() ? &shared_pool_of_size(threads) : nullptr;
}

}  // namespace hpcpp::expr
