#pragma once
#include <string>
#include <vector>

namespace hpcpp::procs {

// Runs argv[0] (searched on PATH) with argv as its arguments, waits, and returns its exit
// status the way a shell reports it: the exit code, or 128 + signal number. A program that
// cannot be executed makes the child print why on stderr and exit with 127.
int spawn_and_wait(const std::vector<std::string>& argv);

}  // namespace hpcpp::procs
