#include "hpcpp/diffusion/halo_strategy.hpp"

#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/decimal_integer.hpp"
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

namespace {

std::optional<HaloSetting> parse(std::string_view text) {
  const std::size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  const auto& names = halo_strategy_names();
  const auto found = std::find(names.begin(), names.end(), name);
  if (found == names.end()) return std::nullopt;
  HaloSetting setting{static_cast<HaloStrategy>(found - names.begin()), 0};
  if (colon == std::string_view::npos) return setting;
  const auto depth = decimal_integer(text.substr(colon + 1));
  if (!depth || *depth < 1 || *depth > max_halo_depth) return std::nullopt;
  setting.depth = static_cast<int>(*depth);
  return setting;
}

std::string rule() {
  return fmt::format("{} or one of them:DEPTH with DEPTH ghost layers from 1 to {}",
                     fmt::join(halo_strategy_names(), ", "), max_halo_depth);
}

}  // namespace

std::string halo_setting_problem(std::string_view text) {
  if (parse(text)) return {};
  std::string problem = fmt::format("must be {}, got {}", rule(), text.empty() ? "nothing" : text);
  const std::string_view name = text.substr(0, text.find(':'));
  const auto& names = halo_strategy_names();
  if (std::find(names.begin(), names.end(), name) == names.end())
    problem += fmt::format(" (did you mean '{}'?)", closest_name(name, names));
  return problem;
}

HaloSetting halo_setting_named(std::string_view text) {
  if (auto setting = parse(text)) return *setting;
  throw Error(fmt::format("halo '{}': {}", text, halo_setting_problem(text)));
}

}  // namespace hpcpp::diffusion
