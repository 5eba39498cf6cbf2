// hpcpp.diff2d(params, backend, threads, callback): the lecture's 2D diffusion on the
// library's driver, the final field handed to numpy without a copy.
#include <fmt/core.h>
#include <pybind11/stl.h>
#include <pybind11/numpy.h>

#include <fstream>
#include <optional>
#include <ostream>

#include "bindings.hpp"
#include "errors.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/diffusion/driver.hpp"
#include "hpcpp/params/diff2d_params.hpp"

namespace hpcpp::python {
namespace {

using namespace pybind11::literals;

struct Diff2dResult {
  py::array field;
  std::vector<double> simtimes;
  std::int64_t steps = 0;
};

// A float64 array over the field's rows (each padded to 64 bytes), owned by `owner`.
py::array field_array(const diffusion::Field& field, py::handle owner) {
  const auto item = static_cast<py::ssize_t>(sizeof(double));
  return py::array(py::dtype::of<double>(), {field.rows(), field.cols()}, {field.stride() * item, item}, field.data(),
                   owner);
}

params::Diff2dParams params_from(const py::handle& params) {
  if (py::isinstance<py::dict>(params)) {
    std::vector<std::pair<std::string, std::string>> values;
    for (const auto& [key, value] : py::reinterpret_borrow<py::dict>(params))
      values.emplace_back(py::str(key), py::repr(value));
    return params::diff2d_params_from_values(values, "params");
  }
  if (!py::isinstance<py::str>(params) && !py::hasattr(params, "__fspath__"))
    raise(PyExc_TypeError, "params must be a parameter file's path or a dict of D, x1, x2, runtime, dx, outtime, graphics");
  const std::string path = py::str(py::module_::import("os").attr("fspath")(params));
  try {
    return params::load_diff2d_params(path);
  } catch (const Error& e) {
    // A file that cannot be opened is an OSError, as open() would raise.
    if (!std::ifstream(path)) raise(PyExc_OSError, e.what());
    throw;
  }
}

Diff2dResult diff2d(const py::handle& params, const std::string& backend, const std::optional<std::int64_t>& threads,
                    const py::object& callback) {
  const auto problem = diffusion::Problem::from_params(params_from(params));
  if (threads) check_thread_keyword("threads", *threads, 0);
  if (!callback.is_none() && !PyCallable_Check(callback.ptr())) raise(PyExc_TypeError, "callback must be callable");
  diffusion::RunOptions options;
  options.backend = backend;
  options.backend_options.threads = static_cast<int>(threads.value_or(0));
  options.progress = false;
  Diff2dResult result;
  options.on_output = [&](std::int64_t, double simtime, const diffusion::Field& field) {
    result.simtimes.push_back(simtime);
    if (callback.is_none()) return;
    py::gil_scoped_acquire gil;
    // A copy: the backend keeps changing (and finally frees) the field the driver shows.
    const py::array snapshot = field_array(field, py::none()).attr("copy")();
    snapshot.attr("setflags")("write"_a = false);
    callback(simtime, snapshot);
  };
  std::ostream discard(nullptr);  // the times are returned, not printed
  diffusion::RunResult run;
  {
    py::gil_scoped_release unlocked;
    run = diffusion::run_diff2d(problem, options, discard);
  }
  auto* field = new diffusion::Field(std::move(run.field));
  const py::capsule owner(field, [](void* f) { delete static_cast<diffusion::Field*>(f); });
  result.field = field_array(*field, owner);
  result.steps = run.steps;
  return result;
}

}  // namespace

void bind_diff2d(py::module_& m) {
  py::class_<Diff2dResult>(m, "Diff2dResult")
      .def_readonly("field", &Diff2dResult::field, "The final density, (npnts, npnts) float64, boundaries included.")
      .def_readonly("simtimes", &Diff2dResult::simtimes, "The simulated time at each output, as the lecture prints it.")
      .def_readonly("steps", &Diff2dResult::steps, "Time steps taken.")
      .def("__repr__", [](const Diff2dResult& r) {
        return fmt::format("Diff2dResult(steps={}, outputs={}, field shape=({}, {}))", r.steps, r.simtimes.size(),
                           r.field.shape(0), r.field.shape(1));
      });
  m.def("diff2d", &diff2d, "params"_a, "backend"_a = "auto", "threads"_a = py::none(), "callback"_a = py::none(),
        "Runs the lecture's 2D diffusion. params: a diff2dparams.py path (read as data) or a dict\n"
        "of D, x1, x2, runtime, dx, outtime, graphics. callback(simtime, field) is called at every\n"
        "output time with a read-only copy of the field. The GIL is released while stepping.\n"
        "The result's .field is bit-identical to `hpcpp diff2d PARAMS --save`.");
}

}  // namespace hpcpp::python
