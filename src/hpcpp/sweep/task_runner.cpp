#include "hpcpp/sweep/task_runner.hpp"

#include <exception>
#include <new>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/wall_timer.hpp"

namespace hpcpp::sweep {
namespace {

class NoopRunner final : public TaskRunner {
 public:
  std::vector<std::string> result_columns() const override { return {}; }
  void run(const std::vector<std::string>&, TaskOutcome& outcome) override {
    outcome.ok = true;
    outcome.status = "ok";
  }
};

// Status and CSV rows are one line each.
std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

}  // namespace

TaskOutcome run_task(TaskRunner& runner, const TaskList& tasks, std::uint64_t task) {
  TaskOutcome outcome;
  outcome.task = task;
  const WallTimer timer;
  std::string error;
  try {
    runner.run(tasks.values(task), outcome);
  } catch (const std::bad_alloc&) {
    error = "out of memory";
  } catch (const std::exception& e) {
    error = e.what();
  }
  outcome.seconds = timer.seconds();
  if (!error.empty()) {
    outcome.ok = false;
    outcome.status = error;
    outcome.fields.assign(runner.result_columns().size(), "");
  }
  outcome.status = one_line(outcome.status);
  for (auto& field : outcome.fields) field = one_line(field);
  return outcome;
}

std::unique_ptr<TaskRunner> make_noop_runner() { return std::make_unique<NoopRunner>(); }

}  // namespace hpcpp::sweep
