#include "hpcpp/mpi/cartesian_grid.hpp"

#include <fmt/core.h>

#include "hpcpp/core/error.hpp"
#include "hpcpp/mpi/environment.hpp"

namespace hpcpp::mpi {

CartesianGrid::CartesianGrid(MPI_Comm parent, std::int64_t rows, std::int64_t cols) : rows_(rows), cols_(cols) {
  int ranks = 0;
  MPI_Comm_size(parent, &ranks);
  MPI_Dims_create(ranks, 2, dims_.data());
  if (dims_[0] > rows || dims_[1] > cols)
    throw Error(fmt::format("{} MPI ranks ({} x {}) are more than a {} x {} grid can be split into", ranks, dims_[0],
                            dims_[1], rows, cols));
  const std::array<int, 2> periodic{0, 0};
  all_ranks_set_up();
  // No reordering: rank 0 of the grid stays rank 0 of the job, the one that prints.
  MPI_Cart_create(parent, 2, dims_.data(), periodic.data(), 0, &comm_);
  MPI_Comm_rank(comm_, &rank_);
  MPI_Cart_shift(comm_, 0, 1, &up_, &down_);
  MPI_Cart_shift(comm_, 1, 1, &left_, &right_);
}

CartesianGrid::~CartesianGrid() {
  if (comm_ != MPI_COMM_NULL) MPI_Comm_free(&comm_);
}

int CartesianGrid::neighbour(int rows, int cols) const {
  std::array<int, 2> coords{0, 0};
  MPI_Cart_coords(comm_, rank_, 2, coords.data());
  coords[0] += rows;
  coords[1] += cols;
  if (coords[0] < 0 || coords[0] >= dims_[0] || coords[1] < 0 || coords[1] >= dims_[1]) return MPI_PROC_NULL;
  int rank = MPI_PROC_NULL;
  MPI_Cart_rank(comm_, coords.data(), &rank);
  return rank;
}

Block CartesianGrid::block_of(int rank) const {
  std::array<int, 2> coords{0, 0};
  MPI_Cart_coords(comm_, rank, 2, coords.data());
  return {even_split(rows_, dims_[0], coords[0]), even_split(cols_, dims_[1], coords[1])};
}

}  // namespace hpcpp::mpi
