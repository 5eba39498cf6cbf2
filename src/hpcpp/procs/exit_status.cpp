#include "hpcpp/procs/exit_status.hpp"

#include <fmt/core.h>
#include <sys/wait.h>

#include <cstring>

namespace hpcpp::procs {

std::string ExitStatus::describe() const {
  if (signaled) return fmt::format("signal {} ({})", code, strsignal(code));
  return fmt::format("exit code {}", code);
}

ExitStatus ExitStatus::from_wait_status(int wait_status) {
  if (WIFSIGNALED(wait_status)) return {true, WTERMSIG(wait_status)};
  if (WIFEXITED(wait_status)) return {false, WEXITSTATUS(wait_status)};
  return {false, 1};
}

}  // namespace hpcpp::procs
