#pragma once
#include "hpcpp/core/default_threads.hpp"

namespace hpcpp::diffusion {

// The threads a backend uses: the requested count, or hpcpp::default_thread_count() for 0
// (OMP_NUM_THREADS, else the cores shared among this node's ranks). Throws hpcpp::Error.
inline int resolve_thread_count(int requested) { return thread_count_or_default(requested, "threads"); }

}  // namespace hpcpp::diffusion
