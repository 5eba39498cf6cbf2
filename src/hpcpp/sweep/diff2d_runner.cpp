#include "hpcpp/sweep/diff2d_runner.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <ostream>
#include <streambuf>

#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/float_repr.hpp"
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
    for (const auto& value : axis.values)
      if (!params::parse_python_number(value))
        throw Error(fmt::format("--param {}: value '{}' is not a number", axis.name, value));
  }
}

class Diff2dRunner final : public TaskRunner {
 public:
  explicit Diff2dRunner(Diff2dSweep sweep) : sweep_(std::move(sweep)) {}

  std::vector<std::string> result_columns() const override { return {"steps", "simtime", "mass", "peak"}; }

  void run(const std::vector<std::string>& values, TaskOutcome& outcome) override {
    std::vector<std::string> overrides;
    for (std::size_t i = 0; i < values.size(); ++i) overrides.push_back(sweep_.names[i] + "=" + values[i]);
    auto params = params::load_diff2d_params(sweep_.params_file, overrides);
    params.graphics = false;
    const auto problem = diffusion::Problem::from_params(params);
    diffusion::RunOptions options;
    if (!sweep_.backend.empty()) options.backend = sweep_.backend;
    options.backend_options.threads = sweep_.threads;
    options.progress = false;
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
  if (!sweep.backend.empty()) {
    std::vector<std::string> known;
    for (const auto& info : diffusion::backends()) known.push_back(info.name);
    if (std::find(known.begin(), known.end(), sweep.backend) == known.end())
      throw Error(fmt::format("--backend: unknown backend '{}' (did you mean '{}'?)", sweep.backend,
                              closest_name(sweep.backend, known)));
  }
  return std::make_unique<Diff2dRunner>(sweep);
}

}  // namespace hpcpp::sweep
