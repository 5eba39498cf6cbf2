#pragma once
// The most threads or processes one run may ask for. Far beyond any core count of today's
// nodes, and low enough that a typing slip (--threads 100000) is refused at once rather
// than exhausting stacks or process slots.
#include <fmt/core.h>

#include <string_view>

#include "hpcpp/core/error.hpp"

namespace hpcpp {

inline constexpr int max_threads = 1024;

// Throws hpcpp::Error unless `count` is in [min, max_threads]; `what` names the count
// ("--threads", "workers").
inline void check_thread_count(int count, std::string_view what, int min = 1) {
  if (count < min || count > max_threads)
    throw Error(fmt::format("{} must be from {} to {}, got {}", what, min, max_threads, count));
}

}  // namespace hpcpp
