#pragma once
// Cycles and instructions of a process (and the threads and children it starts), counted
// by the kernel through perf_event_open. Many kernels and containers refuse it
// (kernel.perf_event_paranoid, seccomp): then `available` is false and `why_not` says why.
#include <sys/types.h>

#include <cstdint>
#include <string>

namespace hpcpp::procs {

struct HardwareCounts {
  bool available = false;
  std::string why_not;
  std::uint64_t cycles = 0;
  std::uint64_t instructions = 0;
};

class HardwareCounters {
 public:
  // Counts user-space work of `pid` from its next exec on (the child waits to exec until
  // the counters are open).
  explicit HardwareCounters(pid_t pid);
  ~HardwareCounters();
  HardwareCounters(const HardwareCounters&) = delete;
  HardwareCounters& operator=(const HardwareCounters&) = delete;

  HardwareCounts read() const;

 private:
  int cycles_fd_ = -1;
  int instructions_fd_ = -1;
  std::string why_not_;
};

}  // namespace hpcpp::procs
