#include "hpcpp/diffusion/driver.hpp"

#include <fmt/core.h>

#include <unistd.h>

#include <algorithm>
#include <optional>

#include "hpcpp/core/atomic_file.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/float_repr.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/core/progress.hpp"
#include "hpcpp/core/wall_timer.hpp"
#include "hpcpp/diffusion/checkpoint.hpp"
#include "hpcpp/io/field_image.hpp"
#include "hpcpp/io/gif_animation.hpp"
#include "hpcpp/io/npy.hpp"
#include "hpcpp/io/png_image.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::diffusion {
namespace {

// Creates the last component only: a missing parent is a mistyped path, as for --save.
void ensure_directory(const std::filesystem::path& dir, std::string_view what) {
  const auto parent = dir.has_parent_path() && dir.has_filename() ? dir.parent_path() : dir.parent_path().parent_path();
  if (!parent.empty() && !std::filesystem::is_directory(parent))
    throw Error(fmt::format("{} {}: the directory {} does not exist", what, printable(dir.string()),
                            printable(parent.string())));
  std::error_code ec;
  std::filesystem::create_directory(dir, ec);
  if (!std::filesystem::is_directory(dir))
    throw Error(fmt::format("{} {}: cannot create directory: {}", what, printable(dir.string()), ec.message()));
}

// Frames of two runs in one directory would make one misleading sequence: a directory
// that already holds frames is refused (a restart continues its own run's frames).
void check_no_earlier_frames(const std::filesystem::path& dir, std::string_view what) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("frame_") && name.ends_with(".png"))
      throw Error(fmt::format("{} {}: already holds frames of another run ({}); remove them or choose another directory",
                              what, printable(dir.string()), printable(name)));
  }
}

void save_field(const std::filesystem::path& file, const Field& field) {
  io::write_npy_2d(file, field.data(), field.rows(), field.cols(), field.stride());
}

// Long stretches between outputs are advanced in pieces of about 5e8 point updates (0.1 to 1
// s), so the progress line moves at least about once a second. The piece depends on the
// grid only: every rank of a distributed run advances by the same steps.
std::int64_t steps_between_progress_updates(const Problem& problem) {
  constexpr double updates_per_piece = 5e8;
  const double points = static_cast<double>(problem.nrows) * static_cast<double>(problem.nrows);
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(updates_per_piece / points));
}

class OutputWriter {
 public:
  // Every output is checked here, before the first step, so a bad path fails at once and
  // not after the whole run. `active` is false on the ranks of a distributed run that
  // leave output to rank 0.
  OutputWriter(const Problem& problem, const RunOptions& options, std::ostream& out, bool active)
      : problem_(problem), options_(options), out_(out), active_(active) {
    if (!active_) return;
    if (options.save) check_writable(*options.save, "--save");
    if (options.checkpoint) check_writable(*options.checkpoint, "--checkpoint");
    if (options.snapshot_dir) {
      ensure_directory(*options.snapshot_dir, "--save-every");
      check_writable(*options.snapshot_dir / "dens_00000.npy", "--save-every");
    }
    if (options.frames_dir) {
      const std::string what = options.frames_what.empty() ? "--frames" : options.frames_what;
      ensure_directory(*options.frames_dir, what);
      if (!options.restart) check_no_earlier_frames(*options.frames_dir, what);
      check_writable(*options.frames_dir / "frame_00000.png", what);
    }
    if (options.animation) {
      check_writable(*options.animation, "--animation");
      animation_.emplace(options.plot.width, options.plot.height, animation_delay_centiseconds);
    }
  }

  // True when emit() reads the field (not only the time).
  bool reads_field() const { return options_.snapshot_dir || options_.frames_dir || options_.animation; }

  // Writes what is written once at the end: the animation.
  void finish() {
    if (animation_) {
      HPCPP_PROFILE_REGION("diff2d.animation");
      animation_->finish(*options_.animation);
    }
  }

  // What the lecture does at an output time: print simtime (and plot).
  void emit(std::int64_t step, double simtime, const Field& field) {
    if (!active_) return;
    HPCPP_PROFILE_REGION("diff2d.output");
    clear_progress_line();
    out_ << python_float_repr(simtime) << '\n' << std::flush;
    const std::int64_t index = step / problem_.nper;
    if (options_.snapshot_dir) {
      HPCPP_PROFILE_REGION("diff2d.snapshot");
      save_field(*options_.snapshot_dir / fmt::format("dens_{:05d}.npy", index), field);
    }
    if (options_.frames_dir || animation_) {
      HPCPP_PROFILE_REGION("diff2d.frame");
      const io::FieldView view{field.data(), field.rows(), field.cols(), field.stride()};
      const auto picture = io::render_field(view, extent(), options_.plot, fmt::format("simtime = {:.6g}", simtime));
      if (options_.frames_dir) io::write_png(*options_.frames_dir / fmt::format("frame_{:05d}.png", index), picture);
      if (animation_) animation_->add(picture);
    }
    if (options_.on_output) options_.on_output(step, simtime, field);
  }

