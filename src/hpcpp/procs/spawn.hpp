#pragma once
// The one way hpcpp starts another program (etime, secondfork, hpcpp profile -- CMD,
// sweep --exec): fork, then exec with the options below. A program that cannot be
// executed is reported by the parent, one way for all of them: the child is reaped and
// hpcpp::ExitStatusError says "cannot run 'PROGRAM': reason", with the exit code a shell
// gives (127: not found, 126: found but not executable).
#include <sys/resource.h>
#include <sys/types.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "hpcpp/procs/exit_status.hpp"
#include "hpcpp/procs/process.hpp"

namespace hpcpp::procs {

struct SpawnOptions {
  int stdout_fd = -1;            // the program's stdout, when >= 0 (the write end of a pipe)
  bool stdin_from_null = false;  // the program reads /dev/null instead of hpcpp's stdin
  // Variables set in the program's environment, replacing the inherited values.
  std::vector<std::pair<std::string, std::string>> set_environment;
  // Without the MPI launcher's variables, so that an hpcpp run by a rank does not take
  // itself for a rank of the same job.
  bool without_launcher_environment = false;
  ChildLifetime lifetime = ChildLifetime::independent;
  // Runs in the parent once the child exists and before it execs (the child waits for it):
  // hpcpp profile opens its hardware counters on the child here, so they see the exec.
  std::function<void(pid_t)> before_exec;
};

// Starts argv[0] (searched on PATH) with argv as its arguments and returns its pid once the
// program runs, without waiting for it to end.
pid_t spawn(const std::vector<std::string>& argv, const SpawnOptions& options = {});

// Waits for a child started by spawn, under an InterruptWatch: SIGINT, SIGTERM and SIGHUP
// that reach hpcpp are passed on to the child, and the wait goes on until it ends, so hpcpp
// never leaves it running without a parent. Fills `usage` (when given) with the child's
// resources.
ExitStatus wait_forwarding_signals(pid_t child, rusage* usage = nullptr);

// spawn, then wait_forwarding_signals: returns the exit status the way a shell reports it
// (the exit code, or 128 + signal number).
int spawn_and_wait(const std::vector<std::string>& argv);

}  // namespace hpcpp::procs
