#include "hpcpp/procs/second_fork.hpp"

#include <fmt/core.h>

#include <cstdio>

#include "hpcpp/procs/process.hpp"
#include "hpcpp/procs/spawn.hpp"

namespace hpcpp::procs {

ExitStatus run_second_fork(const std::vector<std::string>& argv) {
  const pid_t child = spawn(argv);
  fmt::print("The child is {}\n", child);
  std::fflush(stdout);
  return wait_child(child);
}

}  // namespace hpcpp::procs
