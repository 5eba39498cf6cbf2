#pragma once
// One step of the row sweep: every interior row of `dens` into `next`, two rows per call of
// a RowsKernel, which shares the loads of the row between them.
#include <algorithm>
#include <cstdint>

#include "hpcpp/diffusion/field.hpp"
#include "hpcpp/diffusion/row_kernels.hpp"

namespace hpcpp::diffusion {

inline void sweep_rows_in_pairs(RowsKernel rows, const Field& dens, Field& next, double coefficient) {
  const std::int64_t nrows = dens.rows() - 2, ncols = dens.cols() - 2;
  for (std::int64_t i = 1; i <= nrows; i += 2) {
    const std::int64_t count = std::min<std::int64_t>(2, nrows + 1 - i);
    const double* in[] = {dens.row(i - 1), dens.row(i), dens.row(i + 1), dens.row(i + count)};
    double* out[] = {next.row(i), next.row(i + 1)};
    rows(in, out, count, 1, ncols + 1, coefficient);
  }
}

}  // namespace hpcpp::diffusion
