#pragma once
// How the mpi backend refreshes its ghost layers (halo_exchange.hpp), by name, and how many
// layers it keeps: `--halo STRATEGY[:DEPTH]`. With DEPTH layers a rank advances DEPTH steps
// between two exchanges, recomputing the points it shares with its neighbours.
#include <string>
#include <string_view>
#include <vector>

namespace hpcpp::diffusion {

enum class HaloStrategy { sendrecv, nonblocking, neighbor };

// Throws hpcpp::Error for an unknown name, naming the closest one.
HaloStrategy halo_strategy_named(std::string_view name);
std::string_view halo_strategy_name(HaloStrategy strategy);
const std::vector<std::string>& halo_strategy_names();

inline constexpr int max_halo_depth = 64;

struct HaloSetting {
  HaloStrategy strategy = HaloStrategy::sendrecv;
  int depth = 0;  // ghost layers; 0: chosen from the grid and the cache (mpi_backend.cpp)
};

// Empty when `text` is STRATEGY or STRATEGY:DEPTH; otherwise the rule it breaks, in the form
// of the option checks ("must be ..., got ...").
std::string halo_setting_problem(std::string_view text);
// Throws hpcpp::Error("halo 'TEXT': must be ...") for text that breaks the rule.
HaloSetting halo_setting_named(std::string_view text);

}  // namespace hpcpp::diffusion
