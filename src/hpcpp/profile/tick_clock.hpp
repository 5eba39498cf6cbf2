#pragma once
// The clock regions read on enter and leave. On x86-64 the time-stamp counter: invariant on
// current processors and read in a few nanoseconds, where clock_gettime costs about 20. A
// session converts ticks to seconds with the rate it measures against steady_clock.
#include <chrono>
#include <cstdint>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace hpcpp::profile {

inline std::uint64_t now_ticks() noexcept {
#if defined(__x86_64__)
  return __rdtsc();
#else
  return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
#endif
}

}  // namespace hpcpp::profile
