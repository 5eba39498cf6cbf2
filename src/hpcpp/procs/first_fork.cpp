#include "hpcpp/procs/first_fork.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "hpcpp/core/error.hpp"
#include "hpcpp/procs/interrupt_watch.hpp"
#include "hpcpp/procs/process.hpp"

namespace hpcpp::procs {

int run_first_fork(std::istream& input) {
  int children = 0;
  std::string line;
  do {
    const pid_t child = fork_child([] {
      fmt::print("Hello from {}\n", getpid());
      return 0;
    });
    ++children;
    fmt::print("Hello from parent {} {}\n", getpid(), child);
    std::fflush(stdout);
    const ExitStatus status = wait_child(child);
    if (!status.success()) throw Error(fmt::format("child {} ended with {}", child, status.describe()));
  } while (std::getline(input, line) && line != "q");
  return children;
}

}  // namespace hpcpp::procs
