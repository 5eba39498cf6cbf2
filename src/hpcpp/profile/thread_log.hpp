#pragma once
// Per-thread state behind regions (internal to the profile module). The stack is a vector
// that only grows, with `top` marking the regions open, so entering and leaving move a
// pointer; everything that can allocate (a new thread, a new session, a new site, a deeper
// stack) takes the slow path.
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
  Frame* top = nullptr;  // one past the innermost open region, in `stack`
  std::vector<Frame> stack;  // its size is the capacity; `top` marks the regions open
  std::vector<TickTotals> totals;  // indexed by site id
  std::uint32_t session = 0;  // the session this log's contents belong to
  bool record_spans = false;

  std::uint32_t index = 0;
  std::string name;
  std::vector<TickSpan> spans;
  std::uint64_t dropped_spans = 0;

  Frame* bottom() noexcept { return stack.data(); }
  bool stack_full() const noexcept { return top == stack.data() + stack.size(); }
  std::uint32_t depth() const noexcept { return static_cast<std::uint32_t>(top - stack.data()); }

  void reset(std::uint32_t new_session, bool keep_spans) {
    session = new_session;
    record_spans = keep_spans;
    top = bottom();
    totals.clear();
    spans.clear();
    dropped_spans = 0;
  }

  void grow_stack() {
    const auto used = depth();
    stack.resize(stack.empty() ? 64 : 2 * stack.size());
    top = bottom() + used;
  }
};

}  // namespace hpcpp::profile::detail
