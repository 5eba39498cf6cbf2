#pragma once
// The lecture's secondfork.py: fork, the child execs another program, the parent prints
// "The child is <pid>" and waits for it.
#include <string>
#include <vector>

#include "hpcpp/procs/exit_status.hpp"

namespace hpcpp::procs {

// A program that cannot be executed: hpcpp::ExitStatusError (see spawn). SIGINT, SIGTERM
// and SIGHUP are passed on to the child, and its status is returned once it ended.
ExitStatus run_second_fork(const std::vector<std::string>& argv);

}  // namespace hpcpp::procs
