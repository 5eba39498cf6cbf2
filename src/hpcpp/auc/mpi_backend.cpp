// Each MPI rank sums its share of fixed chunks of the points; the chunks' partial sums
// meet in one buffer reduction (disjoint slots, exact) and are combined in chunk order on
// every rank. The chunks do not depend on the rank count, so neither does a single bit of
// the result; no point is dropped (the lecture's ntot/size drops the remainder).
#include <algorithm>
#include <vector>

#include "hpcpp/auc/backend.hpp"
#include "hpcpp/auc/riemann_kernels.hpp"
#include "hpcpp/core/even_split.hpp"
#include "hpcpp/mpi/disjoint_slots.hpp"
#include "hpcpp/mpi/environment.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::auc {
namespace {

// Enough chunks to share among many ranks; few enough that the reduction buffer is small.
constexpr std::int64_t reduction_chunks = 4096;

}  // namespace

double mpi_area(const AucOptions& options) {
  const auto [rank, size] = mpi::place_in_job();
  const std::int64_t chunks = std::min(options.n, reduction_chunks);
  std::vector<double> slots(static_cast<std::size_t>(2 * chunks), 0.0);
  const IndexRange mine = even_split(chunks, size, rank);
  for (std::int64_t k = mine.begin; k < mine.end; ++k) {
    HPCPP_PROFILE_REGION("auc.chunk");
    const IndexRange points = even_split(options.n, chunks, k);
    const CompensatedSum partial = riemann_points_simd(points.begin, points.end, options.n);
    slots[static_cast<std::size_t>(2 * k)] = partial.sum;
    slots[static_cast<std::size_t>(2 * k + 1)] = partial.compensation;
  }
  mpi::combine_disjoint_slots(slots);
  CompensatedSum area;
  for (std::int64_t k = 0; k < chunks; ++k)
    area.add(CompensatedSum{slots[static_cast<std::size_t>(2 * k)], slots[static_cast<std::size_t>(2 * k + 1)]});
  return area.value();
}

}  // namespace hpcpp::auc
