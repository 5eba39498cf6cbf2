#pragma once
#include <omp.h>

namespace hpcpp::diffusion {

// The threads a backend uses: the requested count, or OpenMP's default (OMP_NUM_THREADS,
// else all cores).
inline int resolve_thread_count(int requested) { return requested > 0 ? requested : omp_get_max_threads(); }

}  // namespace hpcpp::diffusion
