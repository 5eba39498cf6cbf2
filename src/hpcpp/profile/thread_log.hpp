#pragma once
// Per-thread state behind regions (internal to the profile module). The fields a region
// touches on enter and leave come first and are plain pointers and counts, so the common
// path checks them without a call or a bounds computation; everything that can allocate
// (a new thread, a new session, a new site, a deeper stack) takes the slow path.
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
  Frame* top = nullptr;     // one past the innermost open region
  Frame* bottom = nullptr;  // the outermost
  Frame* limit = nullptr;   // the end of the stack's storage
  TickTotals* totals_by_site = nullptr;
  std::uint32_t sites = 0;    // entries of totals_by_site
  std::uint32_t session = 0;  // the session this log's contents belong to
  bool record_spans = false;

  std::uint32_t index = 0;
  std::string name;
  std::vector<Frame> stack_storage;
  std::vector<TickTotals> totals;  // indexed by site id
  std::vector<TickSpan> spans;
  std::uint64_t dropped_spans = 0;

  std::uint32_t depth() const noexcept { return static_cast<std::uint32_t>(top - bottom); }

  void reset(std::uint32_t new_session, bool keep_spans) {
    session = new_session;
    record_spans = keep_spans;
    top = bottom;
    totals.clear();
    sites = 0;
    totals_by_site = nullptr;
    spans.clear();
    dropped_spans = 0;
  }

  void fit_site(SiteId site) {
    if (site >= totals.size()) totals.resize(site + 1);
    totals_by_site = totals.data();
    sites = static_cast<std::uint32_t>(totals.size());
  }

  void grow_stack() {
    const auto used = top - bottom;
    stack_storage.resize(stack_storage.empty() ? 64 : 2 * stack_storage.size());
    bottom = stack_storage.data();
    top = bottom + used;
    limit = bottom + stack_storage.size();
  }
};

}  // namespace hpcpp::profile::detail
