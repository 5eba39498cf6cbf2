#pragma once
// The ghost layer of one rank's block, refreshed from its four neighbours before each step
// of the 5-point stencil (no corners needed). Rows travel as contiguous runs, columns as
// MPI vector datatypes straight out of the padded rows: nothing is packed by hand.
// Strategies, all giving the same bits:
//   sendrecv:    four pairwise MPI_Sendrecv (up/down, then left/right);
//   nonblocking: Irecv/Isend of all four sides, completed by finish(); the caller computes
//                the interior meanwhile and calls poll() (OpenMPI progresses messages only
//                inside MPI calls);
//   neighbor:    one MPI_Neighbor_alltoallw on the Cartesian communicator.
#include <mpi.h>

#include <array>

#include "hpcpp/diffusion/field.hpp"
#include "hpcpp/diffusion/halo_strategy.hpp"
#include "hpcpp/mpi/cartesian_grid.hpp"

namespace hpcpp::diffusion {

class HaloExchange {
 public:
  // For blocks of `rows` x `cols` interior points held in fields with `stride` doubles a row.
  HaloExchange(const mpi::CartesianGrid& grid, HaloStrategy strategy, std::int64_t rows, std::int64_t cols,
               std::int64_t stride);
  ~HaloExchange();
  HaloExchange(const HaloExchange&) = delete;
  HaloExchange& operator=(const HaloExchange&) = delete;

  HaloStrategy strategy() const { return strategy_; }
  // Starts refreshing the ghosts of `field`; the blocking strategies complete here.
  void start(Field& field);
  // Lets messages in flight progress (nonblocking only).
  void poll();
  // Returns when the ghosts of the field given to start() are current.
  void finish();

 private:
  // One side: what goes out (an edge of the block) and what comes in (the ghost beyond it).
  struct Side {
    int neighbour;
    MPI_Datatype type;
    std::int64_t send_offset, receive_offset;  // in doubles from the field's start
  };

  const mpi::CartesianGrid& grid_;
  HaloStrategy strategy_;
  MPI_Datatype row_ = MPI_DATATYPE_NULL, column_ = MPI_DATATYPE_NULL;
  std::array<Side, 4> sides_{};  // up, down, left, right: MPI's neighbour order for a 2D grid
  std::array<MPI_Request, 8> requests_{};
  int active_requests_ = 0;
};

}  // namespace hpcpp::diffusion
