#pragma once
// Which backend a program runs with in a job of several ranks. Only the distributed one
// makes sense there: a single-node backend would run the whole problem on every rank and
// print it once per rank.
#include <fmt/core.h>

#include <string>
#include <string_view>

#include "hpcpp/core/error.hpp"

namespace hpcpp::mpi {

inline constexpr std::string_view distributed_backend = "mpi";

// `requested` as given ("auto" or not given at all picks for the job): "mpi" for several
// ranks; an error for a single-node backend asked for by name with several ranks.
inline std::string backend_for_ranks(std::string_view program, std::string_view requested, bool chosen_by_user,
                                     int ranks) {
  if (ranks <= 1 || requested == distributed_backend) return std::string(requested);
  if (!chosen_by_user || requested == "auto") return std::string(distributed_backend);
  throw Error(fmt::format("{}: backend '{}' runs on one node, but this job has {} MPI ranks (use --backend mpi)",
                          program, requested, ranks));
}

}  // namespace hpcpp::mpi
