// Temporal blocking on threads: the field is cut into tiles (bands of rows, strips of
// columns) and each pass advances every tile `depth` steps with wavefront_tile.hpp's
// wavefront, so the field moves through memory once per `depth` steps. Tiles overlap by
// their halo and recompute it, so they are independent and run on threads without
// synchronisation inside a pass; one barrier ends each pass. Every value is still
// stencil_row's arithmetic on the same inputs: the result is bit-identical to `reference`.
#include <omp.h>

#include <algorithm>
#include <vector>

#include "hpcpp/core/aligned_buffer.hpp"
#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/diffusion/cache_sizes.hpp"
#include "hpcpp/diffusion/row_kernels.hpp"
#include "hpcpp/diffusion/thread_count.hpp"
#include "hpcpp/diffusion/wavefront_tile.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::diffusion {
namespace {

// How a pass is cut: tile sizes and the steps per pass.
struct Blocking {
  std::int64_t band_rows;
  std::int64_t strip_cols;
  std::int64_t depth;
};

class BlockedBackend final : public Backend {
 public:
  BlockedBackend(const Problem& problem, int threads)
      : coefficient_(problem.coefficient), rows_(rows_kernel(detect_simd_level())), threads_(threads) {}

  void advance(Field& dens, std::int64_t steps) override {
    match_shape(next_, dens);
    zero_row_ = AlignedBuffer<double>(static_cast<std::size_t>(dens.stride()));
    const Blocking blocking = choose_blocking(dens);
    if (rings_.size() != static_cast<std::size_t>(threads_)) rings_.resize(static_cast<std::size_t>(threads_));
    while (steps > 0) {
      const std::int64_t depth = std::min(steps, blocking.depth);
      HPCPP_PROFILE_REGION("blocked.pass");
      pass(dens, next_, Blocking{blocking.band_rows, blocking.strip_cols, depth});
      dens.swap(next_);
      steps -= depth;
    }
  }

 private:
  Blocking choose_blocking(const Field& f) const {
    const std::int64_t interior_rows = f.rows() - 2;
    const std::int64_t strip_cols = std::min<std::int64_t>(f.cols() - 2, 1024);
    const std::int64_t ring_row_bytes = (strip_cols + 2 * 16 + 2) * static_cast<std::int64_t>(sizeof(double));
    constexpr std::int64_t ring_rows = 4;
    const bool fits_in_l2 = 2 * field_bytes(f) <= l2_cache_bytes() * threads_;
    // Rings about L1's size (32 KiB on Zen 4) when the field is already cache-resident; in half of L2 when
    // the field streams from memory and every extra step per pass saves a memory sweep.
    const std::int64_t ring_budget = fits_in_l2 ? 40 * 1024 : l2_cache_bytes() / 2;
    const std::int64_t depth = std::clamp<std::int64_t>(ring_budget / (ring_rows * ring_row_bytes), 2, 16);
    // Enough bands for every thread, each much taller than the halo it recomputes.
    const std::int64_t bands = std::max<std::int64_t>(threads_, interior_rows / 256);
    const std::int64_t band_rows = std::max<std::int64_t>(1, (interior_rows + bands - 1) / bands);
    return {band_rows, strip_cols, depth};
  }

  void pass(const Field& in, Field& out, Blocking b) {
    const Wavefront wavefront{rows_, rows_, coefficient_, TileRange{1, in.rows() - 1}, TileRange{1, in.cols() - 1},
                              zero_row_.data()};
    const std::int64_t bands = (in.rows() - 2 + b.band_rows - 1) / b.band_rows;
    const std::int64_t strips = (in.cols() - 2 + b.strip_cols - 1) / b.strip_cols;
#pragma omp parallel num_threads(threads_)
    {
      HPCPP_PROFILE_REGION("blocked.tiles");
      RowRings& rings = rings_[static_cast<std::size_t>(omp_get_thread_num())];
#pragma omp for schedule(static) collapse(2)
      for (std::int64_t band = 0; band < bands; ++band)
        for (std::int64_t strip = 0; strip < strips; ++strip) {
          const TileRange rows{1 + band * b.band_rows, std::min(in.rows() - 1, 1 + (band + 1) * b.band_rows)};
          const TileRange cols{1 + strip * b.strip_cols, std::min(in.cols() - 1, 1 + (strip + 1) * b.strip_cols)};
          advance_tile(wavefront, in, out, rows, cols, b.depth, rings);
        }
    }
  }

  double coefficient_;
  RowsKernel rows_;
  int threads_;
  Field next_;
  AlignedBuffer<double> zero_row_;
  std::vector<RowRings> rings_;
};

}  // namespace

std::unique_ptr<Backend> make_blocked_backend(const Problem& problem, const BackendOptions& options) {
  return std::make_unique<BlockedBackend>(problem, resolve_thread_count(options.threads));
}

}  // namespace hpcpp::diffusion
