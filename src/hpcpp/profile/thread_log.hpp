#pragma once
// Per-thread state behind regions (internal to the profile module).
#include <cstdint>
#include <string>
#include <vector>

#include "hpcpp/profile/region.hpp"

namespace hpcpp::profile::detail {

struct Frame {
  SiteId site;
  std::uint32_t rss_samples_at_enter;
  std::uint64_t bytes_at_enter;
  std::uint64_t start_tick;
  std::uint64_t child_ticks;
  std::uint64_t child_bytes;
};

struct TickTotals {
  std::uint64_t calls = 0;
  std::uint64_t self_ticks = 0;
  std::uint64_t cumulative_ticks = 0;
  std::uint64_t self_bytes = 0;
  std::uint64_t cumulative_bytes = 0;
  std::uint64_t peak_rss = 0;
  std::int64_t rss_increment = 0;
  std::uint32_t open = 0;  // calls of this region now on the stack (recursion)
};

struct TickSpan {
  SiteId site;
  std::uint32_t depth;
  std::uint64_t start_tick;
  std::uint64_t end_tick;
};

struct ThreadLog {
  std::uint32_t index = 0;
  std::uint32_t session = 0;  // the session this log's contents belong to
  std::string name;
  std::vector<Frame> stack;
  std::vector<TickTotals> totals;  // indexed by site id
  std::vector<TickSpan> spans;
  std::uint64_t dropped_spans = 0;

  void reset(std::uint32_t new_session) {
    session = new_session;
    stack.clear();
    totals.clear();
    spans.clear();
    dropped_spans = 0;
  }
};

}  // namespace hpcpp::profile::detail
