#pragma once
// One tile advanced `depth` steps in one pass, by a wavefront: walking down its rows, step 1
// of row i, step 2 of row i-1, ..., step `depth` of row i-depth+1 are computed in turn, two
// rows at a time (the vector rows kernel shares their loads). Intermediate steps live in
// small ring buffers (four rows per step) that stay in cache; only step 0 is read from the
// input and only the last step is written, so the field moves through memory once per
// `depth` steps. Step t covers the tile's core widened by depth - t points on every side
// (the halo it recomputes), clipped to the domain's interior; beyond the interior lies the
// fixed zero boundary. Every value is stencil_row's arithmetic on the same inputs.
#include <cstdint>

#include "hpcpp/core/aligned_buffer.hpp"
#include "hpcpp/diffusion/field.hpp"
#include "hpcpp/diffusion/row_kernels.hpp"

namespace hpcpp::diffusion {

struct TileRange {
  std::int64_t begin, end;  // half-open, in the fields' row or column indices
};

// One thread's ring buffers: for each intermediate step, four rows of a tile's width (the
// two being written and the two below them that the next step still reads).
class RowRings {
 public:
  void reset(std::int64_t steps, std::int64_t width);
  // Step t (1-based) of row i.
  double* row(std::int64_t t, std::int64_t i) {
    return storage_.data() + ((t - 1) * ring_rows + i % ring_rows) * stride_;
  }

 private:
  static constexpr std::int64_t ring_rows = 4;
  std::int64_t stride_ = 0;
  AlignedBuffer<double> storage_;
};

struct Wavefront {
  RowsKernel rows;       // the intermediate steps, into the rings
  RowsKernel last_rows;  // the last step, into the output (streaming stores where they pay off)
  double coefficient;
  TileRange interior_rows, interior_cols;  // the points that are computed at all
  const double* zero_row;                  // the boundary, at least a field row long
};

// Writes steps 1..depth of the tile core `rows` x `cols` into `out`, reading step 0 from
// `in` (which holds the core widened by `depth` on every side, or the boundary).
void advance_tile(const Wavefront& w, const Field& in, Field& out, TileRange rows, TileRange cols, std::int64_t depth,
                  RowRings& rings);

}  // namespace hpcpp::diffusion
