#include "hpcpp/profile/region.hpp"

#include <algorithm>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "hpcpp/profile/allocation_counter.hpp"
#include "hpcpp/profile/session_state.hpp"
#include "hpcpp/profile/tick_clock.hpp"

namespace hpcpp::profile {
namespace detail {

constinit thread_local std::uint64_t t_allocated_bytes = 0;
bool g_allocation_hook_linked = false;

std::atomic<bool> g_session_running{false};
std::atomic<std::uint32_t> g_session_index{0};
std::atomic<bool> g_record_spans{false};

// At namespace scope, not a function-local static: regions read it without an
// initialisation guard.
RssSampler g_rss_sampler;

RssSampler& rss_sampler() { return g_rss_sampler; }

namespace {

struct SiteRegistry {
  std::mutex mutex;
  std::deque<std::string> names;
  std::unordered_map<std::string, SiteId> ids;
};

SiteRegistry& site_registry() {
  static SiteRegistry registry;
  return registry;
}

struct ThreadRegistry {
  std::mutex mutex;
  std::vector<std::unique_ptr<ThreadLog>> logs;
};

ThreadRegistry& thread_registry() {
  static ThreadRegistry registry;
  return registry;
}

constinit thread_local ThreadLog* t_log = nullptr;

// The profiler's own allocations (its stacks and spans growing) are not the program's:
// they are taken back out of the thread's count.
class UncountedAllocations {
 public:
  UncountedAllocations() noexcept : saved_(t_allocated_bytes) {}
  ~UncountedAllocations() { t_allocated_bytes = saved_; }
  UncountedAllocations(const UncountedAllocations&) = delete;
  UncountedAllocations& operator=(const UncountedAllocations&) = delete;

 private:
  std::uint64_t saved_;
};

ThreadLog& register_this_thread() {
  const UncountedAllocations uncounted;
  auto& registry = thread_registry();
  std::lock_guard lock(registry.mutex);
  auto log = std::make_unique<ThreadLog>();
  log->index = static_cast<std::uint32_t>(registry.logs.size());
  log->grow_stack();
  t_log = log.get();
  registry.logs.push_back(std::move(log));
  return *t_log;
}

void update_rss(TickTotals& totals, std::uint32_t samples_at_enter) {
  const auto& sampler = g_rss_sampler;
  const std::uint32_t samples_now = sampler.count();
  if (samples_now == 0) return;
  // The newest sample at enter stands for the resident set at enter.
  const std::uint32_t first = samples_at_enter > 0 ? samples_at_enter - 1 : 0;
  std::uint64_t peak = 0;
  for (std::uint32_t i = first; i < samples_now; ++i) peak = std::max(peak, sampler.at(i).bytes);
  totals.peak_rss = std::max(totals.peak_rss, peak);
  totals.rss_increment += static_cast<std::int64_t>(sampler.at(samples_now - 1).bytes) -
                          static_cast<std::int64_t>(sampler.at(first).bytes);
}

// The clock is read last on enter and first on leave, so the region's time holds as little
// of the profiler's own work as possible.
inline void push(ThreadLog& log, SiteId site) noexcept {
  ++log.totals[site].open;
  Frame* frame = log.top++;
  frame->site = site;
  frame->rss_samples_at_enter = g_rss_sampler.count();
  frame->bytes_at_enter = t_allocated_bytes;
  frame->child_ticks = 0;
  frame->child_bytes = 0;
  frame->start_tick = now_ticks();
}

// Everything that may allocate: a thread's first region, a new session, a new site, a
// deeper stack.
[[gnu::noinline]] void make_room(SiteId site) noexcept {
  const UncountedAllocations uncounted;
  ThreadLog& log = this_thread_log();
  const std::uint32_t session = g_session_index.load(std::memory_order_relaxed);
  if (log.session != session) log.reset(session, g_record_spans.load(std::memory_order_relaxed));
  if (site >= log.totals.size()) log.totals.resize(site + 1);
  if (log.stack_full()) log.grow_stack();
}

[[gnu::noinline]] void record_span(ThreadLog& log, const Frame& frame, std::uint64_t end_tick) noexcept {
  const UncountedAllocations uncounted;
  if (log.spans.size() < max_spans_per_thread)
    log.spans.push_back(TickSpan{frame.site, log.depth(), frame.start_tick, end_tick});
  else
    ++log.dropped_spans;
}

}  // namespace

ThreadLog& this_thread_log() { return t_log ? *t_log : register_this_thread(); }

std::vector<const ThreadLog*> thread_logs() {
  auto& registry = thread_registry();
  std::lock_guard lock(registry.mutex);
  std::vector<const ThreadLog*> logs;
  for (const auto& log : registry.logs) logs.push_back(log.get());
  return logs;
}

std::vector<std::string> site_names() {
  auto& registry = site_registry();
  std::lock_guard lock(registry.mutex);
  return {registry.names.begin(), registry.names.end()};
}

void enter(SiteId site) noexcept {
  ThreadLog* log = t_log;
  if (log == nullptr || log->session != g_session_index.load(std::memory_order_relaxed) || site >= log->totals.size() ||
      log->stack_full()) [[unlikely]] {
    make_room(site);
    log = t_log;
  }
  push(*log, site);
}

void leave() noexcept {
  const std::uint64_t end_tick = now_ticks();
  ThreadLog* log = t_log;
  if (log == nullptr || log->top == log->bottom()) [[unlikely]]
    return;
  const Frame& frame = *--log->top;
  const std::uint64_t ticks = end_tick - frame.start_tick;
  const std::uint64_t bytes = t_allocated_bytes - frame.bytes_at_enter;

  TickTotals& totals = log->totals[frame.site];
  ++totals.calls;
  totals.self_ticks += ticks - frame.child_ticks;
  totals.self_bytes += bytes - frame.child_bytes;
  if (--totals.open == 0) {
    totals.cumulative_ticks += ticks;
    totals.cumulative_bytes += bytes;
    update_rss(totals, frame.rss_samples_at_enter);
  }
  if (log->top != log->bottom()) {
    Frame& parent = log->top[-1];
    parent.child_ticks += ticks;
    parent.child_bytes += bytes;
  }
  if (log->record_spans) [[unlikely]]
    record_span(*log, frame, end_tick);
}

}  // namespace detail

SiteId site(std::string_view name) {
  const detail::UncountedAllocations uncounted;
  auto& registry = detail::site_registry();
  std::lock_guard lock(registry.mutex);
  const auto [it, added] = registry.ids.try_emplace(std::string(name), static_cast<SiteId>(registry.names.size()));
  if (added) registry.names.emplace_back(name);
  return it->second;
}

}  // namespace hpcpp::profile
