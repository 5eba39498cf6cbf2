#include "hpcpp/profile/session.hpp"

#include <chrono>
#include <cmath>

#include "hpcpp/profile/allocation_counter.hpp"
#include "hpcpp/profile/session_state.hpp"
#include "hpcpp/profile/tick_clock.hpp"

namespace hpcpp::profile {
namespace {

using steady = std::chrono::steady_clock;

struct ClockPair {
  steady::time_point time;
  std::uint64_t tick;
};

ClockPair read_clocks() { return {steady::now(), now_ticks()}; }

// Ticks to nanoseconds since the session started, at the rate measured over the session.
// A session shorter than a few milliseconds measures the rate over a few milliseconds more.
class TickConverter {
 public:
  TickConverter(ClockPair start, ClockPair stop) : start_tick_(start.tick) {
    constexpr auto least = std::chrono::milliseconds(5);
    while (stop.time - start.time < least) stop = read_clocks();
    const double ns = std::chrono::duration<double, std::nano>(stop.time - start.time).count();
    ns_per_tick_ = ns / static_cast<double>(stop.tick - start.tick);
  }
  std::int64_t since_start(std::uint64_t tick) const {
    return std::llround(static_cast<double>(static_cast<std::int64_t>(tick - start_tick_)) * ns_per_tick_);
  }
  std::int64_t length(std::uint64_t ticks) const { return std::llround(static_cast<double>(ticks) * ns_per_tick_); }

 private:
  std::uint64_t start_tick_;
  double ns_per_tick_ = 1;
};

ClockPair g_session_start;

ThreadCapture capture_thread(const detail::ThreadLog& log, const TickConverter& clock) {
  ThreadCapture thread;
  thread.tid = log.index + 1;
  thread.name = !log.name.empty() ? log.name : "thread " + std::to_string(log.index);
  thread.regions.reserve(log.totals.size());
  for (const auto& t : log.totals)
    thread.regions.push_back(RegionTotals{t.calls, clock.length(t.self_ticks), clock.length(t.cumulative_ticks),
                                          t.self_bytes, t.cumulative_bytes, t.peak_rss, t.rss_increment});
  thread.spans.reserve(log.spans.size());
  for (const auto& s : log.spans)
    thread.spans.push_back(Span{s.site, s.depth, clock.since_start(s.start_tick), clock.since_start(s.end_tick)});
  thread.dropped_spans = log.dropped_spans;
  return thread;
}

}  // namespace

void name_this_thread(std::string name) { detail::this_thread_log().name = std::move(name); }

void start_session(const SessionOptions& options) {
  auto& main_log = detail::this_thread_log();
  if (main_log.name.empty()) main_log.name = "main";
  detail::g_session_index.fetch_add(1, std::memory_order_relaxed);
  detail::g_record_spans.store(options.record_spans, std::memory_order_relaxed);
  g_session_start = read_clocks();
  detail::rss_sampler().start(options.rss_interval);
  detail::g_session_running.store(true, std::memory_order_release);
}

Capture stop_session() {
  const ClockPair stop = read_clocks();
  detail::g_session_running.store(false, std::memory_order_release);
  detail::rss_sampler().stop();
  const TickConverter clock(g_session_start, stop);

  Capture capture;
  capture.site_names = detail::site_names();
  capture.wall_ns = clock.since_start(stop.tick);
  capture.allocation_hook = detail::g_allocation_hook_linked;
  const std::uint32_t session = detail::g_session_index.load(std::memory_order_relaxed);
  for (const auto* log : detail::thread_logs())
    if (log->session == session && !log->totals.empty()) capture.threads.push_back(capture_thread(*log, clock));
  for (const auto& sample : detail::rss_sampler().all())
    capture.rss.push_back(RssPoint{clock.since_start(sample.tick), sample.bytes});
  return capture;
}

}  // namespace hpcpp::profile
