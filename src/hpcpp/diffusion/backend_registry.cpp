#include <fmt/core.h>

#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/diffusion/backend.hpp"

namespace hpcpp::diffusion {

const std::vector<BackendInfo>& backends() {
  static const std::vector<BackendInfo> all = {
      {"reference", "the lecture's two loops with a separate Laplacian array", make_reference_backend},
      {"fused", "one pass per step: Laplacian and update together", make_fused_backend},
      {"expr", "the stencil as one sliced array expression, run by hpcpp::expr", make_expr_backend},
  };
  return all;
}

std::string default_backend_name() { return "fused"; }

std::unique_ptr<Backend> make_backend(std::string_view name, const Problem& problem, const BackendOptions& options) {
  std::vector<std::string> names;
  for (const auto& info : backends()) {
    if (info.name == name) return info.make(problem, options);
    names.push_back(info.name);
  }
  throw Error(fmt::format("unknown backend '{}' (did you mean '{}'?)", name, closest_name(name, names)));
}

}  // namespace hpcpp::diffusion
