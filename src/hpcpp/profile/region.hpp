#pragma once
// Named regions that nest. A region is a scope:
//
//   HPCPP_PROFILE_REGION("diff2d.steps");        // until the end of the enclosing block
//   { profile::Region r(profile::site("expr." + name)); ... }   // a name made at run time
//
// When no session is running a region costs one relaxed load and a branch. In a session
// each thread keeps its own stack and totals (no locks, no shared writes); the session
// merges them when it stops.
#include <atomic>
#include <cstdint>
#include <string_view>

namespace hpcpp::profile {

using SiteId = std::uint32_t;

// The id of a region name; the same name always gives the same id. Takes a lock: call it
// once per site (the macro keeps it in a function-local static), not per entry.
SiteId site(std::string_view name);

namespace detail {
extern std::atomic<bool> g_session_running;
void enter(SiteId site) noexcept;
void leave() noexcept;
}  // namespace detail

inline bool session_running() noexcept { return detail::g_session_running.load(std::memory_order_relaxed); }

class Region {
 public:
  explicit Region(SiteId id) noexcept : active_(session_running()) {
    if (active_) detail::enter(id);
  }
  ~Region() {
    if (active_) detail::leave();
  }
  Region(const Region&) = delete;
  Region& operator=(const Region&) = delete;

 private:
  bool active_;
};

}  // namespace hpcpp::profile

#define HPCPP_PROFILE_CONCAT_INNER(a, b) a##b
#define HPCPP_PROFILE_CONCAT(a, b) HPCPP_PROFILE_CONCAT_INNER(a, b)
#define HPCPP_PROFILE_REGION(name)                                                                   \
  static const ::hpcpp::profile::SiteId HPCPP_PROFILE_CONCAT(hpcpp_profile_site_, __LINE__) =        \
      ::hpcpp::profile::site(name);                                                                  \
  const ::hpcpp::profile::Region HPCPP_PROFILE_CONCAT(hpcpp_profile_region_, __LINE__) {             \
    HPCPP_PROFILE_CONCAT(hpcpp_profile_site_, __LINE__)                                              \
  }
