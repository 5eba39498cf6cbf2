// hpcpp sweep: parameter sweeps over a pool of worker processes, or over MPI ranks under mpirun.
#include <fmt/core.h>

#include <iostream>

#include "commands.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/sweep/run_sweep.hpp"
#include "option_checks.hpp"

namespace hpcpp::cli {
namespace {

struct SweepOptions {
  sweep::SweepConfig config;
  std::vector<std::string> words;  // PARAMS, or the command after --exec --
  bool exec = false;
  bool no_progress = false;
  int procs = 0;
  std::string out;
  std::int64_t kill_worker_at = -1;
  std::int64_t kill_worker_always = -1;
};

constexpr const char* examples = R"(Examples:
  hpcpp sweep examples/diff2dparams.py --param D=0.5,1,2 --param dx=0.2,0.1 --out results.csv
  hpcpp sweep examples/diff2dparams.py --param dx=0.05:0.2:4 --procs 2    # 0.05, 0.1, 0.15..., 0.2
  hpcpp sweep --param n=1000,1000000 --exec -- hpcpp auc {n}
  hpcpp sweep PARAMS --param D=0.5:2:16 --out r.csv --resume              # after an interruption
  mpirun -np 4 hpcpp sweep PARAMS --param D=0.5:2:16 --out r.csv           # rank 0 hands out, ranks 1-3 compute

Tasks: the cartesian product of the --param lists, the first --param varying slowest.
CSV: task, the swept values, status (ok or the error), then steps, simtime, mass (sum of
the final field times dx**2), peak, seconds -- or, with --exec, exit and output (the last
line the command printed). Rows in task order whatever the number of workers. A failed
task is recorded and the sweep goes on (exit code 1 at the end); a task whose process is
killed runs once more. With --out, finished rows are kept in OUT.journal (from the first
finished task on) until the sweep ends, so --resume continues a sweep that was killed; a
journal record that does not fit the sweep (fields, task number, values) stops --resume
with its FILE:LINE (delete the journal to start anew). Values holding a comma, a quote or
a line break are quoted (RFC 4180). At most 10000000 tasks.)";

sweep::SweepSummary run(SweepOptions& o) {
  auto& c = o.config;
  if (o.exec) {
    c.exec_argv = o.words;
  } else if (o.words.size() > 1) {
    throw Error(fmt::format("sweep: one parameter file expected, got '{}' and '{}' (a command goes after --exec --)",
                            o.words[0], o.words[1]));
  } else if (!o.words.empty()) {
    c.params_file = o.words[0];
  }
  if (c.noop && (o.exec || !o.words.empty())) throw Error("sweep: --noop runs no program: drop PARAMS and --exec");
  if (!o.out.empty()) c.out = o.out;
  c.progress = !o.no_progress;
  if (o.kill_worker_at >= 0) c.kill_worker_at = static_cast<std::uint64_t>(o.kill_worker_at);
  if (o.kill_worker_always >= 0) {
    c.kill_worker_at = static_cast<std::uint64_t>(o.kill_worker_always);
    c.kill_worker_always = true;
  }
  return sweep::run_sweep(std::move(c), o.procs, std::cout);
}

}  // namespace

void add_sweep_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<SweepOptions>();
  auto* cmd = app.add_subcommand("sweep", "Parameter sweep: one diff2d run (or command) per combination, on a pool of workers or MPI ranks");
  cmd->add_option("params", o->words, "Parameter file (diff2dparams.py format); with --exec: the command and its arguments");
  cmd->add_option("--param", o->config.params, "NAME=V1,V2,... or NAME=FROM:TO:COUNT (ends included); repeatable")
      ->expected(1)
      ->take_all();
  cmd->add_option("--out", o->out, "Write the CSV to this file (default: standard output)");
  cmd->add_option("--procs", o->procs, "Worker processes (default: the number of cores)")->transform(thread_count());
  cmd->add_option("--threads", o->config.threads, "Threads per task (diff2d's --threads; OMP_NUM_THREADS for --exec)")
      ->capture_default_str()
      ->transform(thread_count());
  cmd->add_option("--backend", o->config.backend, "diff2d backend for every task (see hpcpp diff2d --list-backends)");
  cmd->add_flag("--resume", o->config.resume, "Continue an interrupted sweep from OUT.journal (same parameters)");
  cmd->add_flag("--exec", o->exec, "Run a command per task instead of diff2d: --exec -- CMD ARG... ({name}: the task's value)");
  cmd->add_flag("--noop", o->config.noop, "Run empty tasks (measures the sweep's own cost per task)");
  cmd->add_flag("--no-progress", o->no_progress, "Never draw the progress line on stderr");
  cmd->add_option("--test-kill-worker", o->kill_worker_at, "")->group("");
  cmd->add_option("--test-kill-worker-always", o->kill_worker_always, "")->group("");
  cmd->footer(examples);
  cmd->callback([o, &exit_code] {
    const auto summary = run(*o);
    if (summary.failed > 0) {
      fmt::print(stderr, "hpcpp: sweep: {} of {} tasks failed\n", summary.failed, summary.total);
      exit_code = 1;
    }
  });
}

}  // namespace hpcpp::cli
