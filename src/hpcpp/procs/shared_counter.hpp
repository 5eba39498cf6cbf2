#pragma once
// The lecture's multiprocessing_shared.py: `processes` processes each add 1 to one shared
// Value `increments` times, sleeping between the read and the write-back. Without the lock
// increments get lost (the lecture printed 475 instead of 500); with it none do.
#include <chrono>

namespace hpcpp::procs {

struct SharedCounterConfig {
  int processes = 10;
  int increments = 50;
  std::chrono::microseconds pause{1000};  // between reading and writing the value
  bool use_lock = false;
};

// Returns the final value of the counter.
int count_in_processes(const SharedCounterConfig& config);

}  // namespace hpcpp::procs
