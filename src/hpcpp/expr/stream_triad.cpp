#include "hpcpp/expr/stream_triad.hpp"

#include <algorithm>

#include "hpcpp/core/aligned_buffer.hpp"
#include "hpcpp/core/wall_timer.hpp"
#include "hpcpp/expr/thread_pool.hpp"

namespace hpcpp::expr {

TriadResult stream_triad(std::int64_t n, int threads, int rounds) {
  AlignedBuffer<double> a(static_cast<std::size_t>(n)), b(static_cast<std::size_t>(n)), c(static_cast<std::size_t>(n));
  const double s = 3.0;
  std::unique_lock<std::mutex> lock;
  ThreadPool& pool = shared_pool(threads, lock);
  // Each thread touches first the part it later streams (pages land near it).
  auto part = [&](int p, auto&& body) {
    const std::int64_t first = n * p / threads, last = n * (p + 1) / threads;
    body(first, last);
  };
  pool.run(threads, [&](int p) {
    part(p, [&](std::int64_t first, std::int64_t last) {
      for (std::int64_t i = first; i < last; ++i) b[static_cast<std::size_t>(i)] = 1.0, c[static_cast<std::size_t>(i)] = 2.0;
    });
  });
  double best = 1e300;
  for (int round = 0; round < rounds; ++round) {
    WallTimer timer;
    pool.run(threads, [&](int p) {
      part(p, [&](std::int64_t first, std::int64_t last) {
        double* __restrict out = a.data();
        const double* __restrict x = b.data();
        const double* __restrict y = c.data();
        for (std::int64_t i = first; i < last; ++i) out[i] = x[i] + s * y[i];
      });
    });
    best = std::min(best, timer.seconds());
  }
  return {best, 24.0 * static_cast<double>(n) / best};
}

}  // namespace hpcpp::expr
