// 2D domain decomposition over MPI ranks, with temporal blocking. Each rank holds its block
// of the field with `depth` ghost layers (halo_exchange.hpp); after each exchange it advances
// `depth` steps without a message, recomputing, at step t, the depth - t ghost layers it
// shares with its neighbours. Those steps run as cache-blocked wavefronts (wavefront_tile.hpp)
// over tiles of the block, on the rank's OpenMP threads (MPI calls only from the main thread:
// MPI_THREAD_FUNNELED). With the nonblocking strategy the tiles that read no ghost are
// computed while the messages are in flight, then the frame of the block.
// The arithmetic of every point is the stencil row's, so the result is bit-identical to the
// single-node backends for any rank count and depth. The field lives on the ranks between
// calls; fetch() gathers it on rank 0, the rank that prints and writes.
#include <fmt/core.h>
#include <omp.h>

#include <algorithm>
#include <vector>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/wall_timer.hpp"
#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/diffusion/cache_sizes.hpp"
#include "hpcpp/diffusion/halo_exchange.hpp"
#include "hpcpp/diffusion/row_kernels.hpp"
#include "hpcpp/diffusion/thread_count.hpp"
#include "hpcpp/diffusion/wavefront_tile.hpp"
#include "hpcpp/mpi/cartesian_grid.hpp"
#include "hpcpp/mpi/environment.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::diffusion {
namespace {

// The tiles read no ghost while the messages are in flight, in this many groups with a poll
// of the messages between two.
constexpr std::int64_t polling_groups = 8;
// Tile sizes: strips narrow enough for the rings of a deep pass to stay in L2, bands much
// taller than the halo they recompute.
constexpr std::int64_t max_strip_cols = 1024;
constexpr std::int64_t band_rows_per_tile = 256;

// The ghost layers kept without being asked: one when the rank's block stays in its cache
// anyway (the messages are all there is to save); otherwise as many steps per pass as the
// rings of a tile fit in half of L2, as the blocked backend chooses them.
std::int64_t automatic_depth(std::int64_t rows, std::int64_t cols, int threads) {
  const std::int64_t level_bytes = (rows + 2) * (cols + 2) * static_cast<std::int64_t>(sizeof(double));
  if (2 * level_bytes <= l2_cache_bytes() * threads) return 1;
  const std::int64_t ring_row_bytes =
      (std::min(cols, max_strip_cols) + 2 * 16 + 2) * static_cast<std::int64_t>(sizeof(double));
  return std::clamp<std::int64_t>(l2_cache_bytes() / 2 / (4 * ring_row_bytes), 2, 16);
}

// A neighbour sends its outermost `depth` rows and columns: no block may be thinner. Every
// rank computes the same value from the grid alone.
std::int64_t thinnest_block(const mpi::CartesianGrid& grid, std::int64_t rows, std::int64_t cols) {
  return std::min(rows / grid.dims()[0], cols / grid.dims()[1]);
}

// This rank's share of a field: the rank grid, the block (with `depth` ghosts on each side)
// in two time levels, and the exchange that refreshes the ghosts.
struct Decomposition {
  Decomposition(std::int64_t field_rows, std::int64_t field_cols, HaloSetting setting, int threads)
      : grid(MPI_COMM_WORLD, field_rows, field_cols),
        block(grid.block()),
        rows(block.rows.size()),
        cols(block.cols.size()),
        wanted_depth(setting.depth > 0 ? setting.depth : automatic_depth(rows, cols, threads)),
        depth(std::min(wanted_depth, thinnest_block(grid, field_rows, field_cols))),
        here(rows + 2 * depth, cols + 2 * depth),
        next(here.rows(), here.cols()),
        halo(grid, setting.strategy, rows, cols, here.stride(), depth) {}

  mpi::CartesianGrid grid;
  mpi::Block block;
  std::int64_t rows, cols;
  std::int64_t wanted_depth, depth;
  Field here, next;
  HaloExchange halo;

  // Local index of field row (column) 1 + block begin + i - depth is i.
  TileRange owned_rows() const { return {depth, depth + rows}; }
  TileRange owned_cols() const { return {depth, depth + cols}; }
  // The local points inside the domain: beyond an edge of the grid lies the zero boundary.
  TileRange interior_rows() const {
    return {grid.up() == MPI_PROC_NULL ? depth : 0, grid.down() == MPI_PROC_NULL ? depth + rows : here.rows()};
  }
  TileRange interior_cols() const {
    return {grid.left() == MPI_PROC_NULL ? depth : 0, grid.right() == MPI_PROC_NULL ? depth + cols : here.cols()};
  }
};

MPI_Datatype block_type(std::int64_t rows, std::int64_t cols, std::int64_t stride) {
  MPI_Datatype type;
  MPI_Type_vector(static_cast<int>(rows), static_cast<int>(cols), static_cast<int>(stride), MPI_DOUBLE, &type);
  MPI_Type_commit(&type);
  return type;
}

struct Tile {
  TileRange rows, cols;
};

class MpiBackend final : public Backend {
 public:
  MpiBackend(const Problem& problem, const BackendOptions& options)
      : coefficient_(problem.coefficient),
        threads_(resolve_thread_count(options.threads)),
        setting_(halo_setting_named(options.halo)),
        rings_(static_cast<std::size_t>(threads_)) {}

