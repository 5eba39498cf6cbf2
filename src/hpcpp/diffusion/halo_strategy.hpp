#pragma once
// How the mpi backend refreshes its ghost layer (halo_exchange.hpp), by name.
#include <string>
#include <string_view>
#include <vector>

namespace hpcpp::diffusion {

enum class HaloStrategy { sendrecv, nonblocking, neighbor };

// Throws hpcpp::Error for an unknown name, naming the closest one.
HaloStrategy halo_strategy_named(std::string_view name);
std::string_view halo_strategy_name(HaloStrategy strategy);
const std::vector<std::string>& halo_strategy_names();

}  // namespace hpcpp::diffusion
