#include "hpcpp/sweep/diff2d_runner.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <optional>
#include <ostream>
#include <streambuf>

#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/float_repr.hpp"
#include "hpcpp/core/thread_limit.hpp"
#include "hpcpp/diffusion/driver.hpp"
#include "hpcpp/params/diff2d_params.hpp"
#include "hpcpp/params/python_literal.hpp"

namespace hpcpp::sweep {
namespace {

// The simtime lines a diff2d run prints go nowhere in a sweep.
class DiscardBuffer final : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

std::vector<std::string> sweepable_names() {
  auto names = params::diff2d_keys();
  names.erase(std::remove(names.begin(), names.end(), "graphics"), names.end());
  return names;
}

void check_swept_names(const TaskList& tasks) {
  const auto allowed = sweepable_names();
  for (const auto& axis : tasks.axes()) {
    if (std::find(allowed.begin(), allowed.end(), axis.name) == allowed.end())
      throw Error(fmt::format("--param {}: unknown diff2d parameter (did you mean '{}'?)", axis.name,
                              closest_name(axis.name, allowed)));
    for (const auto& value : axis.listed_values())
      if (!params::parse_python_number(value))
        throw Error(fmt::format("--param {}: value '{}' is not a number", axis.name, value));
  }
}

// Overrides for one task: NAME=VALUE for every swept parameter.
std::vector<std::string> overrides_of(const std::vector<std::string>& names, const std::vector<std::string>& values) {
  std::vector<std::string> overrides;
  for (std::size_t i = 0; i < values.size(); ++i) overrides.push_back(names[i] + "=" + values[i]);
  return overrides;
}

diffusion::RunOptions run_options(const Diff2dSweep& sweep) {
  diffusion::RunOptions options;
  if (!sweep.backend.empty()) options.backend = sweep.backend;
  options.backend_options.threads = sweep.threads;
  options.progress = false;
  return options;
}

// Options that would fail every task fail the sweep once, before the first: the backend is
// made for the first task's problem (a problem that fails is that task's failure).
void check_run_options(const Diff2dSweep& sweep, const TaskList& tasks) {
  check_thread_count(sweep.threads, "--threads");
  const auto options = run_options(sweep);
  const auto& known = diffusion::backends();
  const auto info = std::find_if(known.begin(), known.end(), [&](const auto& b) { return b.name == options.backend; });
  if (info == known.end()) {
    std::vector<std::string> names;
    for (const auto& b : known) names.push_back(b.name);
    throw Error(fmt::format("--backend: unknown backend '{}' (did you mean '{}'?)", options.backend,
                            closest_name(options.backend, names)));
  }
  if (info->needs_mpi_job)
    throw Error(fmt::format("--backend {}: a sweep task is one process; this backend needs an MPI job of its own "
                            "(run diff2d under mpirun instead)", options.backend));
  std::optional<diffusion::Problem> first;
  try {
    auto params = params::load_diff2d_params(sweep.params_file, overrides_of(sweep.names, tasks.values(0)));
    params.graphics = false;
    first = diffusion::Problem::from_params(params);
  } catch (const Error&) {
    return;
  }
  diffusion::make_backend(options.backend, *first, options.backend_options);
}

class Diff2dRunner final : public TaskRunner {
 public:
  explicit Diff2dRunner(Diff2dSweep sweep) : sweep_(std::move(sweep)) {}

  std::vector<std::string> result_columns() const override { return {"steps", "simtime", "mass", "peak"}; }

  void run(const std::vector<std::string>& values, TaskOutcome& outcome) override {
    auto params = params::load_diff2d_params(sweep_.params_file, overrides_of(sweep_.names, values));
    params.graphics = false;
    const auto problem = diffusion::Problem::from_params(params);
    const auto options = run_options(sweep_);
    DiscardBuffer discard;
    std::ostream nowhere(&discard);
    const auto result = diffusion::run_diff2d(problem, options, nowhere);

    double sum = 0;
    double peak = result.field.at(0, 0);
    for (std::int64_t i = 0; i < result.field.rows(); ++i)
      for (std::int64_t j = 0; j < result.field.cols(); ++j) {
        sum += result.field.at(i, j);
        peak = std::max(peak, result.field.at(i, j));
      }
    outcome.ok = true;
    outcome.status = "ok";
    outcome.fields = {std::to_string(result.steps), python_float_repr(result.simtime),
                      python_float_repr(sum * diffusion::python_square(problem.dx)), python_float_repr(peak)};
  }

 private:
  Diff2dSweep sweep_;
};

}  // namespace

std::unique_ptr<TaskRunner> make_diff2d_runner(const Diff2dSweep& sweep, const TaskList& tasks) {
  check_swept_names(tasks);
  params::load_diff2d_params(sweep.params_file);  // a bad PARAMS file stops the sweep before it starts
  check_run_options(sweep, tasks);
  return std::make_unique<Diff2dRunner>(sweep);
}

}  // namespace hpcpp::sweep
