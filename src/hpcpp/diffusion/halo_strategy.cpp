#include "hpcpp/diffusion/halo_strategy.hpp"

#include <fmt/core.h>

#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/error.hpp"

namespace hpcpp::diffusion {

const std::vector<std::string>& halo_strategy_names() {
  static const std::vector<std::string> names = {"sendrecv", "nonblocking", "neighbor"};
  return names;
}

HaloStrategy halo_strategy_named(std::string_view name) {
  const auto& names = halo_strategy_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<HaloStrategy>(i);
  throw Error(fmt::format("unknown halo exchange '{}' (did you mean '{}'?)", name, closest_name(name, names)));
}

std::string_view halo_strategy_name(HaloStrategy strategy) {
  return halo_strategy_names()[static_cast<std::size_t>(strategy)];
}

}  // namespace hpcpp::diffusion
