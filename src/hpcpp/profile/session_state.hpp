#pragma once
// The process-wide state regions and sessions share (internal to the profile module).
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "hpcpp/profile/rss_sampler.hpp"
#include "hpcpp/profile/thread_log.hpp"

namespace hpcpp::profile::detail {

// Calls kept per thread for the trace; beyond it calls are counted but not kept.
inline constexpr std::size_t max_spans_per_thread = std::size_t{1} << 22;

extern std::atomic<std::uint32_t> g_session_index;
extern std::atomic<bool> g_record_spans;
RssSampler& rss_sampler();

// The calling thread's log, made and registered on first use. Logs live as long as the
// process, so a thread that ends before the session stops is still counted.
ThreadLog& this_thread_log();
std::vector<const ThreadLog*> thread_logs();
std::vector<std::string> site_names();

}  // namespace hpcpp::profile::detail
