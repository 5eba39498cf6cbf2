#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace hpcpp::procs {

// Forks a child that runs argv[0] (searched on PATH) with argv as its arguments and
// returns its pid without waiting. A program that cannot be executed makes the child
// print why on stderr and exit with 127.
pid_t spawn(const std::vector<std::string>& argv);

// spawn, then wait: returns the exit status the way a shell reports it (the exit code, or
// 128 + signal number).
int spawn_and_wait(const std::vector<std::string>& argv);

}  // namespace hpcpp::procs
