#pragma once
// multiprocessing.Pool(workers).map(f, items): f runs on the items in `workers` forked
// processes; the results come back through shared memory, in the order of the items.
// A worker that throws or dies (signal, non-zero exit) makes map throw hpcpp::Error, and
// Ctrl-C stops every worker; map never hangs on a lost worker.
#include <cstddef>
#include <functional>
#include <type_traits>
#include <vector>

#include "hpcpp/procs/array.hpp"

namespace hpcpp::procs {

class Pool {
 public:
  // Throws hpcpp::Error unless workers >= 1.
  explicit Pool(int workers);
  int workers() const { return workers_; }

  template <typename F, typename Item>
  auto map(F&& f, const std::vector<Item>& items) const {
    using Result = std::invoke_result_t<F&, const Item&>;
    static_assert(std::is_trivially_copyable_v<Result> && std::is_default_constructible_v<Result>,
                  "Pool::map results travel through shared memory: they must be trivially copyable");
    Array<Result> results(items.size());
    run_indexed(items.size(), [&](std::size_t i) { results[i] = f(items[i]); });
    return results.to_vector();
  }

  // Calls task(i) for every i in [0, count) in the worker processes, each index once.
  void run_indexed(std::size_t count, const std::function<void(std::size_t)>& task) const;

 private:
  int workers_;
};

}  // namespace hpcpp::procs
