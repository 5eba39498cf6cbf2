#pragma once
#include <string>

namespace hpcpp::procs {

// How a child process ended, as waitpid reports it.
struct ExitStatus {
  bool signaled = false;  // killed by a signal (then `code` is the signal number)
  int code = 0;           // exit code, or signal number when `signaled`

  bool success() const { return !signaled && code == 0; }
  // The status a shell would show: the exit code, or 128 + signal number.
  int shell_code() const { return signaled ? 128 + code : code; }
  // "exit code 3" or "signal 11 (Segmentation fault)".
  std::string describe() const;

  static ExitStatus from_wait_status(int wait_status);
};

}  // namespace hpcpp::procs
