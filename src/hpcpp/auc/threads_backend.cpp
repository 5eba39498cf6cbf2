#include <thread>
#include <vector>

#include "hpcpp/auc/backend.hpp"
#include "hpcpp/auc/riemann_kernels.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::auc {

double threads_area(const AucOptions& options) {
  const int workers = effective_workers(options);
  std::vector<CompensatedSum> partial(static_cast<std::size_t>(workers));
  {
    std::vector<std::jthread> threads;
    for (int k = 0; k < workers; ++k)
      threads.emplace_back([&partial, &options, workers, k] {
        HPCPP_PROFILE_REGION("auc.worker");
        const PointRange range = worker_points(options.n, workers, k);
        partial[static_cast<std::size_t>(k)] = riemann_points_simd(range.begin, range.end, options.n);
      });
  }
  CompensatedSum area;
  for (const auto& p : partial) area.add(p);
  return area.value();
}

}  // namespace hpcpp::auc