 private:
  static constexpr int animation_delay_centiseconds = 20;

  // The grid's points are pixel centres: the picture reaches half a step beyond them.
  io::Extent extent() const {
    const double low = problem_.x.front() - problem_.dx / 2;
    const double high = problem_.x.back() + problem_.dx / 2;
    return {low, high, low, high};
  }

  const Problem& problem_;
  const RunOptions& options_;
  std::ostream& out_;
  bool active_;
  std::optional<io::GifAnimation> animation_;
};

// Refuses a grid whose fields (the backends hold up to three) cannot fit in memory, before
// the allocation succeeds on overcommit and the kernel kills the run halfway.
void check_memory(const Problem& problem) {
  const double needed = 3.0 * static_cast<double>(problem.npnts) * static_cast<double>(problem.npnts) * sizeof(double);
  const double available = static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE));
  if (available > 0 && needed > available)
    throw Error(fmt::format("a grid of {} x {} points needs {:.1f} GiB, more than this machine's {:.1f} GiB (raise dx)",
                            problem.npnts, problem.npnts, needed / (1 << 30), available / (1 << 30)));
}

}  // namespace

RunResult run_diff2d(const Problem& problem, const RunOptions& options, std::ostream& out) {
  std::optional<profile::Region> setup(std::in_place, profile::site("diff2d.setup"));
  check_memory(problem);
  auto backend = make_backend(options.backend, problem, options.backend_options);
  const bool writes = backend->writes_output();
  OutputWriter writer(problem, options, out, writes);
  if (options.checkpoint_every < 0) throw Error("--checkpoint-every must be >= 0");
  const std::int64_t checkpoint_every = options.checkpoint_every > 0 ? options.checkpoint_every : problem.nper;
  setup.reset();

  RunResult run;
  if (options.restart) {
    HPCPP_PROFILE_REGION("diff2d.restart");
    Checkpoint state = read_checkpoint(*options.restart, problem);
    run.field = std::move(state.field);
    run.steps = state.step;
    run.simtime = state.simtime;
  } else {
    {
      HPCPP_PROFILE_REGION("diff2d.initial_field");
      run.field = problem.initial_field();
    }
    run.simtime = problem.time_after(0);
    writer.emit(0, run.simtime, run.field);
  }

  Progress progress("step", problem.nsteps);
  const std::int64_t steps_per_piece = steps_between_progress_updates(problem);
  while (run.steps < problem.nsteps) {
    std::int64_t target = std::min(problem.nsteps, (run.steps / problem.nper + 1) * problem.nper);
    if (options.checkpoint) target = std::min(target, (run.steps / checkpoint_every + 1) * checkpoint_every);
    target = std::min(target, run.steps + steps_per_piece);
    WallTimer compute;
    {
      HPCPP_PROFILE_REGION("diff2d.advance");
      backend->advance(run.field, target - run.steps);
    }
    run.compute_seconds += compute.seconds();
    for (; run.steps < target; ++run.steps) run.simtime += problem.dt;

    const bool output_time = run.steps % problem.nper == 0;
    const bool checkpoint_time = options.checkpoint && run.steps % checkpoint_every == 0;
    if ((output_time && writer.reads_field()) || checkpoint_time) {
      HPCPP_PROFILE_REGION("diff2d.fetch");
      backend->fetch(run.field);
    }
    if (output_time) writer.emit(run.steps, run.simtime, run.field);
    if (checkpoint_time && writes) {
      HPCPP_PROFILE_REGION("diff2d.checkpoint");
      write_checkpoint(*options.checkpoint, problem, run.steps, run.simtime, run.field);
    }
    if (options.progress && writes) progress.update(run.steps, fmt::format("simtime {:.4g}", run.simtime));
  }
  progress.finish();
  out.flush();
  writer.finish();
  {
    HPCPP_PROFILE_REGION("diff2d.fetch");
    backend->fetch(run.field);
  }
  if (options.save && writes) {
    HPCPP_PROFILE_REGION("diff2d.save");
    save_field(*options.save, run.field);
  }
  run.backend_report = backend->report();
  return run;
}

}  // namespace hpcpp::diffusion
