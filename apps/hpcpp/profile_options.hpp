#pragma once
// --profile, --profile-sort and --profile-trace on every subcommand. add_to_subcommands runs
// after all subcommands are added, so a subcommand needs no code of its own for them: the
// session starts once the command line is parsed, before the subcommand runs, and the
// report goes to stderr when the program ends (stdout is left as it is without them).
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "hpcpp/mpi/environment.hpp"
#include "hpcpp/profile/capture.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::cli {

class ProfileOptions {
 public:
  void add_to_subcommands(CLI::App& app);
  // Stops the session (if one ran), prints the tables and writes the trace; returns the
  // program's exit code, 2 if the trace cannot be written.
  int finish(int exit_code);

 private:
  void start(const CLI::App& subcommand);
  // In an MPI job of several ranks, before MPI ends: every rank's capture to rank 0.
  void gather_ranks(const mpi::Environment& env);
  int report_job(int exit_code);

  bool tables_ = false;
  std::string sort_;
  std::string trace_file_;
  std::string command_name_;
  bool running_ = false;
  std::optional<profile::Region> whole_command_;  // the root region: the subcommand's name
  // Filled by gather_ranks: the job's rank and size, and on rank 0 each rank's capture.
  int job_rank_ = 0, job_size_ = 1;
  std::vector<profile::Capture> rank_captures_;
};

}  // namespace hpcpp::cli
