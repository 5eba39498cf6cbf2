#include "hpcpp/sweep/run_sweep.hpp"

#include <algorithm>
#include <memory>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/thread_limit.hpp"
#include "hpcpp/mpi/environment.hpp"
#include "hpcpp/sweep/pool_transport.hpp"
#include "hpcpp/sweep/rank_sweep.hpp"

namespace hpcpp::sweep {

SweepSummary run_sweep(SweepConfig config, int procs, std::ostream& out) {
  if (mpi::started_by_launcher()) {
    if (procs > 0) throw Error("sweep: --procs is for a pool on this machine; under mpirun the ranks are the workers");
    const mpi::Environment env("sweep under mpirun");
    SweepSummary summary;
    env.run_or_abort([&] {
      Sweep job(std::move(config));
      summary = run_on_ranks(job, env, out);
    });
    return summary;
  }
  if (procs != 0) check_thread_count(procs, "--procs");
  const int workers = procs > 0 ? procs : default_worker_count();
  Sweep job(std::move(config));
  return job.run(
      [workers](std::size_t pending, const WorkerFunction& work) {
        const auto n = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(workers), pending));
        return std::make_unique<PoolTransport>(n, work);
      },
      out);
}

}  // namespace hpcpp::sweep
