#pragma once
// hpcpp sweep: a parameter sweep as map/reduce. The tasks (the cartesian product of the
// --param lists) go to workers; the rows come back into one CSV in task order, the same
// bytes (apart from `seconds`) whatever the number of workers or the transport.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "hpcpp/sweep/task_list.hpp"
#include "hpcpp/sweep/task_runner.hpp"
#include "hpcpp/sweep/worker_transport.hpp"

namespace hpcpp::sweep {

struct SweepConfig {
  std::vector<std::string> params;  // the --param texts
  std::filesystem::path params_file;
  std::vector<std::string> exec_argv;  // non-empty: run this command per task
  bool noop = false;                   // run empty tasks (the sweep's own cost)
  std::string backend;
  int threads = 1;                  // per task
  std::optional<std::filesystem::path> out;  // none: the CSV goes to the output stream
  bool resume = false;
  bool progress = true;
  // Test hook: the worker kills itself (SIGKILL) when it starts this task, on the first
  // attempt only, or on every attempt.
  std::optional<std::uint64_t> kill_worker_at;
  bool kill_worker_always = false;
};

struct SweepSummary {
  std::size_t total = 0;
  std::size_t failed = 0;
};

// Makes the transport for `pending` tasks, its workers running `work`.
using TransportFactory =
    std::function<std::unique_ptr<WorkerTransport>(std::size_t pending, const WorkerFunction& work)>;

class Sweep {
 public:
  // Checks everything (syntax, names, values, the PARAMS file or command): throws
  // hpcpp::Error before anything is written.
  explicit Sweep(SweepConfig config);

  // What a worker does with an order; the same in every transport.
  WorkerFunction worker_function();
  // Runs the tasks not finished yet, writing rows as they finish: the journal (with --out)
  // or `out` in task order; at the end the CSV file in task order.
  SweepSummary run(const TransportFactory& make_transport, std::ostream& out);

  const TaskList& tasks() const { return tasks_; }
  const std::optional<std::filesystem::path>& out() const { return config_.out; }

 private:
  std::string description() const;

  SweepConfig config_;
  TaskList tasks_;
  std::unique_ptr<TaskRunner> runner_;
};

// The number of workers a pool gets by default: the cores of this machine.
int default_worker_count();

}  // namespace hpcpp::sweep
