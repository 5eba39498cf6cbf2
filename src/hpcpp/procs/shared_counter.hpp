#pragma once
// The lecture's multiprocessing_shared.py: `processes` processes each sleep 1 ms and then add
// 1 to one shared Value (`v.value += 1`), `increments` times. CPython spends microseconds
// between reading v.value and writing it back; `pause` models that window. Without the lock
// an increment whose window overlaps another's is lost (the lecture printed 475 instead of
// 500); with the lock, held around the increment only as in
// multiprocessing_shared_fixed.py, none is, at about the same speed.
#include <chrono>

namespace hpcpp::procs {

struct SharedCounterConfig {
  int processes = 10;
  int increments = 50;
  std::chrono::microseconds sleep{1000};  // before each increment, outside the lock
  std::chrono::microseconds pause{5};    // between reading and writing the value
  bool use_lock = false;
};

// Returns the final value of the counter.
int count_in_processes(const SharedCounterConfig& config);

}  // namespace hpcpp::procs
