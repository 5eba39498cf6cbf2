// 2D domain decomposition over MPI ranks. Each rank holds its block of the field with one
// ghost layer and advances it with the single-node vector row kernels on its OpenMP
// threads (MPI calls only from the main thread: MPI_THREAD_FUNNELED). Before each step
// the ghosts are refreshed by a HaloExchange; with the nonblocking strategy the interior
// of the block, which needs no ghost, is computed while the messages are in flight.
// The arithmetic of every point is the stencil row's, so the result is bit-identical to
// the single-node backends for any rank count. The field lives on the ranks between
// calls; fetch() gathers it on rank 0, the rank that prints and writes.
#include <fmt/core.h>
#include <omp.h>

#include <algorithm>
#include <optional>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/wall_timer.hpp"
#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/diffusion/cache_sizes.hpp"
#include "hpcpp/diffusion/halo_exchange.hpp"
#include "hpcpp/diffusion/row_kernels.hpp"
#include "hpcpp/diffusion/thread_count.hpp"
#include "hpcpp/mpi/cartesian_grid.hpp"
#include "hpcpp/mpi/environment.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::diffusion {
namespace {

// Interior rows are computed in this many bands, with a poll of the messages between two.
constexpr std::int64_t polling_bands = 8;

// This rank's share of a field: the rank grid, the block (with ghosts) in two time levels,
// and the exchange that refreshes the ghosts.
struct Decomposition {
  Decomposition(std::int64_t field_rows, std::int64_t field_cols, HaloStrategy strategy)
      : grid(MPI_COMM_WORLD, field_rows, field_cols),
        block(grid.block()),
        rows(block.rows.size()),
        cols(block.cols.size()),
        here(rows + 2, cols + 2),
        halo(grid, strategy, rows, cols, here.stride()) {}

  mpi::CartesianGrid grid;
  mpi::Block block;
  std::int64_t rows, cols;
  Field here, next;
  HaloExchange halo;
};

MPI_Datatype block_type(std::int64_t rows, std::int64_t cols, std::int64_t stride) {
  MPI_Datatype type;
  MPI_Type_vector(static_cast<int>(rows), static_cast<int>(cols), static_cast<int>(stride), MPI_DOUBLE, &type);
  MPI_Type_commit(&type);
  return type;
}

class MpiBackend final : public Backend {
 public:
  MpiBackend(const Problem& problem, const BackendOptions& options)
      : coefficient_(problem.coefficient),
        threads_(resolve_thread_count(options.threads)),
        strategy_(halo_strategy_named(options.halo)) {}

  void advance(Field& field, std::int64_t steps) override {
    if (!d_) load(field);
    const SimdLevel level = detect_simd_level();
    row_ = streaming_stores_pay_off(d_->here) ? streaming_row_kernel(level) : row_kernel(level);
    for (std::int64_t s = 0; s < steps; ++s) {
      HPCPP_PROFILE_REGION("mpi.step");
      if (strategy_ == HaloStrategy::nonblocking)
        step_overlapped();
      else
        step_blocking();
      d_->here.swap(d_->next);
    }
    steps_ += steps;
  }

  void fetch(Field& field) override {
    if (!d_) return;
    const Decomposition& d = *d_;
    const MPI_Comm comm = d.grid.comm();
    if (d.grid.rank() != 0) {
      MPI_Datatype mine = block_type(d.rows, d.cols, d.here.stride());
      MPI_Send(d.here.row(1) + 1, 1, mine, 0, 0, comm);
      MPI_Type_free(&mine);
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
    for (std::int64_t i = 1; i <= d.rows; ++i)
      std::copy_n(d.here.row(i) + 1, d.cols, field.row(1 + d.block.rows.begin + i - 1) + 1 + d.block.cols.begin);
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
    return fmt::format(
        "mpi: {} ranks ({} x {}), {} thread(s) each, halo {}: {:.1f} us halo + {:.1f} us compute per step (slowest rank)",
        d_->grid.size(), d_->grid.dims()[0], d_->grid.dims()[1], threads_, halo_strategy_name(strategy_),
        slowest[0] * per_step, slowest[1] * per_step);
  }

 private:
  // Every rank holds the whole initial (or restarted) field: each copies its block and the
  // ring around it, which at the domain's edge is the zero boundary.
  void load(const Field& field) {
    d_ = std::make_unique<Decomposition>(field.rows() - 2, field.cols() - 2, strategy_);
    Decomposition& d = *d_;
    for (std::int64_t i = 0; i < d.rows + 2; ++i)
      std::copy_n(field.row(d.block.rows.begin + i) + d.block.cols.begin, d.cols + 2, d.here.row(i));
    d.next = Field(d.here.rows(), d.here.cols());
    const std::int64_t rows = d.here.rows();
#pragma omp parallel for schedule(static) num_threads(threads_)
    for (std::int64_t i = 0; i < rows; ++i) std::copy_n(d.here.row(i), d.here.stride(), d.next.row(i));
  }

  // Rows [first_row, last_row] x columns [first_col, last_col] of the next step.
  void sweep(std::int64_t first_row, std::int64_t last_row, std::int64_t first_col, std::int64_t last_col) {
    const Field& here = d_->here;
    Field& next = d_->next;
    const RowKernel row = row_;
    const double c = coefficient_;
#pragma omp parallel for schedule(static) num_threads(threads_)
    for (std::int64_t i = first_row; i <= last_row; ++i)
      row(here.row(i - 1), here.row(i), here.row(i + 1), next.row(i), first_col, last_col + 1, c);
  }

  void step_blocking() {
    WallTimer halo;
    {
      HPCPP_PROFILE_REGION("mpi.halo_exchange");
      d_->halo.start(d_->here);
    }
    halo_seconds_ += halo.seconds();
    WallTimer compute;
    HPCPP_PROFILE_REGION("mpi.sweep");
    sweep(1, d_->rows, 1, d_->cols);
    compute_seconds_ += compute.seconds();
  }

  // The interior first (rows and columns 2 .. n-1 read no ghost), polling the messages
  // between bands of rows; then, with the ghosts in, the edge rows and columns.
  void step_overlapped() {
    const std::int64_t rows = d_->rows, cols = d_->cols;
    WallTimer post;
    d_->halo.start(d_->here);
    double halo_time = post.seconds();
    WallTimer compute;
    const std::int64_t inner_rows = std::max<std::int64_t>(rows - 2, 0);
    for (std::int64_t band = 0; band < polling_bands; ++band) {
      const IndexRange part = even_split(inner_rows, polling_bands, band);
      if (cols > 2 && part.size() > 0) sweep(2 + part.begin, 1 + part.end, 2, cols - 1);
      d_->halo.poll();
    }
    double compute_time = compute.seconds();
    WallTimer wait;
    {
      HPCPP_PROFILE_REGION("mpi.halo_wait");
      d_->halo.finish();
    }
    halo_time += wait.seconds();
    WallTimer edges;
    sweep(1, 1, 1, cols);
    if (rows > 1) sweep(rows, rows, 1, cols);
    if (rows > 2) {
      sweep(2, rows - 1, 1, 1);
      if (cols > 1) sweep(2, rows - 1, cols, cols);
    }
    compute_time += edges.seconds();
    halo_seconds_ += halo_time;
    compute_seconds_ += compute_time;
  }

  double coefficient_;
  int threads_;
  HaloStrategy strategy_;
  std::unique_ptr<Decomposition> d_;  // made by the first advance, from the field's shape
  RowKernel row_ = nullptr;
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
