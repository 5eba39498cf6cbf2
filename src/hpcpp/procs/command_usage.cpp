#include "hpcpp/procs/command_usage.hpp"

#include <fmt/core.h>
#include <sys/resource.h>

#include <optional>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/wall_timer.hpp"
#include "hpcpp/procs/interrupt_watch.hpp"
#include "hpcpp/procs/spawn.hpp"

namespace hpcpp::procs {
namespace {

double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; }

}  // namespace

CommandUsage measure_command(const std::vector<std::string>& argv) {
  if (argv.empty()) throw Error("no command given");
  const InterruptWatch watch;
  std::optional<HardwareCounters> counters;
  SpawnOptions options;
  // The counters open on the child before it execs, so that they count the program.
  options.before_exec = [&](pid_t child) { counters.emplace(child); };
  WallTimer wall;
  rusage usage{};
  const ExitStatus status = wait_forwarding_signals(spawn(argv, options), &usage);

  CommandUsage result;
  result.wall_seconds = wall.seconds();
  result.status = status;
  result.user_seconds = seconds(usage.ru_utime);
  result.system_seconds = seconds(usage.ru_stime);
  result.peak_rss_kib = usage.ru_maxrss;
  result.minor_faults = usage.ru_minflt;
  result.major_faults = usage.ru_majflt;
  result.voluntary_switches = usage.ru_nvcsw;
  result.involuntary_switches = usage.ru_nivcsw;
  result.counts = counters->read();
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
