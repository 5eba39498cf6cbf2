#pragma once
// How the scheduler reaches its workers: forked processes over sockets on this machine,
// or MPI ranks. The scheduler hands one task at a time to an idle worker and waits for
// whichever worker reports next.
#include <functional>
#include <optional>
#include <string>

#include "hpcpp/sweep/task.hpp"

namespace hpcpp::sweep {

struct WorkerEvent {
  int worker = 0;
  std::optional<TaskOutcome> outcome;  // the worker's report on its task
  std::string death;                   // without an outcome: how the worker ended ("signal 9 (Killed)")
};

class WorkerTransport {
 public:
  virtual ~WorkerTransport() = default;
  virtual int workers() const = 0;
  // Sends `order` to an idle worker. A worker that died meanwhile shows up as an event.
  virtual void assign(int worker, const TaskOrder& order) = 0;
  // Blocks until some worker reports or dies. A dead worker is replaced where the
  // transport can (a fresh process); where it cannot, this throws hpcpp::Error.
  virtual WorkerEvent next_event() = 0;
};

// What a worker does with one order (runs in the worker).
using WorkerFunction = std::function<TaskOutcome(const TaskOrder&)>;

}  // namespace hpcpp::sweep
