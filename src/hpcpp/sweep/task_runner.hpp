#pragma once
// What one task does: a diff2d run, an outside command, or nothing (to measure the sweep's
// own cost). A runner is built once in the scheduling process and used in every worker.
#include <memory>
#include <string>
#include <vector>

#include "hpcpp/sweep/task.hpp"
#include "hpcpp/sweep/task_list.hpp"

namespace hpcpp::sweep {

class TaskRunner {
 public:
  virtual ~TaskRunner() = default;
  // The CSV columns between `status` and `seconds`.
  virtual std::vector<std::string> result_columns() const = 0;
  // Runs the task whose swept values are `values`: fills ok, status, killed and fields.
  // A failure of the task is an hpcpp::Error (or an outcome with ok false).
  virtual void run(const std::vector<std::string>& values, TaskOutcome& outcome) = 0;
};

// Runs one task of `tasks` with `runner`, timing it; an error becomes a failed outcome
// with the message as its status and empty result columns.
TaskOutcome run_task(TaskRunner& runner, const TaskList& tasks, std::uint64_t task);

// Does nothing and succeeds: the sweep's own cost per task.
std::unique_ptr<TaskRunner> make_noop_runner();

}  // namespace hpcpp::sweep
