#include "hpcpp/procs/hardware_counters.hpp"

#include <fmt/core.h>
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace hpcpp::procs {
namespace {

int open_counter(pid_t pid, std::uint64_t config) {
  perf_event_attr attr{};
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_HARDWARE;
  attr.config = config;
  attr.disabled = 1;
  attr.enable_on_exec = 1;
  attr.inherit = 1;
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  return static_cast<int>(syscall(SYS_perf_event_open, &attr, pid, -1, -1, PERF_FLAG_FD_CLOEXEC));
}

std::string paranoid_level() {
  std::ifstream file("/proc/sys/kernel/perf_event_paranoid");
  std::string level;
  return (file >> level) ? level : "unreadable";
}

std::string refusal(int error) {
  const std::string call = fmt::format("perf_event_open: {}", std::strerror(error));
  if (error == ENOENT || error == EOPNOTSUPP)
    return "this machine exposes no hardware counters (a virtual machine without a PMU?); " + call;
  if (error == EACCES || error == EPERM)
    return fmt::format("not permitted (kernel.perf_event_paranoid = {}, or a container's seccomp filter); {}",
                       paranoid_level(), call);
  if (error == ENOSYS) return "this kernel has no perf events; " + call;
  return call;
}

std::uint64_t read_count(int fd) {
  std::uint64_t value = 0;
  if (::read(fd, &value, sizeof value) != static_cast<ssize_t>(sizeof value)) return 0;
  return value;
}

}  // namespace

HardwareCounters::HardwareCounters(pid_t pid) {
  cycles_fd_ = open_counter(pid, PERF_COUNT_HW_CPU_CYCLES);
  if (cycles_fd_ >= 0) instructions_fd_ = open_counter(pid, PERF_COUNT_HW_INSTRUCTIONS);
  if (cycles_fd_ < 0 || instructions_fd_ < 0) why_not_ = refusal(errno);
}

HardwareCounters::~HardwareCounters() {
  if (cycles_fd_ >= 0) ::close(cycles_fd_);
  if (instructions_fd_ >= 0) ::close(instructions_fd_);
}

HardwareCounts HardwareCounters::read() const {
  HardwareCounts counts;
  if (!why_not_.empty()) {
    counts.why_not = why_not_;
    return counts;
  }
  counts.cycles = read_count(cycles_fd_);
  counts.instructions = read_count(instructions_fd_);
  counts.available = counts.cycles > 0;
  if (!counts.available) counts.why_not = "the counters opened but counted nothing (no hardware counters in this machine)";
  return counts;
}

}  // namespace hpcpp::procs
