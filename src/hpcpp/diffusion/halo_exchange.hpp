#pragma once
// The ghost layers of one rank's block: `depth` rows and columns on each side, refreshed
// from the neighbours every `depth` steps of the 5-point stencil. One layer needs the four
// sides only; deeper ghosts also need the corners, since after one step a corner point
// depends on both neighbours. Rows travel as contiguous runs, columns and corners as MPI
// vector datatypes straight out of the padded rows: nothing is packed by hand.
// Strategies, all giving the same bits:
//   sendrecv:    pairwise MPI_Sendrecv, up/down first, then left/right over the full height
//                (the rows just received included), which carries the corners along;
//   nonblocking: Irecv/Isend of the four sides and, deeper than one layer, of the four
//                corners straight to the diagonal neighbours, completed by finish(); the
//                caller computes meanwhile and calls poll() (OpenMPI progresses messages
//                only inside MPI calls);
//   neighbor:    MPI_Neighbor_alltoallw on the Cartesian communicator, once for one layer,
//                otherwise twice (rows, then columns over the full height) for the corners.
#include <mpi.h>

#include <array>

#include "hpcpp/diffusion/field.hpp"
#include "hpcpp/diffusion/halo_strategy.hpp"
#include "hpcpp/mpi/cartesian_grid.hpp"

namespace hpcpp::diffusion {

class HaloExchange {
 public:
  // For blocks of `rows` x `cols` points held from row and column `depth` of fields with
  // `stride` doubles a row (depth ghosts on every side).
  HaloExchange(const mpi::CartesianGrid& grid, HaloStrategy strategy, std::int64_t rows, std::int64_t cols,
               std::int64_t stride, std::int64_t depth);
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
  // One neighbour: what goes out (the edge or corner of the block beside it) and what comes
  // in (the ghosts beyond it).
  struct Side {
    int neighbour = MPI_PROC_NULL;
    MPI_Datatype type = MPI_DATATYPE_NULL;
    std::int64_t send_offset = 0, receive_offset = 0;  // in doubles from the field's start
  };

  void neighbor_alltoallw(double* base, std::size_t first, std::size_t last);

  const mpi::CartesianGrid& grid_;
  HaloStrategy strategy_;
  std::array<MPI_Datatype, 3> types_{MPI_DATATYPE_NULL, MPI_DATATYPE_NULL, MPI_DATATYPE_NULL};  // rows, columns, corner
  // Up, down, left, right (MPI's neighbour order for a 2D grid), then up-left, down-right,
  // up-right, down-left: side s ^ 1 is always the one opposite s.
  std::array<Side, 8> sides_{};
  int side_count_ = 4;      // 8 where the corners travel on their own
  bool columns_after_rows_; // the columns carry the corners: rows must be in first
  std::array<MPI_Request, 16> requests_{};
  int active_requests_ = 0;
};

}  // namespace hpcpp::diffusion
