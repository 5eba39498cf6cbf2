#include "hpcpp/sweep/sweep.hpp"

#include <fmt/core.h>
#include <signal.h>
#include <unistd.h>

#include "hpcpp/core/atomic_file.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/exit_status_error.hpp"
#include "hpcpp/core/progress.hpp"
#include "hpcpp/core/whole_file.hpp"
#include "hpcpp/procs/interrupt_watch.hpp"
#include "hpcpp/sweep/diff2d_runner.hpp"
#include "hpcpp/sweep/exec_runner.hpp"
#include "hpcpp/sweep/journal.hpp"
#include "hpcpp/sweep/results_csv.hpp"
#include "hpcpp/sweep/scheduler.hpp"

namespace hpcpp::sweep {
namespace {

std::vector<ParamAxis> parse_axes(const std::vector<std::string>& texts) {
  std::vector<ParamAxis> axes;
  for (const auto& text : texts) axes.push_back(parse_param_axis(text));
  return axes;
}

std::unique_ptr<TaskRunner> make_runner(const SweepConfig& config, const TaskList& tasks) {
  if (config.threads < 1) throw Error(fmt::format("sweep: --threads must be at least 1, got {}", config.threads));
  if (config.noop) return make_noop_runner();
  if (!config.exec_argv.empty()) return make_exec_runner({config.exec_argv, tasks.names(), config.threads});
  if (config.params_file.empty())
    throw Error("sweep: a parameter file (e.g. examples/diff2dparams.py) or --exec -- CMD ... is required");
  return make_diff2d_runner({config.params_file, tasks.names(), config.backend, config.threads}, tasks);
}

// Collects the rows as they arrive: into the journal, and (without a file) onto the
// output stream as soon as every earlier task is done.
class RowCollector {
 public:
  RowCollector(const TaskList& tasks, Journal* journal, std::ostream* stream, bool progress)
      : tasks_(tasks), journal_(journal), stream_(stream), rows_(tasks.size()),
        progress_("sweep: tasks", static_cast<std::int64_t>(tasks.size())), show_progress_(progress) {}

  void take_earlier(std::uint64_t task, const std::string& row) {
    const auto fields = csv_fields(row.substr(0, row.size() - 1));
    const auto status_column = 1 + tasks_.axes().size();
    if (fields.size() <= status_column || fields[status_column] != "ok") ++failed_;
    store(task, row);
  }

  void take(const TaskOutcome& outcome) {
    const auto row = csv_row(tasks_, outcome);
    if (journal_) journal_->append(row);
    if (!outcome.ok) ++failed_;
    store(outcome.task, row);
  }

  std::string all_rows() const {
    std::string text;
    for (const auto& row : rows_) text += row;
    return text;
  }
  std::size_t done() const { return done_; }
  std::size_t failed() const { return failed_; }
  void finish_progress() { progress_.finish(); }

 private:
  void store(std::uint64_t task, const std::string& row) {
    rows_.at(task) = row;
    ++done_;
    if (stream_) {
      if (printed_ < rows_.size() && !rows_[printed_].empty()) clear_progress_line();
      for (; printed_ < rows_.size() && !rows_[printed_].empty(); ++printed_) *stream_ << rows_[printed_];
      stream_->flush();
    }
    if (show_progress_)
      progress_.update(static_cast<std::int64_t>(done_), fmt::format("{} failed", failed_));
  }

  const TaskList& tasks_;
  Journal* journal_;
  std::ostream* stream_;
  std::vector<std::string> rows_;
  std::size_t done_ = 0, failed_ = 0, printed_ = 0;
  Progress progress_;
  bool show_progress_;
};

}  // namespace

int default_worker_count() {
  const long cores = sysconf(_SC_NPROCESSORS_ONLN);
  return cores > 0 ? static_cast<int>(cores) : 1;
}

Sweep::Sweep(SweepConfig config)
    : config_(std::move(config)), tasks_(parse_axes(config_.params)), runner_(make_runner(config_, tasks_)) {
  if (config_.resume && !config_.out) throw Error("sweep: --resume needs --out (the journal lives beside it)");
  if (config_.out && std::filesystem::is_directory(*config_.out))
    throw Error(fmt::format("--out {}: is a directory", config_.out->string()));
}

std::string Sweep::description() const {
  std::string text = config_.noop ? "noop\n" : config_.exec_argv.empty() ? "diff2d\n" : "exec\n";
  for (const auto& arg : config_.exec_argv) text += arg + '\0';
  if (config_.exec_argv.empty() && !config_.noop) text += whole_file(config_.params_file) + '\0' + config_.backend;
  for (const auto& axis : tasks_.axes()) {
    text += '\n' + axis.name + '=';
    for (const auto& value : axis.values) text += value + '\0';
  }
  return text;
}

WorkerFunction Sweep::worker_function() {
  return [this](const TaskOrder& order) {
    if (config_.kill_worker_at == order.task && (order.attempt == 1 || config_.kill_worker_always))
      raise(SIGKILL);
    return run_task(*runner_, tasks_, order.task);
  };
}

SweepSummary Sweep::run(const TransportFactory& make_transport, std::ostream& out) {
  const auto columns = runner_->result_columns();
  const auto header = csv_header(tasks_, columns);
  std::optional<Journal> journal;
  if (config_.out) journal.emplace(Journal::path_for(*config_.out), fingerprint_of(description()), tasks_.size(), config_.resume);
  if (!config_.out) out << header;

  RowCollector rows(tasks_, journal ? &*journal : nullptr, config_.out ? nullptr : &out, config_.progress);
  if (journal)
    for (const auto& [task, row] : journal->earlier_rows()) rows.take_earlier(task, row);
  std::vector<std::uint64_t> pending;
  for (std::uint64_t task = 0; task < tasks_.size(); ++task)
    if (!journal || !journal->earlier_rows().count(task)) pending.push_back(task);

  if (!pending.empty()) {
    const procs::InterruptWatch watch;
    const auto transport = make_transport(pending.size(), worker_function());
    try {
      schedule(*transport, pending, columns.size(), [&](const TaskOutcome& outcome) { rows.take(outcome); });
    } catch (const ExitStatusError& stopped) {
      if (!journal) throw;
      throw ExitStatusError(fmt::format("sweep: {}; {} of {} rows are in {}: the same sweep with --resume finishes it",
                                        stopped.what(), rows.done(), tasks_.size(),
                                        Journal::path_for(*config_.out).string()),
                            stopped.exit_code());
    }
  }
  rows.finish_progress();
  if (config_.out) {
    write_file_atomically(*config_.out, [&](std::ostream& file) { file << header << rows.all_rows(); });
    journal->remove();
  }
  return {tasks_.size(), rows.failed()};
}

}  // namespace hpcpp::sweep
