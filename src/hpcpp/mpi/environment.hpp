#pragma once
// The MPI library for the life of one command: initialised on construction (threads
// funneled to the main thread, for MPI + OpenMP), finalised on destruction. Without
// mpirun the same program is a singleton: one rank of one. A build without MPI throws
// an Error naming the command that needs it.
#include <unistd.h>

#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpp::mpi {

// False when this hpcpp was built without an MPI library.
bool built_with_mpi();

// Which rank of a job a launcher (mpirun, mpiexec, srun) started this process as, from the
// variables it sets: OMPI_COMM_WORLD_RANK / _SIZE (Open MPI), PMIX_RANK (PMIx), PMI_RANK /
// PMI_SIZE (MPICH, Slurm). `size` is 0 when the launcher names no job size (PMIx alone).
struct LaunchedRank {
  int rank = 0;
  int size = 0;
};
inline std::optional<LaunchedRank> launched_rank() {
  const auto number = [](const char* name) -> std::optional<int> {
    const char* text = std::getenv(name);
    if (text == nullptr) return std::nullopt;
    return std::atoi(text);
  };
  std::optional<int> rank;
  for (const char* name : {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"})
    if (!rank) rank = number(name);
  std::optional<int> size;
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (!size) size = number(name);
  if (!rank && !size) return std::nullopt;
  return LaunchedRank{rank.value_or(0), size.value_or(0)};
}

// True when a launcher started this process as an MPI rank; then even a single-node
// program must join the job to learn how many ranks there are.
inline bool started_by_launcher() { return launched_rank().has_value(); }

// True for an environment entry ("NAME=value") a launcher set for its job (OMPI_*, PMIX_*, PMI_*).
inline bool is_launcher_variable(std::string_view entry) {
  return entry.starts_with("OMPI_") || entry.starts_with("PMIX_") || entry.starts_with("PMI_");
}

// Removes what a launcher told this process about its job, in a child about to run a
// program of its own: otherwise an hpcpp started there would take itself for a rank of
// this job and try to join it.
inline void forget_launcher_environment() {
  std::vector<std::string> names;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (is_launcher_variable(text)) names.emplace_back(text.substr(0, text.find('=')));
  }
  for (const auto& name : names) unsetenv(name.c_str());
}

// False on every rank but the first of a job a launcher started: an error that every rank
// meets alike before MPI starts (a bad command line) is then printed once, by rank 0.
inline bool first_rank_or_alone() {
  const auto launched = launched_rank();
  return !launched || launched->rank == 0;
}

class Environment {
 public:
  // `needed_by` names what asked for MPI ("rightrank", "diff2d --backend mpi") in the
  // error of a build without MPI.
  explicit Environment(std::string_view needed_by);
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

  // Runs `body` on this rank. A failure before the ranks exchange their first message
  // (see all_ranks_set_up: a bad parameter file, option or output path) ends every rank
  // cleanly: the lowest failing rank prints one line `hpcpp: ...`, MPI is finalised and
  // every rank throws JobFailed. A failure after that ends the whole job rather than
  // leaving the other ranks waiting for this one: one line, then MPI_Abort with status 2.
  // A job of one rank rethrows instead, so the single-process path stays the ordinary one.
  void run_or_abort(const std::function<void()>& body) const;

 private:
  int rank_ = 0;
  int size_ = 1;
};

// Thrown on every rank of a job that failed before its ranks exchanged a message, once the
// failure has been reported: the command ends with `exit_code` and prints nothing more.
struct JobFailed {
  int exit_code = 2;
};

// Called by every rank before its first message to another rank (the MPI functions of
// hpcpp do it): returns once every rank has got this far, or throws JobFailed when a rank
// failed before (its run_or_abort reports that failure). Only the first call waits.
void all_ranks_set_up();

// Work that must reach every rank once more at the very end of a job (the profiler gathers
// each rank's report): called on every rank, in the order registered, just before MPI is
// finalised, when the Environment goes out of scope normally.
void before_finalize(std::function<void(const Environment&)> hook);

// Every rank's bytes at rank 0, in rank order; the other ranks get an empty vector.
std::vector<std::string> gather_bytes_at_rank_zero(const std::string& bytes, const Environment& env);

// This process's place in the running MPI job; without one (no Environment alive, or a
// build without MPI) the process is rank 0 of 1.
struct Place {
  int rank, size;
};
Place place_in_job();
// True while an Environment is alive.
bool in_job();

// Runs `body(rank, size)` once on this process: as one rank of an MPI job when `use_mpi`
// (failures then end the job, see run_or_abort), else as the only rank of one.
inline void run_as_rank(bool use_mpi, std::string_view needed_by, const std::function<void(int, int)>& body) {
  if (!use_mpi) return body(0, 1);
  const Environment env(needed_by);
  env.run_or_abort([&] { body(env.rank(), env.size()); });
}

}  // namespace hpcpp::mpi
