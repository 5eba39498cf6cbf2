#pragma once
// What the scheduler sends a worker (a task to run) and what comes back.
#include <cstdint>
#include <string>
#include <vector>

namespace hpcpp::sweep {

struct TaskOrder {
  std::uint64_t task = 0;
  std::uint32_t attempt = 1;  // 2: the first run's process died
};

struct TaskOutcome {
  std::uint64_t task = 0;
  bool ok = false;
  // The task's own process was killed by a signal (an --exec command, as the OOM killer
  // does): the task deserves one more run.
  bool killed = false;
  std::string status;               // "ok", or the one-line error
  std::vector<std::string> fields;  // the runner's result columns, in order
  double seconds = 0;               // compute time, measured by the worker
};

// Byte strings for pipes and MPI messages (both ends are the same program).
std::string encode(const TaskOrder& order);
std::string encode(const TaskOutcome& outcome);
TaskOrder decode_order(const std::string& bytes);
TaskOutcome decode_outcome(const std::string& bytes);

}  // namespace hpcpp::sweep
