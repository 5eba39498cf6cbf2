#include <fmt/core.h>

#include "hpcpp/auc/backend.hpp"
#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/default_threads.hpp"
#include "hpcpp/core/even_split.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/core/thread_limit.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::auc {

const std::vector<AucBackendInfo>& auc_backends() {
  static const std::vector<AucBackendInfo> all = {
      {"serial", "one point at a time, compensated sum", serial_area},
      {"simd", "32 lanes in vector registers, compensated per lane", simd_area},
      {"threads", "the simd kernel in --threads threads", threads_area, Parallelism::threads},
      {"processes", "the simd kernel in --procs forked processes, sums through shared memory", processes_area, Parallelism::procs},
      {"expr", "the curve as a string compiled by hpcpp::expr, on --threads of its threads", expr_area, Parallelism::threads},
      {"mpi", "fixed chunks shared among the MPI ranks (mpirun), one buffer reduction, same bits for any rank count",
       mpi_area},
  };
  return all;
}

std::string default_auc_backend() { return "simd"; }

Parallelism parallelism_of(std::string_view backend) {
  for (const auto& info : auc_backends())
    if (info.name == backend) return info.parallelism;
  return Parallelism::none;
}

PointRange worker_points(std::int64_t n, int workers, int k) {
  const IndexRange range = even_split(n, workers, k);
  return {range.begin, range.end};
}

int effective_workers(const AucOptions& options) { return thread_count_or_default(options.workers, "workers"); }

double area_under_curve(std::string_view backend, const AucOptions& options) {
  if (options.n < 1 || options.n > max_points)
    throw Error(fmt::format("auc: N must be from 1 to {}, got {}", max_points, options.n));
  check_thread_count(options.workers, "workers", 0);
  std::vector<std::string> names;
  for (const auto& info : auc_backends()) {
    if (info.name == backend) {
      const profile::Region region(profile::site("auc." + info.name));
      return info.area(options);
    }
    names.push_back(info.name);
  }
  throw Error(fmt::format("auc: unknown backend {} (did you mean '{}'?)", python_repr(backend),
                          closest_name(backend, names)));
}

}  // namespace hpcpp::auc
