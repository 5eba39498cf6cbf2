#pragma once
// A task that runs an outside command, with `{name}` in its arguments replaced by the
// task's value of the swept parameter `name`. No shell is involved: the arguments go to
// execvp as they are. Reports the exit status and the last line the command printed.
#include <memory>
#include <string>
#include <vector>

#include "hpcpp/sweep/task_runner.hpp"

namespace hpcpp::sweep {

struct ExecSweep {
  std::vector<std::string> argv;   // the command, with {name} placeholders
  std::vector<std::string> names;  // the swept parameters, in --param order
  int threads = 0;                 // > 0: OMP_NUM_THREADS for the command
};

// The command's arguments for one task.
std::vector<std::string> substitute(const std::vector<std::string>& argv, const std::vector<std::string>& names,
                                    const std::vector<std::string>& values);

// Throws hpcpp::Error for an empty command or a {placeholder} that names no swept parameter,
// hpcpp::ExitStatusError (127: not found, 126: not executable) for a program that cannot run.
std::unique_ptr<TaskRunner> make_exec_runner(const ExecSweep& sweep);

}  // namespace hpcpp::sweep