  void advance(Field& field, std::int64_t steps) override {
    if (!d_) load(field);
    while (steps > 0) {
      const std::int64_t depth = std::min(steps, d_->depth);
      HPCPP_PROFILE_REGION("mpi.step");
      if (setting_.strategy == HaloStrategy::nonblocking)
        pass_overlapped(depth);
      else
        pass_blocking(depth);
      d_->here.swap(d_->next);
      steps -= depth;
      steps_ += depth;
    }
  }

  void fetch(Field& field) override {
    if (!d_) return;
    const Decomposition& d = *d_;
    const MPI_Comm comm = d.grid.comm();
    const double* mine = d.here.row(d.depth) + d.depth;
    if (d.grid.rank() != 0) {
      MPI_Datatype type = block_type(d.rows, d.cols, d.here.stride());
      MPI_Send(mine, 1, type, 0, 0, comm);
      MPI_Type_free(&type);
      return;
    }
    std::vector<MPI_Request> requests;
    std::vector<MPI_Datatype> types;
    for (int r = 1; r < d.grid.size(); ++r) {
      const mpi::Block b = d.grid.block_of(r);
      types.push_back(block_type(b.rows.size(), b.cols.size(), field.stride()));
      requests.emplace_back();
      MPI_Irecv(field.row(1 + b.rows.begin) + 1 + b.cols.begin, 1, types.back(), r, 0, comm, &requests.back());
    }
    for (std::int64_t i = 0; i < d.rows; ++i)
      std::copy_n(mine + i * d.here.stride(), d.cols, field.row(1 + d.block.rows.begin + i) + 1 + d.block.cols.begin);
    MPI_Waitall(static_cast<int>(requests.size()), requests.data(), MPI_STATUSES_IGNORE);
    for (auto& type : types) MPI_Type_free(&type);
  }

  bool writes_output() const override { return mpi::place_in_job().rank == 0; }

  std::string report() override {
    if (!d_) return {};
    // The slowest rank sets the pace: report the largest times.
    std::array<double, 2> seconds{halo_seconds_, compute_seconds_}, slowest{};
    MPI_Reduce(seconds.data(), slowest.data(), 2, MPI_DOUBLE, MPI_MAX, 0, d_->grid.comm());
    const double per_step = steps_ > 0 ? 1e6 / static_cast<double>(steps_) : 0.0;
    const std::string depth =
        d_->depth == d_->wanted_depth
            ? fmt::format("depth {}", d_->depth)
            : fmt::format("depth {} ({} asked; the thinnest block is {} points across)", d_->depth, d_->wanted_depth,
                          d_->depth);
    return fmt::format(
        "mpi: {} ranks ({} x {}), {} thread(s) each, halo {} {}: {:.1f} us halo + {:.1f} us compute per step "
        "(slowest rank)",
        d_->grid.size(), d_->grid.dims()[0], d_->grid.dims()[1], threads_, halo_strategy_name(setting_.strategy),
        depth, slowest[0] * per_step, slowest[1] * per_step);
  }

 private:
  // Every rank holds the whole initial (or restarted) field: each copies its block and the
  // ghosts around it that lie in the field (at the domain's edge, the zero boundary).
  void load(const Field& field) {
    d_ = std::make_unique<Decomposition>(field.rows() - 2, field.cols() - 2, setting_, threads_);
    Decomposition& d = *d_;
    const std::int64_t row0 = 1 + d.block.rows.begin - d.depth, col0 = 1 + d.block.cols.begin - d.depth;
    const std::int64_t first_col = std::max<std::int64_t>(0, -col0);
    const std::int64_t last_col = std::min(d.here.cols(), field.cols() - col0);
    for (std::int64_t i = std::max<std::int64_t>(0, -row0); i < std::min(d.here.rows(), field.rows() - row0); ++i) {
      std::copy(field.row(row0 + i) + col0 + first_col, field.row(row0 + i) + col0 + last_col, d.here.row(i) + first_col);
      std::copy_n(d.here.row(i), d.here.stride(), d.next.row(i));
    }
    zero_row_ = AlignedBuffer<double>(static_cast<std::size_t>(d.here.stride()));
    const SimdLevel level = detect_simd_level();
    // The last step of a pass goes around the caches when the block cannot stay in them.
    const RowsKernel last_rows = streaming_stores_pay_off(d.here) ? streaming_rows_kernel(level) : rows_kernel(level);
    wavefront_ = Wavefront{rows_kernel(level), last_rows, coefficient_, d.interior_rows(), d.interior_cols(),
                           zero_row_.data()};
  }

