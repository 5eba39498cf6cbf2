#include "hpcpp/procs/shared_counter.hpp"

#include <fmt/core.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/thread_limit.hpp"
#include "hpcpp/procs/lock.hpp"
#include "hpcpp/procs/process.hpp"
#include "hpcpp/procs/value.hpp"

namespace hpcpp::procs {
namespace {

// A window of microseconds is spent working, as CPython does; sleeping would stretch it to
// the kernel's timer slack (about 50 us). Long pauses (tests that force the race) sleep.
void wait_between_read_and_write(std::chrono::microseconds pause) {
  if (pause >= std::chrono::milliseconds(1)) {
    std::this_thread::sleep_for(pause);
    return;
  }
  const auto until = std::chrono::steady_clock::now() + pause;
  while (std::chrono::steady_clock::now() < until) {
  }
}

void increment(Value<int>& value, std::chrono::microseconds pause) {
  const int seen = value.get();
  wait_between_read_and_write(pause);
  value.set(seen + 1);
}

}  // namespace

int count_in_processes(const SharedCounterConfig& config) {
  check_thread_count(config.processes, "processes");
  if (config.increments < 0) throw Error(fmt::format("increments must be >= 0, got {}", config.increments));
  Value<int> value(0);
  Lock lock;
  std::vector<Process> processes;
  processes.reserve(static_cast<std::size_t>(config.processes));
  for (int p = 0; p < config.processes; ++p) {
    processes.emplace_back([&] {
      for (int i = 0; i < config.increments; ++i) {
        std::this_thread::sleep_for(config.sleep);
        if (config.use_lock) {
          const std::lock_guard guard(lock);
          increment(value, config.pause);
        } else {
          increment(value, config.pause);
        }
      }
    });
  }
  run_all(processes, "counter");
  return value.get();
}

}  // namespace hpcpp::procs
