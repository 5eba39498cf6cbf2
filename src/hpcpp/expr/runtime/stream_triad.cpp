#include "hpcpp/expr/runtime/stream_triad.hpp"

#include <algorithm>

#include "hpcpp/core/wall_timer.hpp"
#include "hpcpp/expr/runtime/thread_pool.hpp"

namespace hpcpp::expr {

StreamTriad::StreamTriad(std::int64_t n, int threads)
    : n_(n),
      threads_(threads),
      a_(static_cast<std::size_t>(n), Pages::huge),
      b_(static_cast<std::size_t>(n), Pages::huge),
      c_(static_cast<std::size_t>(n), Pages::huge) {
  std::unique_lock<std::mutex> lock;
  shared_pool(threads_, lock).run(threads_, [&](int p) {
    for (std::int64_t i = n_ * p / threads_, last = n_ * (p + 1) / threads_; i < last; ++i)
      a_[static_cast<std::size_t>(i)] = 0.0, b_[static_cast<std::size_t>(i)] = 1.0, c_[static_cast<std::size_t>(i)] = 2.0;
  });
}

double StreamTriad::seconds_of_one() {
  const double s = 3.0;
  std::unique_lock<std::mutex> lock;
  ThreadPool& pool = shared_pool(threads_, lock);
  WallTimer timer;
  pool.run(threads_, [&](int p) {
    double* __restrict out = a_.data();
    const double* __restrict x = b_.data();
    const double* __restrict y = c_.data();
    for (std::int64_t i = n_ * p / threads_, last = n_ * (p + 1) / threads_; i < last; ++i) out[i] = x[i] + s * y[i];
  });
  return timer.seconds();
}

TriadResult stream_triad(std::int64_t n, int threads, int rounds) {
  StreamTriad triad(n, threads);
  double best = 1e300;
  for (int round = 0; round < rounds; ++round) best = std::min(best, triad.seconds_of_one());
  return {best, 24.0 * static_cast<double>(n) / best};
}

}  // namespace hpcpp::expr
