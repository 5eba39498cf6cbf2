#pragma once
// Runs the lecture's time loop with any backend: prints simtime at every output time,
// and writes snapshots, frames and checkpoints. Backends only advance the field.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/diffusion/field.hpp"
#include "hpcpp/diffusion/problem.hpp"
#include "hpcpp/io/field_image.hpp"

namespace hpcpp::diffusion {

struct RunOptions {
  std::string backend = default_backend_name();
  BackendOptions backend_options;
  std::optional<std::filesystem::path> save;          // final field, .npy
  std::optional<std::filesystem::path> snapshot_dir;  // dens_NNNNN.npy at each output time
  std::optional<std::filesystem::path> frames_dir;    // frame_NNNNN.png at each output time
  std::string frames_what;                            // names frames_dir in messages ("--frames")
  std::optional<std::filesystem::path> animation;     // every output time as one animated GIF
  io::PlotOptions plot;                               // frames' and animation's size and colours
  std::optional<std::filesystem::path> checkpoint;    // written every checkpoint_every steps
  std::int64_t checkpoint_every = 0;                  // 0: at every output time
  std::optional<std::filesystem::path> restart;       // continue from this checkpoint
  bool progress = true;                               // on stderr, if it is a terminal
  // Called at every output time, after simtime is printed (the Python module's callback).
  std::function<void(std::int64_t step, double simtime, const Field& field)> on_output;
};

struct RunResult {
  Field field;  // in a distributed run, complete on the rank that writes output only
  std::int64_t steps = 0;
  double simtime = 0;
  double compute_seconds = 0;  // wall time inside the backend
  std::string backend_report;  // what the backend measured (Backend::report)
};

RunResult run_diff2d(const Problem& problem, const RunOptions& options, std::ostream& out);

}  // namespace hpcpp::diffusion
