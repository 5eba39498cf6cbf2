// Temporal blocking by wavefronts. The field is cut into tiles (bands of rows, strips of
// columns); each tile is advanced `depth` steps in one pass: walking down its rows, step 1
// of row i, step 2 of row i-1, ..., step `depth` of row i-depth+1 are computed in turn.
// Intermediate steps live in small ring buffers (four rows per step) that stay in cache;
// only step 0 is read from the field and only the last step is written, so the field moves
// through memory once per `depth` steps instead of once per step. The wavefront advances two
// rows at a time (the vector rows kernel shares their loads), so each step keeps four rows. Tiles overlap by `depth`
// points (their halo) and recompute it, so tiles are independent and run on threads
// without synchronisation inside a pass. Every value is still stencil_row's arithmetic on
// the same inputs: the result is bit-identical to `reference`.
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

struct Range {
  std::int64_t begin, end;
};

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
    // Rings in L1 (48 KiB) when the field is already cache-resident; in half of L2 when
    // the field streams from memory and every extra step per pass saves a memory sweep.
    const std::int64_t ring_budget = fits_in_l2 ? 40 * 1024 : l2_cache_bytes() / 2;
    const std::int64_t depth = std::clamp<std::int64_t>(ring_budget / (ring_rows * ring_row_bytes), 2, 16);
    // Enough bands for every thread, each much taller than the halo it recomputes.
    const std::int64_t bands = std::max<std::int64_t>(threads_, interior_rows / 256);
    const std::int64_t band_rows = std::max<std::int64_t>(1, (interior_rows + bands - 1) / bands);
    return {band_rows, strip_cols, depth};
  }

  void pass(const Field& in, Field& out, Blocking b) {
    const std::int64_t bands = (in.rows() - 2 + b.band_rows - 1) / b.band_rows;
    const std::int64_t strips = (in.cols() - 2 + b.strip_cols - 1) / b.strip_cols;
#pragma omp parallel num_threads(threads_)
    {
      HPCPP_PROFILE_REGION("blocked.tiles");
      RowRings& rings = rings_[static_cast<std::size_t>(omp_get_thread_num())];
#pragma omp for schedule(static) collapse(2)
      for (std::int64_t band = 0; band < bands; ++band)
        for (std::int64_t strip = 0; strip < strips; ++strip) {
          const Range rows{1 + band * b.band_rows, std::min(in.rows() - 1, 1 + (band + 1) * b.band_rows)};
          const Range cols{1 + strip * b.strip_cols, std::min(in.cols() - 1, 1 + (strip + 1) * b.strip_cols)};
          advance_tile(in, out, rows, cols, b.depth, rings);
        }
    }
  }

  // Writes steps 1..depth of the tile core rows x cols into `out`, reading step 0 from `in`.
  void advance_tile(const Field& in, Field& out, Range rows, Range cols, std::int64_t depth, RowRings& rings) const {
    const std::int64_t last_row = in.rows() - 1, last_col = in.cols() - 1;
    // Local column 0 is global column `base`; every row pointer below is shifted by it. A
    // multiple of 8 keeps the ring rows aligned like the field's rows.
    const std::int64_t base = std::max<std::int64_t>(0, cols.begin - depth - 1) / 8 * 8;
    const std::int64_t width = std::min(in.cols(), cols.end + depth + 1) - base;
    rings.reset(std::max<std::int64_t>(1, depth - 1), width);

    // Rows of step t: the core widened by the halo still needed, clipped to the interior.
    auto span = [&](std::int64_t t, Range core, std::int64_t limit) {
      return Range{std::max<std::int64_t>(1, core.begin - (depth - t)), std::min(limit, core.end + (depth - t))};
    };
    auto source_row = [&](std::int64_t t, std::int64_t i) -> const double* {
      if (i == 0 || i == last_row) return zero_row_.data();  // the fixed boundary
      return t == 0 ? in.row(i) + base : rings.row(t, i);
    };

    const Range first_rows = span(1, rows, last_row);
    const std::int64_t wavefronts = first_rows.end - first_rows.begin + depth - 1;
    for (std::int64_t k = 0; k < wavefronts; k += 2) {
      for (std::int64_t t = 1; t <= depth; ++t) {
        const Range t_rows = span(t, rows, last_row);
        const std::int64_t i = first_rows.begin + k - (t - 1);
        const std::int64_t lo = std::max(i, t_rows.begin), hi = std::min(i + 2, t_rows.end);
        if (lo >= hi) continue;
        const Range t_cols = span(t, cols, last_col);
        const double* sources[4];
        double* target[2];
        for (std::int64_t r = lo - 1; r <= hi; ++r) sources[r - (lo - 1)] = source_row(t - 1, r);
        for (std::int64_t r = lo; r < hi; ++r) target[r - lo] = t == depth ? out.row(r) + base : rings.row(t, r);
        rows_(sources, target, hi - lo, t_cols.begin - base, t_cols.end - base, coefficient_);
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
