#pragma once
// The sweep under mpirun: rank 0 hands out the tasks and writes the CSV, ranks 1..N-1 run
// them; a job of one rank runs them itself. A rank that dies ends the job (MPI has no way
// to go on without it); the rows finished so far stay in the journal for --resume.
#include <ostream>

#include "hpcpp/mpi/environment.hpp"
#include "hpcpp/sweep/sweep.hpp"

namespace hpcpp::sweep {

// On rank 0 the summary of the sweep; on the other ranks an empty one.
SweepSummary run_on_ranks(Sweep& sweep, const mpi::Environment& env, std::ostream& out);

}  // namespace hpcpp::sweep
