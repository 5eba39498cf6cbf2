#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace hpcpp::procs {

// Forks a child that runs argv[0] (searched on PATH) with argv as its arguments and
// returns its pid once the program runs, without waiting for it to end. A program that
// cannot be executed is reported by the parent: the child is reaped and
// hpcpp::ExitStatusError says "cannot run 'PROGRAM': reason", with the exit code a shell
// gives (127: not found, 126: found but not executable).
pid_t spawn(const std::vector<std::string>& argv);

// spawn, then wait: returns the exit status the way a shell reports it (the exit code, or
// 128 + signal number).
int spawn_and_wait(const std::vector<std::string>& argv);

}  // namespace hpcpp::procs
