#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#include "hpcpp/expr/runtime/thread_pool.hpp"

using hpcpp::expr::ThreadPool;

TEST(ThreadPool, RunsEveryPartOnceForMorePartsThanThreads) {
  ThreadPool pool(3);
  for (int parts : {0, 1, 2, 3, 7}) {
    std::vector<std::atomic<int>> runs(static_cast<std::size_t>(parts));
    pool.run(parts, [&](int p) { runs[static_cast<std::size_t>(p)]++; });
    for (auto& r : runs) EXPECT_EQ(r.load(), 1);
  }
}

TEST(ThreadPool, ManyRunsInARow) {
  ThreadPool pool(4);
  std::atomic<long> total{0};
  for (int k = 0; k < 2000; ++k) pool.run(4, [&](int p) { total += p; });
  EXPECT_EQ(total.load(), 2000L * 6);
}
