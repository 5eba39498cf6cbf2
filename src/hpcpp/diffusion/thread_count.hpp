#pragma once
#include <omp.h>

#include "hpcpp/core/thread_limit.hpp"

namespace hpcpp::diffusion {

// The threads a backend uses: the requested count, or OpenMP's default (OMP_NUM_THREADS,
// else all cores). Throws hpcpp::Error for more than max_threads.
inline int resolve_thread_count(int requested) {
  check_thread_count(requested, "--threads", 0);
  const int threads = requested > 0 ? requested : omp_get_max_threads();
  check_thread_count(threads, "OMP_NUM_THREADS");
  return threads;
}

}  // namespace hpcpp::diffusion
