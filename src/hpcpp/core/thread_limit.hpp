#pragma once
// The most threads or processes one run may ask for. Far beyond any core count of today's
// nodes, and low enough that a typing slip (--threads 100000) is refused at once rather
// than exhausting stacks or process slots. Every message about a thread count states the
// rule with thread_count_rule, whoever gave the count (an option, OMP_NUM_THREADS, a
// Python keyword).
#include <fmt/core.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "hpcpp/core/error.hpp"

namespace hpcpp {

inline constexpr int max_threads = 1024;

// "an integer from 1 to 1024": what a thread count must be.
inline std::string thread_count_rule(int min = 1) { return fmt::format("an integer from {} to {}", min, max_threads); }

inline bool is_thread_count(std::int64_t count, int min = 1) { return count >= min && count <= max_threads; }

// Throws hpcpp::Error "`what`: must be <rule>, got <count>" unless `count` is in
// [min, max_threads]; `what` names the count as the user gave it ("--threads", "workers").
inline void check_thread_count(std::int64_t count, std::string_view what, int min = 1) {
  if (!is_thread_count(count, min))
    throw Error(fmt::format("{}: must be {}, got {}", what, thread_count_rule(min), count));
}

}  // namespace hpcpp
