#pragma once
// How many threads a run uses: the count asked for, else OMP_NUM_THREADS, else the cores
// of this node shared among the MPI ranks started on it. One function for every command,
// backend and the Python module, so that they all agree and read OMP_NUM_THREADS alike.
#include <optional>
#include <string_view>

namespace hpcpp {

// `requested` when it is not 0 (checked as a thread count named `what`: "--threads",
// "workers"), else default_thread_count(). Throws hpcpp::Error.
int thread_count_or_default(int requested, std::string_view what);

// OMP_NUM_THREADS when set, read as strictly as --threads (one decimal integer from 1 to
// max_threads; OpenMP's lists such as "4,2" are refused); else cores_per_rank().
// Throws hpcpp::Error naming OMP_NUM_THREADS and its value as set.
int default_thread_count();

// The cores this process may run on, divided among the ranks that a launcher started on
// this node (at least 1): ranks that each start one thread per core would fight over them.
int cores_per_rank();

// The cores this process may run on (its CPU affinity), at least 1.
int usable_cores();

// How many ranks a launcher (Open MPI's mpirun, MPICH's mpiexec) started on this node; 1
// outside a job.
int ranks_on_this_node();

}  // namespace hpcpp
