#pragma once
// A least-squares line through the row means against the row index (numpy.polyfit(arange(R),
// a.mean(axis=1), 1) and the squared correlation), in one pass over a 2D array.
#include "hpcpp/bigfile/array_file.hpp"
#include "hpcpp/bigfile/chunk_reader.hpp"

namespace hpcpp::bigfile {

struct LineFit {
  double slope = 0, intercept = 0, r_squared = 0;
};

LineFit fit_row_means(const ArrayFile& array, const ReadOptions& options);

}  // namespace hpcpp::bigfile
