// hpcpp rightrank: the lecture's first MPI program, run under mpirun (alone: one rank).
#include <fmt/core.h>

#include <cstdio>

#include "commands.hpp"
#include "hpcpp/mpi/environment.hpp"
#include "hpcpp/mpi/right_rank.hpp"

namespace hpcpp::cli {
namespace {

void run(bool ordered) {
  const mpi::Environment env("rightrank");
  env.run_or_abort([&] {
    const int right = mpi::receive_right_rank(env);
    if (!ordered) {
      fmt::print("{}\n", mpi::right_rank_line(env.rank(), right));
      std::fflush(stdout);
      return;
    }
    const auto rights = mpi::gather_at_rank_zero(right, env);
    for (std::size_t r = 0; r < rights.size(); ++r)
      fmt::print("{}\n", mpi::right_rank_line(static_cast<int>(r), rights[r]));
  });
}

}  // namespace

void add_rightrank_command(CLI::App& app, int& /*exit_code*/) {
  auto ordered = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand(
      "rightrank", "MPI: each rank sends its rank to its left neighbour and prints the one it got from the right (mpirun -np N hpcpp rightrank)");
  cmd->add_flag("--ordered", *ordered, "Rank 0 prints every rank's line, in rank order");
  cmd->callback([ordered] { run(*ordered); });
}

}  // namespace hpcpp::cli
