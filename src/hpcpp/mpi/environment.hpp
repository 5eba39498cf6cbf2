#pragma once
// The MPI library for the life of one command: initialised on construction (threads
// funneled to the main thread, for MPI + OpenMP), finalised on destruction. Without
// mpirun the same program is a singleton: one rank of one. A build without MPI throws
// an Error naming the command that needs it.
#include <functional>
#include <string_view>

namespace hpcpp::mpi {

// False when this hpcpp was built without an MPI library.
bool built_with_mpi();

// True when a launcher (mpirun, mpiexec, srun) started this process as an MPI rank; then
// even a single-node program must join the job to learn how many ranks there are.
bool started_by_launcher();

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

  // Runs `body` on this rank. An exception ends the whole job rather than leaving the other
  // ranks waiting for this one: its message is printed once (by rank 0, when rank 0 fails
  // too) as one line `hpcpp: ...`, and every rank exits with status 2 (MPI_Abort). A job
  // of one rank rethrows instead, so the single-process path stays the ordinary one.
  void run_or_abort(const std::function<void()>& body) const;

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace hpcpp::mpi
