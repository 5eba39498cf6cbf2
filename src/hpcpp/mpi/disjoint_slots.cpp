#include "hpcpp/mpi/disjoint_slots.hpp"

#include <mpi.h>

#include <limits>

#include <fmt/core.h>

#include "hpcpp/core/error.hpp"
#include "hpcpp/mpi/environment.hpp"

namespace hpcpp::mpi {

void combine_disjoint_slots(std::span<double> slots) {
  if (slots.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw Error(fmt::format("{} reduction slots are more than one MPI call can carry", slots.size()));
  if (!in_job()) return;  // one rank: its slots are the result
  all_ranks_set_up();
  MPI_Allreduce(MPI_IN_PLACE, slots.data(), static_cast<int>(slots.size()), MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
}

}  // namespace hpcpp::mpi
