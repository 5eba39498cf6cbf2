#include "hpcpp/diffusion/halo_exchange.hpp"

namespace hpcpp::diffusion {
namespace {

MPI_Datatype committed_vector(std::int64_t count, std::int64_t length, std::int64_t stride) {
  MPI_Datatype type;
  MPI_Type_vector(static_cast<int>(count), static_cast<int>(length), static_cast<int>(stride), MPI_DOUBLE, &type);
  MPI_Type_commit(&type);
  return type;
}

}  // namespace

HaloExchange::HaloExchange(const mpi::CartesianGrid& grid, HaloStrategy strategy, std::int64_t rows,
                           std::int64_t cols, std::int64_t stride, std::int64_t depth)
    : grid_(grid), strategy_(strategy), columns_after_rows_(depth > 1 && strategy != HaloStrategy::nonblocking) {
  const std::int64_t k = depth;
  const auto at = [stride](std::int64_t i, std::int64_t j) { return i * stride + j; };
  // Columns carrying the corners span the ghost rows too.
  const std::int64_t column_top = columns_after_rows_ ? 0 : k;
  const std::int64_t column_rows = columns_after_rows_ ? rows + 2 * k : rows;
  types_[0] = committed_vector(k, cols, stride);
  types_[1] = committed_vector(column_rows, k, stride);
  sides_[0] = {grid.up(), types_[0], at(k, k), at(0, k)};
  sides_[1] = {grid.down(), types_[0], at(rows, k), at(rows + k, k)};
  sides_[2] = {grid.left(), types_[1], at(column_top, k), at(column_top, 0)};
  sides_[3] = {grid.right(), types_[1], at(column_top, cols), at(column_top, cols + k)};
  if (depth > 1 && strategy == HaloStrategy::nonblocking) {
    types_[2] = committed_vector(k, k, stride);
    sides_[4] = {grid.neighbour(-1, -1), types_[2], at(k, k), at(0, 0)};
    sides_[5] = {grid.neighbour(1, 1), types_[2], at(rows, cols), at(rows + k, cols + k)};
    sides_[6] = {grid.neighbour(-1, 1), types_[2], at(k, cols), at(0, cols + k)};
    sides_[7] = {grid.neighbour(1, -1), types_[2], at(rows, k), at(rows + k, 0)};
    side_count_ = 8;
  }
}

HaloExchange::~HaloExchange() {
  for (auto& type : types_)
    if (type != MPI_DATATYPE_NULL) MPI_Type_free(&type);
}

void HaloExchange::neighbor_alltoallw(double* base, std::size_t first, std::size_t last) {
  std::array<int, 4> counts{};
  std::array<MPI_Aint, 4> send_at{}, receive_at{};
  std::array<MPI_Datatype, 4> types{};
  for (std::size_t s = 0; s < 4; ++s) {
    counts[s] = s >= first && s < last ? 1 : 0;
    send_at[s] = static_cast<MPI_Aint>(sides_[s].send_offset * static_cast<std::int64_t>(sizeof(double)));
    receive_at[s] = static_cast<MPI_Aint>(sides_[s].receive_offset * static_cast<std::int64_t>(sizeof(double)));
    types[s] = sides_[s].type;
  }
  // One buffer both ways: the edges read and the ghosts written never overlap.
  MPI_Neighbor_alltoallw(base, counts.data(), send_at.data(), types.data(), base, counts.data(), receive_at.data(),
                         types.data(), grid_.comm());
}

void HaloExchange::start(Field& field) {
  double* base = field.data();
  const MPI_Comm comm = grid_.comm();
  // The tag is the direction of travel, so a message sent down is the one received from up.
  switch (strategy_) {
    case HaloStrategy::sendrecv:
      for (int s = 0; s < 4; ++s) {
        const Side& out = sides_[static_cast<std::size_t>(s)];
        const Side& in = sides_[static_cast<std::size_t>(s ^ 1)];  // the opposite side
        MPI_Sendrecv(base + out.send_offset, 1, out.type, out.neighbour, s, base + in.receive_offset, 1, in.type,
                     in.neighbour, s, comm, MPI_STATUS_IGNORE);
      }
      return;
    case HaloStrategy::nonblocking:
      active_requests_ = 0;
      for (int s = 0; s < side_count_; ++s) {
        const Side& side = sides_[static_cast<std::size_t>(s)];
        MPI_Irecv(base + side.receive_offset, 1, side.type, side.neighbour, s ^ 1, comm, &requests_[active_requests_++]);
      }
      for (int s = 0; s < side_count_; ++s) {
        const Side& side = sides_[static_cast<std::size_t>(s)];
        MPI_Isend(base + side.send_offset, 1, side.type, side.neighbour, s, comm, &requests_[active_requests_++]);
      }
      return;
    case HaloStrategy::neighbor:
      if (columns_after_rows_) {
        neighbor_alltoallw(base, 0, 2);
        neighbor_alltoallw(base, 2, 4);
      } else {
        neighbor_alltoallw(base, 0, 4);
      }
      return;
  }
}

void HaloExchange::poll() {
  if (active_requests_ == 0) return;
  int done = 0;
  MPI_Testall(active_requests_, requests_.data(), &done, MPI_STATUSES_IGNORE);
  if (done) active_requests_ = 0;
}

void HaloExchange::finish() {
  if (active_requests_ == 0) return;
  MPI_Waitall(active_requests_, requests_.data(), MPI_STATUSES_IGNORE);
  active_requests_ = 0;
}

}  // namespace hpcpp::diffusion
