#pragma once
// What the backends need to know of the cache hierarchy to choose their strategy.
#include <unistd.h>

#include <cstdint>

#include "hpcpp/diffusion/field.hpp"

namespace hpcpp::diffusion {

inline std::int64_t l2_cache_bytes() {
  const long l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
  return l2 > 0 ? l2 : std::int64_t{1} << 20;
}

inline std::int64_t field_bytes(const Field& f) {
  return f.rows() * f.stride() * static_cast<std::int64_t>(sizeof(double));
}

// Beyond this working set (two fields) the output of a step is evicted before the next step
// reads it, so writing it around the caches saves the read-for-ownership traffic.
inline constexpr std::int64_t streaming_threshold_bytes = std::int64_t{64} << 20;

inline bool streaming_stores_pay_off(const Field& f) { return 2 * field_bytes(f) > streaming_threshold_bytes; }

}  // namespace hpcpp::diffusion
