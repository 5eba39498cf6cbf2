#include <fmt/core.h>

#include <thread>

#include "hpcpp/auc/backend.hpp"
#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"

namespace hpcpp::auc {

const std::vector<AucBackendInfo>& auc_backends() {
  static const std::vector<AucBackendInfo> all = {
      {"serial", "one point at a time, compensated sum", serial_area},
      {"simd", "32 lanes in vector registers, compensated per lane", simd_area},
      {"threads", "the simd kernel in --workers threads", threads_area},
      {"processes", "the simd kernel in --workers forked processes, sums through shared memory", processes_area},
      {"expr", "the curve as a string compiled by hpcpp::expr, on --workers of its threads", expr_area},
  };
  return all;
}

std::string default_auc_backend() { return "simd"; }

PointRange worker_points(std::int64_t n, int workers, int k) {
  const auto at = [&](int j) {
    return static_cast<std::int64_t>(static_cast<__int128>(j) * n / workers);
  };
  return {at(k), at(k + 1)};
}

int effective_workers(const AucOptions& options) {
  if (options.workers > 0) return options.workers;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

double area_under_curve(std::string_view backend, const AucOptions& options) {
  constexpr std::int64_t max_n = 1'000'000'000'000;
  if (options.n < 1 || options.n > max_n) throw Error(fmt::format("auc: N must be in [1, {}], got {}", max_n, options.n));
  if (options.workers < 0 || options.workers > 4096)
    throw Error(fmt::format("auc: workers must be in [1, 4096] (0: all cores), got {}", options.workers));
  std::vector<std::string> names;
  for (const auto& info : auc_backends()) {
    if (info.name == backend) return info.area(options);
    names.push_back(info.name);
  }
  throw Error(fmt::format("auc: unknown backend {} (did you mean '{}'?)", python_repr(backend),
                          closest_name(backend, names)));
}

}  // namespace hpcpp::auc