  // Cuts rows x cols into tiles of at most band_rows x strip_cols.
  std::vector<Tile> tiles_of(TileRange rows, TileRange cols) const {
    std::vector<Tile> tiles;
    if (rows.begin >= rows.end || cols.begin >= cols.end) return tiles;
    const std::int64_t bands = std::max<std::int64_t>(threads_, d_->rows / band_rows_per_tile);
    const std::int64_t band_rows = std::max<std::int64_t>(1, (d_->rows + bands - 1) / bands);
    const std::int64_t strip_cols = std::min(d_->cols, max_strip_cols);
    for (std::int64_t i = rows.begin; i < rows.end; i += band_rows)
      for (std::int64_t j = cols.begin; j < cols.end; j += strip_cols)
        tiles.push_back({{i, std::min(rows.end, i + band_rows)}, {j, std::min(cols.end, j + strip_cols)}});
    return tiles;
  }

  // Steps 1..depth of the tiles [first, last), from here into next, on the rank's threads.
  void advance_tiles(const std::vector<Tile>& tiles, std::size_t first, std::size_t last, std::int64_t depth) {
    HPCPP_PROFILE_REGION("mpi.sweep");
    const Field& in = d_->here;
    Field& out = d_->next;
    const auto count = static_cast<std::int64_t>(last - first);
#pragma omp parallel for schedule(static) num_threads(threads_)
    for (std::int64_t n = 0; n < count; ++n) {
      const Tile& tile = tiles[first + static_cast<std::size_t>(n)];
      advance_tile(wavefront_, in, out, tile.rows, tile.cols, depth, rings_[static_cast<std::size_t>(omp_get_thread_num())]);
    }
  }

  void pass_blocking(std::int64_t depth) {
    WallTimer halo;
    {
      HPCPP_PROFILE_REGION("mpi.halo_exchange");
      d_->halo.start(d_->here);
    }
    halo_seconds_ += halo.seconds();
    WallTimer compute;
    const auto tiles = tiles_of(d_->owned_rows(), d_->owned_cols());
    advance_tiles(tiles, 0, tiles.size(), depth);
    compute_seconds_ += compute.seconds();
  }

  // The tiles `depth` points or more inside the block read no ghost: they are computed while
  // the messages are in flight, polling them between groups; then, with the ghosts in, the
  // frame of the block.
  void pass_overlapped(std::int64_t depth) {
    const TileRange rows = d_->owned_rows(), cols = d_->owned_cols();
    const TileRange inner_rows{rows.begin + depth, rows.end - depth}, inner_cols{cols.begin + depth, cols.end - depth};
    const bool has_inner = inner_rows.begin < inner_rows.end && inner_cols.begin < inner_cols.end;
    WallTimer post;
    d_->halo.start(d_->here);
    double halo_time = post.seconds();
    WallTimer compute;
    std::vector<Tile> frame;
    if (has_inner) {
      const auto inner = tiles_of(inner_rows, inner_cols);
      const std::size_t group = std::max<std::size_t>(
          static_cast<std::size_t>(threads_), (inner.size() + polling_groups - 1) / polling_groups);
      for (std::size_t first = 0; first < inner.size(); first += group) {
        advance_tiles(inner, first, std::min(inner.size(), first + group), depth);
        d_->halo.poll();
      }
      for (const auto& part : {tiles_of({rows.begin, inner_rows.begin}, cols), tiles_of({inner_rows.end, rows.end}, cols),
                               tiles_of(inner_rows, {cols.begin, inner_cols.begin}),
                               tiles_of(inner_rows, {inner_cols.end, cols.end})})
        frame.insert(frame.end(), part.begin(), part.end());
    } else {
      frame = tiles_of(rows, cols);
    }
    double compute_time = compute.seconds();
    WallTimer wait;
    {
      HPCPP_PROFILE_REGION("mpi.halo_wait");
      d_->halo.finish();
    }
    halo_time += wait.seconds();
    WallTimer edges;
    advance_tiles(frame, 0, frame.size(), depth);
    compute_time += edges.seconds();
    halo_seconds_ += halo_time;
    compute_seconds_ += compute_time;
  }

  double coefficient_;
  int threads_;
  HaloSetting setting_;
  std::unique_ptr<Decomposition> d_;  // made by the first advance, from the field's shape
  AlignedBuffer<double> zero_row_;
  Wavefront wavefront_{};
  std::vector<RowRings> rings_;
  std::int64_t steps_ = 0;
  double halo_seconds_ = 0, compute_seconds_ = 0;
};

}  // namespace

std::unique_ptr<Backend> make_mpi_backend(const Problem& problem, const BackendOptions& options) {
  if (!mpi::in_job())
    throw Error("diff2d: backend 'mpi' runs in an MPI job (the diff2d command starts one; alone it is one rank)");
  return std::make_unique<MpiBackend>(problem, options);
}

}  // namespace hpcpp::diffusion
