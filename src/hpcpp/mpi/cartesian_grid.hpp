#pragma once
// The ranks of a communicator arranged as a 2D grid over a rows x cols array
// (MPI_Dims_create, MPI_Cart_create, not periodic): each rank owns one block, split as
// evenly as the sizes allow, and knows its four neighbours (MPI_PROC_NULL at the edges).
// Only code built with MPI includes this header.
#include <mpi.h>

#include <array>
#include <cstdint>

#include "hpcpp/core/even_split.hpp"

namespace hpcpp::mpi {

struct Block {
  IndexRange rows, cols;  // 0-based, half-open, in the array being split
};

class CartesianGrid {
 public:
  CartesianGrid(MPI_Comm parent, std::int64_t rows, std::int64_t cols);
  ~CartesianGrid();
  CartesianGrid(const CartesianGrid&) = delete;
  CartesianGrid& operator=(const CartesianGrid&) = delete;

  MPI_Comm comm() const { return comm_; }
  int rank() const { return rank_; }
  int size() const { return dims_[0] * dims_[1]; }
  std::array<int, 2> dims() const { return dims_; }
  // Neighbours along rows (up: one block row lower index) and columns.
  int up() const { return up_; }
  int down() const { return down_; }
  int left() const { return left_; }
  int right() const { return right_; }
  // The rank `rows` block rows down and `cols` block columns right (negative: up, left), or
  // MPI_PROC_NULL beyond the grid's edge: with (-1, -1) the neighbour across a corner.
  int neighbour(int rows, int cols) const;

  Block block() const { return block_of(rank_); }
  Block block_of(int rank) const;

 private:
  MPI_Comm comm_ = MPI_COMM_NULL;
  std::int64_t rows_, cols_;
  std::array<int, 2> dims_{0, 0};
  int rank_ = 0;
  int up_ = MPI_PROC_NULL, down_ = MPI_PROC_NULL, left_ = MPI_PROC_NULL, right_ = MPI_PROC_NULL;
};

}  // namespace hpcpp::mpi
