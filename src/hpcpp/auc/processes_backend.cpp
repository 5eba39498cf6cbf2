#include <numeric>
#include <vector>

#include "hpcpp/auc/backend.hpp"
#include "hpcpp/auc/riemann_kernels.hpp"
#include "hpcpp/procs/pool.hpp"

namespace hpcpp::auc {

double processes_area(const AucOptions& options) {
  const int workers = effective_workers(options);
  std::vector<int> ranks(static_cast<std::size_t>(workers));
  std::iota(ranks.begin(), ranks.end(), 0);
  const auto partial = procs::Pool(workers).map(
      [&](int k) {
        const PointRange range = worker_points(options.n, workers, k);
        return riemann_points_simd(range.begin, range.end, options.n);
      },
      ranks);
  CompensatedSum area;
  for (const auto& p : partial) area.add(p);
  return area.value();
}

}  // namespace hpcpp::auc
