#include "hpcpp/procs/shared_counter.hpp"

#include <fmt/core.h>

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

void increment(Value<int>& value, std::chrono::microseconds pause) {
  const int seen = value.get();
  std::this_thread::sleep_for(pause);
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
