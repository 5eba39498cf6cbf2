#include "hpcpp/diffusion/halo_exchange.hpp"

namespace hpcpp::diffusion {

HaloExchange::HaloExchange(const mpi::CartesianGrid& grid, HaloStrategy strategy, std::int64_t rows,
                           std::int64_t cols, std::int64_t stride)
    : grid_(grid), strategy_(strategy) {
  MPI_Type_contiguous(static_cast<int>(cols), MPI_DOUBLE, &row_);
  MPI_Type_commit(&row_);
  MPI_Type_vector(static_cast<int>(rows), 1, static_cast<int>(stride), MPI_DOUBLE, &column_);
  MPI_Type_commit(&column_);
  const auto at = [stride](std::int64_t i, std::int64_t j) { return i * stride + j; };
  sides_ = {{
      {grid.up(), row_, at(1, 1), at(0, 1)},
      {grid.down(), row_, at(rows, 1), at(rows + 1, 1)},
      {grid.left(), column_, at(1, 1), at(1, 0)},
      {grid.right(), column_, at(1, cols), at(1, cols + 1)},
  }};
}

HaloExchange::~HaloExchange() {
  MPI_Type_free(&row_);
  MPI_Type_free(&column_);
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
      for (int s = 0; s < 4; ++s) {
        const Side& side = sides_[static_cast<std::size_t>(s)];
        MPI_Irecv(base + side.receive_offset, 1, side.type, side.neighbour, s ^ 1, comm, &requests_[active_requests_++]);
      }
      for (int s = 0; s < 4; ++s) {
        const Side& side = sides_[static_cast<std::size_t>(s)];
        MPI_Isend(base + side.send_offset, 1, side.type, side.neighbour, s, comm, &requests_[active_requests_++]);
      }
      return;
    case HaloStrategy::neighbor: {
      std::array<int, 4> counts{1, 1, 1, 1};
      std::array<MPI_Aint, 4> send_at{}, receive_at{};
      std::array<MPI_Datatype, 4> types{};
      for (std::size_t s = 0; s < 4; ++s) {
        send_at[s] = static_cast<MPI_Aint>(sides_[s].send_offset * static_cast<std::int64_t>(sizeof(double)));
        receive_at[s] = static_cast<MPI_Aint>(sides_[s].receive_offset * static_cast<std::int64_t>(sizeof(double)));
        types[s] = sides_[s].type;
      }
      // One buffer both ways: the edges read and the ghosts written never overlap.
      MPI_Neighbor_alltoallw(base, counts.data(), send_at.data(), types.data(), base, counts.data(), receive_at.data(),
                             types.data(), comm);
      return;
    }
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
