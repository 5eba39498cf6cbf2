#include "hpcpp/procs/command_usage.hpp"

#include <fmt/core.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/wall_timer.hpp"
#include "hpcpp/procs/exec_arguments.hpp"
#include "hpcpp/procs/process.hpp"

namespace hpcpp::procs {
namespace {

double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; }

// The child waits on a pipe until its counters are open, so that they see its exec.
class StartSignal {
 public:
  StartSignal() {
    if (::pipe2(fds_, O_CLOEXEC) != 0) throw Error(fmt::format("pipe failed: {}", std::strerror(errno)));
  }
  ~StartSignal() {
    close_end(0);
    close_end(1);
  }
  StartSignal(const StartSignal&) = delete;
  StartSignal& operator=(const StartSignal&) = delete;

  void wait_in_child() {
    close_end(1);
    char go = 0;
    while (::read(fds_[0], &go, 1) < 0 && errno == EINTR) {
    }
  }
  void give() {
    close_end(0);
    close_end(1);  // end of file is the signal
  }

 private:
  void close_end(int end) {
    if (fds_[end] >= 0) ::close(fds_[end]);
    fds_[end] = -1;
  }
  int fds_[2] = {-1, -1};
};

}  // namespace

CommandUsage measure_command(const std::vector<std::string>& argv) {
  if (argv.empty()) throw Error("no command given");
  const std::vector<char*> args = exec_arguments(argv);

  StartSignal start;
  WallTimer wall;
  const pid_t pid = fork_child([&] {
    start.wait_in_child();
    execvp(args[0], args.data());
    fmt::print(stderr, "cannot run '{}': {}\n", argv[0], std::strerror(errno));
    return 127;
  });
  const HardwareCounters counters(pid);
  start.give();

  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0)
    if (errno != EINTR) throw Error(fmt::format("wait4({}) failed: {}", pid, std::strerror(errno)));

  CommandUsage result;
  result.wall_seconds = wall.seconds();
  result.status = ExitStatus::from_wait_status(status);
  result.user_seconds = seconds(usage.ru_utime);
  result.system_seconds = seconds(usage.ru_stime);
  result.peak_rss_kib = usage.ru_maxrss;
  result.minor_faults = usage.ru_minflt;
  result.major_faults = usage.ru_majflt;
  result.voluntary_switches = usage.ru_nvcsw;
  result.involuntary_switches = usage.ru_nivcsw;
  result.counts = counters.read();
  return result;
}

std::string describe_usage(const CommandUsage& u) {
  std::string text;
  text += fmt::format("  wall time            {:12.3f} s\n", u.wall_seconds);
  text += fmt::format("  user time            {:12.3f} s\n", u.user_seconds);
  text += fmt::format("  system time          {:12.3f} s\n", u.system_seconds);
  text += fmt::format("  peak resident set    {:12.1f} MiB\n", static_cast<double>(u.peak_rss_kib) / 1024.0);
  text += fmt::format("  page faults          {:12} minor, {} major\n", u.minor_faults, u.major_faults);
  text += fmt::format("  context switches     {:12} voluntary, {} involuntary\n", u.voluntary_switches,
                      u.involuntary_switches);
  if (u.counts.available) {
    text += fmt::format("  cycles               {:12}\n", u.counts.cycles);
    text += fmt::format("  instructions         {:12}\n", u.counts.instructions);
    text += fmt::format("  instructions/cycle   {:12.2f}\n",
                        static_cast<double>(u.counts.instructions) / static_cast<double>(u.counts.cycles));
  } else {
    text += fmt::format("  cycles, instructions: not measured: {}\n", u.counts.why_not);
  }
  text += fmt::format("  exit status          {:>12}\n", u.status.describe());
  return text;
}

}  // namespace hpcpp::procs
