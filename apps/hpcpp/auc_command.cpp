// hpcpp auc [N]: the lecture's area under the curve 0.7x^3 - 2x^2 + 4 on [0, 3].
#include <fmt/core.h>

#include <cstdio>

#include "commands.hpp"
#include "option_checks.hpp"
#include "hpcpp/auc/backend.hpp"
#include "hpcpp/auc/curve.hpp"
#include "hpcpp/auc/exact_riemann.hpp"
#include "hpcpp/core/default_threads.hpp"
#include "hpcpp/core/float_repr.hpp"
#include "hpcpp/mpi/backend_for_ranks.hpp"
#include "hpcpp/mpi/environment.hpp"

namespace hpcpp::cli {
namespace {

struct AucConfig {
  auc::AucOptions options;
  std::string backend = auc::default_auc_backend();
  bool show_error = false;
  bool list_backends = false;
  bool backend_given = false;
  // Threads in this process, or forked processes: which one a backend starts decides which
  // option it reads. --workers, the earlier spelling, counts for either.
  int threads = 0, procs = 0, workers = 0;
  const CLI::Option *threads_option = nullptr, *procs_option = nullptr, *workers_option = nullptr;
};

// The count the backend starts (0: the default) under the name of its option; the other
// options given are noted as doing nothing.
int worker_count(const AucConfig& c, const std::string& backend, bool speaks) {
  using auc::Parallelism;
  const Parallelism kind = auc::parallelism_of(backend);
  const bool threads_given = c.threads_option->count() > 0, procs_given = c.procs_option->count() > 0;
  const bool workers_given = c.workers_option->count() > 0;
  if (speaks) {
    const std::string why = fmt::format("with --backend {}", backend);
    if (threads_given && kind != Parallelism::threads) note_no_effect("--threads", why);
    if (procs_given && kind != Parallelism::procs) note_no_effect("--procs", why);
    if (workers_given && kind == Parallelism::none) note_no_effect("--workers", why);
  }
  const bool procs = kind == Parallelism::procs;
  const bool own_given = procs ? procs_given : threads_given;
  const int requested = own_given ? (procs ? c.procs : c.threads) : (workers_given ? c.workers : 0);
  // OMP_NUM_THREADS is checked as the option is, whether or not the backend starts workers.
  return thread_count_or_default(requested, procs ? "--procs" : "--threads");
}

void run(const AucConfig& c) {
  if (c.list_backends) {
    for (const auto& info : auc::auc_backends())
      fmt::print("{:<12}{}{}\n", info.name, info.description, info.name == auc::default_auc_backend() ? " (default)" : "");
    return;
  }
  // Under mpirun even a single-node backend joins the job, to learn whether it is alone.
  const bool use_mpi = c.backend == mpi::distributed_backend || mpi::started_by_launcher();
  mpi::run_as_rank(use_mpi, "auc --backend mpi", [&](int rank, int ranks) {
    const std::string backend = mpi::backend_for_ranks("auc", c.backend, c.backend_given, ranks);
    auc::AucOptions options = c.options;
    options.workers = worker_count(c, backend, rank == 0);
    const double area = auc::area_under_curve(backend, options);
    if (rank != 0) return;
    fmt::print("The area is {}\n", python_float_repr(area));
    if (c.show_error) {
      const long double riemann = auc::exact_left_riemann(c.options.n);
      fmt::print("quadrature error (left Riemann sum - 8.175): {:.6e}\n", static_cast<double>(riemann - 8.175L));
      fmt::print("rounding error (result - exact left Riemann sum): {:.6e}\n", static_cast<double>(area - riemann));
    }
    std::fflush(stdout);
  });
}

}  // namespace

void add_auc_command(CLI::App& app, int& /*exit_code*/) {
  auto config = std::make_shared<AucConfig>();
  auto* cmd = app.add_subcommand("auc", "Area under 0.7x^3 - 2x^2 + 4 on [0, 3] (exactly 8.175) by a left Riemann sum");
  cmd->add_option("N", config->options.n, "Number of points")->capture_default_str()->transform(integer_in(1, auc::max_points));
  auto* backend = cmd->add_option("--backend", config->backend, "Backend (see --list-backends; under mpirun with several ranks: mpi)")
                      ->capture_default_str();
  config->threads_option =
      cmd->add_option("--threads", config->threads, "Threads of the threads and expr backends (default: OMP_NUM_THREADS, else the cores)")
          ->transform(thread_count());
  config->procs_option =
      cmd->add_option("--procs", config->procs, "Processes of the processes backend (default: OMP_NUM_THREADS, else the cores)")
          ->transform(thread_count());
  config->workers_option = add_hidden_alias(*cmd, "--workers", config->workers, thread_count());
  cmd->add_flag("--show-error", config->show_error, "Also print the quadrature and the rounding error");
  cmd->add_flag("--list-backends", config->list_backends, "List the backends and exit");
  cmd->callback([config, backend] {
    config->backend_given = backend->count() > 0;
    run(*config);
  });
}

}  // namespace hpcpp::cli
