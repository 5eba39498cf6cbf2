#include "hpcpp/sweep/sweep.hpp"

#include <fmt/core.h>
#include <signal.h>
#include <unistd.h>

#include <map>

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
// output stream as soon as every earlier task is done. Rows are held by task as they
// finish, never a slot per task up front; rows already printed are let go.
class RowCollector {
 public:
  RowCollector(const TaskList& tasks, Journal* journal, std::ostream* stream, bool progress)
      : tasks_(tasks), journal_(journal), stream_(stream),
        progress_("sweep: tasks", static_cast<std::int64_t>(tasks.size())), show_progress_(progress) {}

  void take_earlier(std::uint64_t task, const std::string& row) {
    const auto fields = csv_fields(row.substr(0, row.size() - 1));
    if (fields.at(1 + tasks_.axes().size()) != "ok") ++failed_;
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
    for (const auto& [task, row] : rows_) text += row;
    return text;
  }
  std::size_t done() const { return done_; }
  std::size_t failed() const { return failed_; }
  void finish_progress() { progress_.finish(); }

 private:
  void store(std::uint64_t task, const std::string& row) {
    rows_.emplace(task, row);
    ++done_;
    if (stream_) {
      if (!rows_.empty() && rows_.begin()->first == printed_) clear_progress_line();
      for (auto next = rows_.begin(); next != rows_.end() && next->first == printed_; next = rows_.erase(next), ++printed_)
        *stream_ << next->second;
      stream_->flush();
    }
    if (show_progress_)
      progress_.update(static_cast<std::int64_t>(done_), fmt::format("{} failed", failed_));
  }

  const TaskList& tasks_;
  Journal* journal_;
  std::ostream* stream_;
  std::map<std::uint64_t, std::string> rows_;
  std::size_t done_ = 0, failed_ = 0;
  std::uint64_t printed_ = 0;
  Progress progress_;
  bool show_progress_;
};

// The tasks not in `done`, in order, one at a time.
TaskSource tasks_not_in(const std::map<std::uint64_t, std::string>& done, std::uint64_t total) {
  return [&done, total, next = std::uint64_t{0}]() mutable -> std::optional<std::uint64_t> {
    while (next < total && done.count(next)) ++next;
    if (next == total) return std::nullopt;
    return next++;
  };
}

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
  for (const auto& axis : tasks_.axes()) text += '\n' + axis.description();
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
  const std::map<std::uint64_t, std::string> none;
  if (config_.out)
    journal.emplace(Journal::path_for(*config_.out), fingerprint_of(description()),
                    JournalShape{tasks_, csv_fields(header.substr(0, header.size() - 1)).size()}, config_.resume);
  const auto& earlier = journal ? journal->earlier_rows() : none;
  const std::size_t pending = tasks_.size() - earlier.size();

  // Workers are started before anything is written: a sweep that cannot start writes nothing.
  const procs::InterruptWatch watch;
  const auto transport = pending > 0 ? make_transport(pending, worker_function()) : nullptr;
  if (!config_.out) out << header;
  RowCollector rows(tasks_, journal ? &*journal : nullptr, config_.out ? nullptr : &out, config_.progress);
  for (const auto& [task, row] : earlier) rows.take_earlier(task, row);
  if (transport) {
    try {
      schedule(*transport, tasks_not_in(earlier, tasks_.size()), columns.size(),
               [&](const TaskOutcome& outcome) { rows.take(outcome); });
    } catch (const ExitStatusError& stopped) {
      if (!journal || rows.done() == 0) throw;
      throw ExitStatusError(fmt::format("sweep: {}; {} of {} rows are in {}: the same sweep with --resume finishes it",
                                        stopped.what(), rows.done(), tasks_.size(), journal->path().string()),
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
