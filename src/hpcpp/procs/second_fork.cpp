#include "hpcpp/procs/second_fork.hpp"

#include <fmt/core.h>

#include <cstdio>

#include "hpcpp/procs/interrupt_watch.hpp"
#include "hpcpp/procs/spawn.hpp"

namespace hpcpp::procs {

ExitStatus run_second_fork(const std::vector<std::string>& argv, std::istream& input) {
  const InterruptWatch watch;
  std::string line;
  ExitStatus status;
  do {
    const pid_t child = spawn(argv);
    fmt::print("The child is {}\n", child);
    std::fflush(stdout);
    status = wait_forwarding_signals(child);
    if (!status.success()) break;
  } while (std::getline(input, line) && line != "q");
  return status;
}

}  // namespace hpcpp::procs
