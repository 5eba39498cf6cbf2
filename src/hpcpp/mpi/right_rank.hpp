#pragma once
// The lecture's rightrank: every rank sends its rank to its left neighbour
// (rank+size-1)%size and receives its right neighbour's, in one MPI_Sendrecv.
#include <fmt/core.h>

#include <string>
#include <vector>

#include "hpcpp/mpi/environment.hpp"

namespace hpcpp::mpi {

// The rank received from the right neighbour.
int receive_right_rank(const Environment& env);

// "I am rank <r> ; my right neighbour is <rr>", as the lecture's mpi4py program prints it.
inline std::string right_rank_line(int rank, int right) {
  return fmt::format("I am rank {} ; my right neighbour is {}", rank, right);
}

// `value` of every rank, in rank order, at rank 0 (empty on the other ranks).
std::vector<int> gather_at_rank_zero(int value, const Environment& env);

}  // namespace hpcpp::mpi
