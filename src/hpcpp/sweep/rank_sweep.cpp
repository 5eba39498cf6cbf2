#include "hpcpp/sweep/rank_sweep.hpp"

#include "hpcpp/core/error.hpp"
#include "hpcpp/sweep/inline_transport.hpp"

#if HPCPP_HAVE_MPI
#include <mpi.h>
#include <signal.h>
#include <unistd.h>

#include <cstring>
#endif

namespace hpcpp::sweep {

#if HPCPP_HAVE_MPI
namespace {

enum Tag : int { order_tag = 1, outcome_tag = 2, stop_tag = 3 };

void send_bytes(const std::string& bytes, int rank, int tag) {
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, rank, tag, MPI_COMM_WORLD);
}

// Receives the next message from `source` (any tag); `status` says who sent it and why.
std::string receive_bytes(int source, MPI_Status& status) {
  MPI_Probe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
  int size = 0;
  MPI_Get_count(&status, MPI_BYTE, &size);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  MPI_Recv(bytes.data(), size, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return bytes;
}

// Worker w is rank w + 1.
class RankTransport final : public WorkerTransport {
 public:
  explicit RankTransport(int ranks) : workers_(ranks - 1) {}
  ~RankTransport() override {
    for (int w = 0; w < workers_; ++w) send_bytes({}, w + 1, stop_tag);
  }
  RankTransport(const RankTransport&) = delete;
  RankTransport& operator=(const RankTransport&) = delete;

  int workers() const override { return workers_; }
  void assign(int worker, const TaskOrder& order) override { send_bytes(encode(order), worker + 1, order_tag); }
  WorkerEvent next_event() override {
    MPI_Status status;
    const auto bytes = receive_bytes(MPI_ANY_SOURCE, status);
    if (status.MPI_TAG != outcome_tag) throw Error("sweep: unexpected message from a worker rank");
    return {status.MPI_SOURCE - 1, decode_outcome(bytes), {}};
  }

 private:
  int workers_;
};

void serve_rank_zero(const WorkerFunction& work) {
  for (;;) {
    MPI_Status status;
    const auto bytes = receive_bytes(0, status);
    if (status.MPI_TAG == stop_tag) return;
    send_bytes(encode(work(decode_order(bytes))), 0, outcome_tag);
  }
}

// mpirun ends the whole job when a rank dies: rank 0 then says where the finished rows are.
char stopped_message[512];

extern "C" void report_stopped_job(int signal_number) {
  ssize_t ignored = write(STDERR_FILENO, stopped_message, std::strlen(stopped_message));
  (void)ignored;
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

void explain_a_stopped_job(const std::optional<std::filesystem::path>& out) {
  const std::string text =
      out ? "hpcpp: sweep: the MPI job was stopped (a rank died or was killed); the finished rows are in " +
                (out->string() + ".journal") + ": run the same sweep with --resume to finish it\n"
          : "hpcpp: sweep: the MPI job was stopped (a rank died or was killed)\n";
  std::strncpy(stopped_message, text.c_str(), sizeof stopped_message - 1);
  signal(SIGTERM, report_stopped_job);
}

}  // namespace

SweepSummary run_on_ranks(Sweep& sweep, const mpi::Environment& env, std::ostream& out) {
  if (env.rank() != 0) {
    serve_rank_zero(sweep.worker_function());
    return {};
  }
  explain_a_stopped_job(sweep.out());
  const int ranks = env.size();
  return sweep.run(
      [ranks](std::size_t, const WorkerFunction& work) -> std::unique_ptr<WorkerTransport> {
        if (ranks == 1) return std::make_unique<InlineTransport>(work);
        return std::make_unique<RankTransport>(ranks);
      },
      out);
}

#else

SweepSummary run_on_ranks(Sweep&, const mpi::Environment&, std::ostream&) {
  throw Error("sweep: this hpcpp was built without MPI");
}

#endif

}  // namespace hpcpp::sweep
