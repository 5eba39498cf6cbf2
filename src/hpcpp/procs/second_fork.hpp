#pragma once
// The lecture's secondfork.py: fork, the child execs another program (the lecture's
// child.py), the parent prints "The child is <pid>"; again for each line read, until "q"
// (or the end of the input). Unlike the lecture, the parent waits for each child before it
// reads the next line, so no zombie is left behind and the outputs never interleave.
#include <istream>
#include <string>
#include <vector>

#include "hpcpp/procs/exit_status.hpp"

namespace hpcpp::procs {

// Every child runs argv. A program that cannot be executed: hpcpp::ExitStatusError (see
// spawn). SIGINT, SIGTERM and SIGHUP are passed on to the running child. Stops at the
// first child that does not succeed and returns its status, else the last child's.
ExitStatus run_second_fork(const std::vector<std::string>& argv, std::istream& input);

}  // namespace hpcpp::procs
