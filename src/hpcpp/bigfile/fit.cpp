#include "hpcpp/bigfile/fit.hpp"

#include <fmt/core.h>

#include <vector>

#include "hpcpp/bigfile/pairwise_sum.hpp"
#include "hpcpp/core/error.hpp"

namespace hpcpp::bigfile {
namespace {

// Means and co-moments of (x, y) pairs, merged as Chan et al. merge variances.
struct CoMoments {
  double n = 0, mean_x = 0, mean_y = 0, m2_x = 0, m2_y = 0, c_xy = 0;

  void merge(const CoMoments& o) {
    if (o.n == 0) return;
    if (n == 0) {
      *this = o;
      return;
    }
    const double total = n + o.n, dx = o.mean_x - mean_x, dy = o.mean_y - mean_y, w = n * o.n / total;
    mean_x += dx * (o.n / total);
    mean_y += dy * (o.n / total);
    m2_x += o.m2_x + dx * dx * w;
    m2_y += o.m2_y + dy * dy * w;
    c_xy += o.c_xy + dx * dy * w;
    n = total;
  }
  void add(double x, double y) { merge(CoMoments{1, x, y, 0, 0, 0}); }
};

// What one chunk knows: the sums of the rows it starts and ends in (possibly partial, and
// the same row when the chunk lies inside one), and the rows it holds whole in between.
struct ChunkRows {
  std::int64_t first_row = 0, last_row = 0;
  double first_sum = 0, last_sum = 0;
  CoMoments whole_rows;
};

ChunkRows chunk_rows(const Chunk& chunk, std::int64_t cols) {
  ChunkRows rows;
  const std::int64_t end = chunk.first + static_cast<std::int64_t>(chunk.values.size());
  rows.first_row = chunk.first / cols;
  rows.last_row = (end - 1) / cols;
  const auto row_part = [&](std::int64_t row) {
    const std::int64_t from = std::max(row * cols, chunk.first), to = std::min((row + 1) * cols, end);
    return pairwise_sum(chunk.values.subspan(static_cast<std::size_t>(from - chunk.first), static_cast<std::size_t>(to - from)));
  };
  rows.first_sum = row_part(rows.first_row);
  if (rows.last_row == rows.first_row) return rows;
  rows.last_sum = row_part(rows.last_row);
  for (std::int64_t row = rows.first_row + 1; row < rows.last_row; ++row)
    rows.whole_rows.add(static_cast<double>(row), row_part(row) / static_cast<double>(cols));
  return rows;
}

}  // namespace

LineFit fit_row_means(const ArrayFile& array, const ReadOptions& options) {
  if (array.shape.size() != 2 || array.shape[0] < 2 || array.shape[1] < 1)
    throw Error(fmt::format("{}: fit needs a 2D array of at least 2 rows and 1 column, not shape {}", array.name(),
                            shape_text(array.shape)));
  const std::int64_t cols = array.shape[1];
  std::vector<ChunkRows> chunks(static_cast<std::size_t>(read_plan(array, options).chunks()));
  read_chunks(array, options, [&](const Chunk& chunk) { chunks[static_cast<std::size_t>(chunk.index)] = chunk_rows(chunk, cols); });
  share_partials(options.share, chunks);

  CoMoments all;
  std::int64_t open_row = 0;
  double open_sum = 0;
  const auto close_row = [&] { all.add(static_cast<double>(open_row), open_sum / static_cast<double>(cols)); };
  for (const auto& c : chunks) {
    if (c.first_row == open_row) {
      open_sum += c.first_sum;
    } else {
      close_row();
      open_row = c.first_row;
      open_sum = c.first_sum;
    }
    if (c.last_row != c.first_row) {
      close_row();
      all.merge(c.whole_rows);
      open_row = c.last_row;
      open_sum = c.last_sum;
    }
  }
  close_row();
  LineFit fit;
  fit.slope = all.c_xy / all.m2_x;
  fit.intercept = all.mean_y - fit.slope * all.mean_x;
  fit.r_squared = all.c_xy * all.c_xy / (all.m2_x * all.m2_y);
  return fit;
}

}  // namespace hpcpp::bigfile
