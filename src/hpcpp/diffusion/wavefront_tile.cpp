#include "hpcpp/diffusion/wavefront_tile.hpp"

#include <algorithm>

namespace hpcpp::diffusion {

void RowRings::reset(std::int64_t steps, std::int64_t width) {
  stride_ = (width + 7) / 8 * 8;
  const auto needed = static_cast<std::size_t>(steps * ring_rows * stride_);
  if (storage_.size() < needed) storage_ = AlignedBuffer<double>(needed);
  std::fill(storage_.data(), storage_.data() + needed, 0.0);
}

void advance_tile(const Wavefront& w, const Field& in, Field& out, TileRange rows, TileRange cols, std::int64_t depth,
                  RowRings& rings) {
  // Local column 0 is field column `base`; every row pointer below is shifted by it. A
  // multiple of 8 keeps the ring rows aligned like the field's rows.
  const std::int64_t base = std::max<std::int64_t>(0, cols.begin - depth - 1) / 8 * 8;
  const std::int64_t width = std::min(in.cols(), cols.end + depth + 1) - base;
  rings.reset(std::max<std::int64_t>(1, depth - 1), width);

  auto span = [depth](std::int64_t t, TileRange core, TileRange limit) {
    return TileRange{std::max(limit.begin, core.begin - (depth - t)), std::min(limit.end, core.end + (depth - t))};
  };
  auto source_row = [&](std::int64_t t, std::int64_t i) -> const double* {
    if (i < w.interior_rows.begin || i >= w.interior_rows.end) return w.zero_row;
    return t == 0 ? in.row(i) + base : rings.row(t, i);
  };

  const TileRange first_rows = span(1, rows, w.interior_rows);
  const std::int64_t wavefronts = first_rows.end - first_rows.begin + depth - 1;
  for (std::int64_t k = 0; k < wavefronts; k += 2) {
    for (std::int64_t t = 1; t <= depth; ++t) {
      const TileRange t_rows = span(t, rows, w.interior_rows);
      const std::int64_t i = first_rows.begin + k - (t - 1);
      const std::int64_t lo = std::max(i, t_rows.begin), hi = std::min(i + 2, t_rows.end);
      if (lo >= hi) continue;
      const TileRange t_cols = span(t, cols, w.interior_cols);
      const double* sources[4];
      double* target[2];
      for (std::int64_t r = lo - 1; r <= hi; ++r) sources[r - (lo - 1)] = source_row(t - 1, r);
      for (std::int64_t r = lo; r < hi; ++r) target[r - lo] = t == depth ? out.row(r) + base : rings.row(t, r);
      (t == depth ? w.last_rows : w.rows)(sources, target, hi - lo, t_cols.begin - base, t_cols.end - base,
                                          w.coefficient);
    }
  }
}

}  // namespace hpcpp::diffusion
