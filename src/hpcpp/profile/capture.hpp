#pragma once
// What a session recorded, per thread, in seconds-free units (ticks already converted to
// nanoseconds since the session started). Table and trace writers read only this.
#include <cstdint>
#include <string>
#include <vector>

namespace hpcpp::profile {

// One region's totals on one thread. Cumulative figures count only the outermost call of a
// region that recurses (as cProfile does); self figures exclude the regions nested inside.
struct RegionTotals {
  std::uint64_t calls = 0;
  std::int64_t self_ns = 0;
  std::int64_t cumulative_ns = 0;
  std::uint64_t self_bytes = 0;        // allocated while this region was the innermost
  std::uint64_t cumulative_bytes = 0;  // allocated while it was open
  std::uint64_t peak_rss = 0;          // largest resident set sampled while it was open
  std::int64_t rss_increment = 0;      // resident set at leave minus at enter, summed over calls
};

// One call of a region: a complete event in the trace.
struct Span {
  std::uint32_t site = 0;
  std::uint32_t depth = 0;  // 0: no enclosing region on this thread
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;
};

struct ThreadCapture {
  std::uint32_t tid = 0;
  std::string name;
  std::vector<RegionTotals> regions;  // indexed by site id; calls == 0 where never entered
  std::vector<Span> spans;            // when the session records a trace
  std::uint64_t dropped_spans = 0;    // beyond the per-thread cap
};

struct RssPoint {
  std::int64_t ns = 0;
  std::uint64_t bytes = 0;
};

struct Capture {
  std::vector<std::string> site_names;  // indexed by site id
  std::vector<ThreadCapture> threads;   // threads that entered at least one region
  std::vector<RssPoint> rss;
  std::int64_t wall_ns = 0;
  bool allocation_hook = false;  // false: byte counts are all 0 (hook not linked)
};

}  // namespace hpcpp::profile
