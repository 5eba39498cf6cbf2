#pragma once
// The profile of one hpcpp command, as --profile and --profile-trace ask for it: the
// session runs from construction to finish(), under a root region named after the
// command; finish() prints the tables on stderr and writes the trace.
//
// Under a launcher, each process is one rank. A command that joins the MPI job has every
// rank's capture gathered at rank 0 just before MPI ends, and rank 0 reports for the whole
// job: its own tables, min / mean / max over the ranks, and one trace in which each rank
// is a process. A command that does not join the job reports per process: its tables are
// labelled with its rank, and its trace goes to FILE.rankR.json.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "hpcpp/mpi/environment.hpp"
#include "hpcpp/profile/capture.hpp"
#include "hpcpp/profile/region.hpp"
#include "hpcpp/profile/region_table.hpp"

namespace hpcpp::profile {

struct ReportOptions {
  bool tables = false;
  SortKey sort = SortKey::cumtime;
  std::filesystem::path trace_file;  // empty: no trace
};

class CommandReport {
 public:
  // Throws hpcpp::Error naming --profile-trace when the trace could not be written, before
  // anything starts.
  CommandReport(std::string command_name, ReportOptions options);
  CommandReport(const CommandReport&) = delete;
  CommandReport& operator=(const CommandReport&) = delete;

  // Stops the session, prints the tables and writes the trace; returns `exit_code`, or 2
  // when the trace cannot be written after all.
  int finish(int exit_code);
  // Stops the session and reports nothing: the command ended with an error, whose one line
  // is all it prints.
  void discard();

 private:
  void gather_ranks(const mpi::Environment& env);
  int report_job(int exit_code);
  int report_process(int exit_code);

  std::string command_name_;
  ReportOptions options_;
  std::optional<mpi::LaunchedRank> launched_;  // set when a launcher started this process
  bool running_ = true;
  std::optional<Region> whole_command_;
  // Filled by gather_ranks: the job's size, and on rank 0 each rank's capture.
  int job_rank_ = 0, job_size_ = 1;
  std::vector<Capture> rank_captures_;
};

}  // namespace hpcpp::profile
