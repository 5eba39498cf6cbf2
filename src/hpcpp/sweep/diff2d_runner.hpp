#pragma once
// A task that runs the lecture's diff2d on PARAMS with the task's values set, in the
// worker's own process, and reports steps, simtime, mass (the final field's sum times
// dx**2) and peak (its maximum).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "hpcpp/sweep/task_runner.hpp"

namespace hpcpp::sweep {

struct Diff2dSweep {
  std::filesystem::path params_file;
  std::vector<std::string> names;  // the swept parameters, in --param order
  std::string backend;             // empty: the default backend
  int threads = 1;
};

// Throws hpcpp::Error when PARAMS is unreadable or bad, or a swept name is no diff2d
// parameter or has a value that is no number (these fail the whole sweep, not one task).
std::unique_ptr<TaskRunner> make_diff2d_runner(const Diff2dSweep& sweep, const TaskList& tasks);

}  // namespace hpcpp::sweep
