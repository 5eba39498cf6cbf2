#pragma once
// Where a sweep's tasks run: on the ranks of the MPI job when hpcpp was started by mpirun,
// else on a pool of worker processes on this machine.
#include <ostream>

#include "hpcpp/sweep/sweep.hpp"

namespace hpcpp::sweep {

// `procs`: the pool's size (0: one worker per core; never more workers than tasks); under
// mpirun it must be 0. Throws hpcpp::Error for a bad sweep or pool size before any task
// runs. On MPI ranks other than 0, returns an empty summary.
SweepSummary run_sweep(SweepConfig config, int procs, std::ostream& out);

}  // namespace hpcpp::sweep
