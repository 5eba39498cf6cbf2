// hpcpp diff2d PARAMS: the lecture's 2D diffusion solver.
#include <fmt/core.h>

#include <iostream>

#include "commands.hpp"
#include "option_checks.hpp"
#include "hpcpp/core/elapsed_text.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/diffusion/driver.hpp"
#include "hpcpp/diffusion/halo_strategy.hpp"
#include "hpcpp/diffusion/row_kernels.hpp"
#include "hpcpp/mpi/backend_for_ranks.hpp"
#include "hpcpp/diffusion/thread_count.hpp"
#include "hpcpp/io/plot_options.hpp"
#include "hpcpp/mpi/environment.hpp"
#include "hpcpp/params/diff2d_params.hpp"

namespace hpcpp::cli {
namespace {

struct Diff2dConfig {
  std::string params_file;
  std::vector<std::string> overrides;
  bool list_backends = false;
  bool verbose = false;
  bool no_progress = false;
  bool backend_given = false;
  bool threads_given = false;
  std::string save, save_every, frames, checkpoint, restart;
  std::string animation, frame_size, color_range;
  diffusion::RunOptions run;
};

void list_backends() {
  for (const auto& info : diffusion::backends())
    fmt::print("{:<12}{}{}\n", info.name, info.description,
               info.name == diffusion::default_backend_name() ? " (default)" : "");
}

void describe(const diffusion::Problem& p, const diffusion::RunOptions& run) {
  fmt::print(stderr, "diff2d: {} x {} interior points, dx = {}, dt = {}, {} steps, output every {} steps\n", p.nrows,
             p.nrows, p.dx, p.dt, p.nsteps, p.nper);
  if (run.backend == "auto") {
    const auto choice = diffusion::choose_backend(p, run.backend_options);
    fmt::print(stderr, "diff2d: backend auto -> {} ({})\n", choice.name, choice.reason);
  } else {
    fmt::print(stderr, "diff2d: backend {}\n", run.backend);
  }
  fmt::print(stderr, "diff2d: vector instructions {}, {} thread(s)\n",
             diffusion::simd_level_name(diffusion::detect_simd_level()),
             diffusion::resolve_thread_count(run.backend_options.threads));
}

std::optional<std::filesystem::path> path_or_none(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return std::filesystem::path(text);
}

// One rank's run (the whole run without MPI); rank 0 alone speaks.
void run_rank(Diff2dConfig& c, int rank, int ranks) {
  // OMP_NUM_THREADS is checked as --threads is, whether or not the backend starts threads.
  c.run.backend_options.threads = diffusion::resolve_thread_count(c.run.backend_options.threads);
  if (c.params_file.empty()) throw Error("diff2d: a parameter file is required (e.g. examples/diff2dparams.py)");
  const auto params = params::load_diff2d_params(c.params_file, c.overrides);
  const auto problem = diffusion::Problem::from_params(params);
  c.run.save = path_or_none(c.save);
  c.run.snapshot_dir = path_or_none(c.save_every);
  c.run.frames_dir = path_or_none(c.frames);
  c.run.animation = path_or_none(c.animation);
  c.run.plot = io::plot_options_from_text(c.frame_size, c.color_range);
  const bool graphics_frames = !c.run.frames_dir && !c.run.animation && params.graphics;
  if (graphics_frames) {
    c.run.frames_dir = "diff2d_frames";
    c.run.frames_what = "graphics = True: frames directory";
  }
  c.run.checkpoint = path_or_none(c.checkpoint);
  c.run.restart = path_or_none(c.restart);
  c.run.progress = !c.no_progress;
  c.run.backend = mpi::backend_for_ranks("diff2d", c.run.backend, c.backend_given, ranks);
  const bool speaks = rank == 0;
  if (c.threads_given && speaks && diffusion::runs_on_one_thread(c.run.backend))
    note_no_effect("--threads", fmt::format("with --backend {}", c.run.backend));
  if (c.verbose && speaks) describe(problem, c.run);
  const std::int64_t first_step = c.run.restart ? -1 : 0;
  const auto result = diffusion::run_diff2d(problem, c.run, std::cout);
  if (graphics_frames && speaks)
    fmt::print(stderr, "diff2d: graphics = True: frames written to {}/frame_NNNNN.png\n", c.run.frames_dir->string());
  if (!c.verbose || !speaks) return;
  if (first_step == 0 && result.compute_seconds > 0) {
    const double updates = static_cast<double>(problem.nrows * problem.nrows) * static_cast<double>(result.steps);
    fmt::print(stderr, "diff2d: compute of {} steps: {}, {:.3f} G point updates/s, {:.3f} ns per update\n",
               result.steps, elapsed_text(result.compute_seconds), updates / result.compute_seconds / 1e9,
               result.compute_seconds / updates * 1e9);
  }
  if (!result.backend_report.empty()) fmt::print(stderr, "diff2d: {}\n", result.backend_report);
}

void run(Diff2dConfig& c) {
  if (c.list_backends) {
    list_backends();
    return;
  }
  // Under mpirun even a single-node backend joins the job, to learn whether it is alone.
  const bool use_mpi = c.run.backend == mpi::distributed_backend || mpi::started_by_launcher();
  mpi::run_as_rank(use_mpi, "diff2d --backend mpi", [&](int rank, int ranks) { run_rank(c, rank, ranks); });
}

}  // namespace

void add_diff2d_command(CLI::App& app, int& /*exit_code*/) {
  auto config = std::make_shared<Diff2dConfig>();
  auto* cmd = app.add_subcommand("diff2d", "2D diffusion: the lecture's running example (prints simtime at output times)");
  cmd->add_option("params", config->params_file, "Parameter file in the lecture's diff2dparams.py format (read as data)");
  cmd->add_option("--set", config->overrides, "Override a parameter, e.g. --set dx=0.1 (repeatable)");
  auto* backend = cmd->add_option("--backend", config->run.backend, "Backend (see --list-backends)")
                      ->default_str(diffusion::default_backend_name());
  cmd->add_option("--halo", config->run.backend_options.halo,
                  "Halo exchange of the mpi backend, STRATEGY[:DEPTH]: sendrecv, nonblocking or neighbor, with DEPTH "
                  "ghost layers exchanged every DEPTH steps (default: 1 where a rank's block fits in its cache, "
                  "otherwise deep enough for cache-blocked passes; never more than the thinnest block)")
      ->check(CLI::Validator([](std::string& text) { return diffusion::halo_setting_problem(text); }, "STRATEGY[:DEPTH]"))
      ->capture_default_str();
  cmd->add_flag("--list-backends", config->list_backends, "List the backends and exit");
  auto* threads = cmd->add_option("--threads", config->run.backend_options.threads, "Threads for threaded backends (0: OMP_NUM_THREADS or all cores)")
      ->transform(thread_count(true));
  cmd->add_option("--save", config->save, "Write the final field (with boundaries) to this .npy file");
  cmd->add_option("--save-every", config->save_every, "Write dens_NNNNN.npy into this directory at each output time");
  cmd->add_option("--frames", config->frames,
                  "Write frame_NNNNN.png into this directory at each output time (graphics = True writes to diff2d_frames); "
                  "a directory holding frames of another run is refused");
  cmd->add_option("--animation", config->animation, "Write the pictures of every output time as one animated GIF");
  cmd->add_option("--frame-size", config->frame_size, "Size of frames and animation in pixels, WIDTHxHEIGHT (default 640x480)");
  cmd->add_option("--color-range", config->color_range,
                  "Values at the colour bar's ends, LOW:HIGH (default: each picture its own min..max, as imshow)");
  cmd->add_option("--checkpoint", config->checkpoint, "Write a restartable checkpoint to this file");
  cmd->add_option("--checkpoint-every", config->run.checkpoint_every, "Checkpoint every K steps (default: at each output time)")
      ->transform(integer_in(1));
  cmd->add_option("--restart", config->restart, "Continue the run saved in this checkpoint (same parameters)");
  cmd->add_flag("--no-progress", config->no_progress, "Never draw the progress line on stderr");
  cmd->add_flag("-v,--verbose", config->verbose, "Describe the grid and the backend on stderr");
  cmd->callback([config, backend, threads] {
    config->backend_given = backend->count() > 0;
    config->threads_given = threads->count() > 0;
    run(*config);
  });
}

}  // namespace hpcpp::cli
