#include "hpcpp/procs/second_fork.hpp"

#include <fmt/core.h>

#include <cstdio>

#include "hpcpp/procs/interrupt_watch.hpp"
#include "hpcpp/procs/spawn.hpp"

namespace hpcpp::procs {

ExitStatus run_second_fork(const std::vector<std::string>& argv) {
  const InterruptWatch watch;
  const pid_t child = spawn(argv);
  fmt::print("The child is {}\n", child);
  std::fflush(stdout);
  return wait_forwarding_signals(child);
}

}  // namespace hpcpp::procs
