#include "hpcpp/mpi/right_rank.hpp"

#include <mpi.h>

namespace hpcpp::mpi {

int receive_right_rank(const Environment& env) {
  const int left = (env.rank() + env.size() - 1) % env.size();
  const int right = (env.rank() + 1) % env.size();
  int mine = env.rank(), received = -1;
  constexpr int tag = 0;
  all_ranks_set_up();
  MPI_Sendrecv(&mine, 1, MPI_INT, left, tag, &received, 1, MPI_INT, right, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return received;
}

std::vector<int> gather_at_rank_zero(int value, const Environment& env) {
  std::vector<int> all(env.rank() == 0 ? static_cast<std::size_t>(env.size()) : 0);
  all_ranks_set_up();
  MPI_Gather(&value, 1, MPI_INT, all.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  return all;
}

}  // namespace hpcpp::mpi
