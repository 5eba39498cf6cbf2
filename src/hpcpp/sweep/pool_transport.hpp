#pragma once
// Workers as forked processes of this program, each joined to the scheduler by a socket
// pair. A worker that dies (EOF on its socket) is reaped, reported and replaced.
#include <sys/types.h>

#include <vector>

#include "hpcpp/sweep/worker_transport.hpp"

namespace hpcpp::sweep {

class PoolTransport final : public WorkerTransport {
 public:
  // Forks `workers` processes that run `work` on each order they receive. Throws
  // hpcpp::Error unless workers is from 1 to max_threads.
  PoolTransport(int workers, WorkerFunction work);
  // Idle workers see their socket close and exit; any still running are killed; all reaped.
  ~PoolTransport() override;
  PoolTransport(const PoolTransport&) = delete;
  PoolTransport& operator=(const PoolTransport&) = delete;

  int workers() const override { return static_cast<int>(slots_.size()); }
  void assign(int worker, const TaskOrder& order) override;
  WorkerEvent next_event() override;

 private:
  struct Slot {
    pid_t pid = -1;
    int socket = -1;  // the scheduler's end
  };
  void start(int worker);
  void close_all() noexcept;
  std::string reap(int worker);

  WorkerFunction work_;
  std::vector<Slot> slots_;
  int replacements_left_;
};

// The worker side of a connection: orders in, outcomes out, until the other end closes.
void serve_orders(int socket, const WorkerFunction& work);

}  // namespace hpcpp::sweep
