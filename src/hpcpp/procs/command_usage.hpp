#pragma once
// Runs a command and measures it as `hpcpp profile -- CMD` reports: wall time, the
// resources getrusage gives for the child (user and system time, peak resident set, page
// faults, context switches) and the hardware counters where the kernel allows them.
#include <string>
#include <vector>

#include "hpcpp/procs/exit_status.hpp"
#include "hpcpp/procs/hardware_counters.hpp"

namespace hpcpp::procs {

struct CommandUsage {
  ExitStatus status;
  double wall_seconds = 0;
  double user_seconds = 0;
  double system_seconds = 0;
  long peak_rss_kib = 0;
  long minor_faults = 0;
  long major_faults = 0;
  long voluntary_switches = 0;
  long involuntary_switches = 0;
  HardwareCounts counts;
};

CommandUsage measure_command(const std::vector<std::string>& argv);
std::string describe_usage(const CommandUsage& usage);

}  // namespace hpcpp::procs
