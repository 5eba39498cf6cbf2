// hpcpp.diff2d(params, backend, threads, callback, frames, animation, save, frame_size, color_range, **overrides): the
// lecture's 2D diffusion on the library's driver, the final field handed to numpy without a copy.
#include <fmt/core.h>
#include <pybind11/stl.h>
#include <pybind11/numpy.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>

#include "bindings.hpp"
#include "errors.hpp"
#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/float_repr.hpp"
#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/diffusion/driver.hpp"
#include "hpcpp/io/plot_options.hpp"
#include "hpcpp/params/diff2d_params.hpp"

namespace hpcpp::python {
namespace {

using namespace pybind11::literals;

struct Diff2dResult {
  py::array field;
  std::vector<double> simtimes;
  std::int64_t steps = 0;
  py::array x;  // the grid's coordinates along either axis, boundaries included
  double dx = 0;
  double dt = 0;
};

// A float64 array over the field's rows (each padded to 64 bytes), owned by `owner`.
py::array field_array(const diffusion::Field& field, py::handle owner) {
  const auto item = static_cast<py::ssize_t>(sizeof(double));
  return py::array(py::dtype::of<double>(), {field.rows(), field.cols()}, {field.stride() * item, item}, field.data(),
                   owner);
}

using Values = std::map<std::string, std::string>;

// The text of a Python literal with the number's value: read through the number protocol,
// never through repr (numpy 2 writes np.float64(0.1)), so numpy scalars count as numbers.
std::string number_text(const py::handle& value, const std::string& key) {
  PyObject* object = value.ptr();
  const bool numpy_bool = py::hasattr(value, "dtype") && py::str(value.attr("dtype").attr("kind")).cast<std::string>() == "b";
  if (PyBool_Check(object) || numpy_bool) {
    const int truth = PyObject_IsTrue(object);
    if (truth < 0) throw py::error_already_set();
    return truth ? "True" : "False";
  }
  if (PyIndex_Check(object)) return py::str(py::reinterpret_steal<py::object>(PyNumber_Index(object)));
  if (PyNumber_Check(object) && !PyComplex_Check(object)) {
    const double number = PyFloat_AsDouble(object);
    if (number == -1.0 && PyErr_Occurred()) throw py::error_already_set();
    return python_float_repr(number);
  }
  raise(PyExc_TypeError, fmt::format("params['{}']: must be a number (True or False for graphics), got {}", key,
                                     py::str(py::type::of(value).attr("__name__")).cast<std::string>()));
}

Values texts_of(const params::Diff2dParams& p) {
  return {{"D", python_float_repr(p.D)},           {"x1", python_float_repr(p.x1)},
          {"x2", python_float_repr(p.x2)},         {"runtime", python_float_repr(p.runtime)},
          {"dx", python_float_repr(p.dx)},         {"outtime", python_float_repr(p.outtime)},
          {"graphics", p.graphics ? "True" : "False"}};
}

void overlay(Values& values, const py::dict& given) {
  for (const auto& [key, value] : given) {
    const std::string name = py::str(key);
    values[name] = number_text(value, name);
  }
}

params::Diff2dParams checked(const Values& values) {
  return params::diff2d_params_from_values({values.begin(), values.end()}, "params");
}

params::Diff2dParams file_params(const py::handle& params) {
  const std::string path = py::str(py::module_::import("os").attr("fspath")(params));
  try {
    return params::load_diff2d_params(path);
  } catch (const Error& e) {
    // A file that cannot be opened is an OSError, as open() would raise.
    if (!std::ifstream(path)) raise(PyExc_OSError, e.what());
    throw;
  }
}

// A parameter file, a dict (complete or not) or nothing, then the keyword overrides: the
// lecture's diff2dparams.py values for whatever none of them gives.
params::Diff2dParams params_from(const py::handle& params, const py::dict& overrides) {
  const auto& keys = params::diff2d_keys();
  for (const auto& [key, value] : overrides) {
    const std::string name = py::str(key);
    if (std::find(keys.begin(), keys.end(), name) == keys.end())
      raise(PyExc_TypeError, fmt::format("diff2d() got an unexpected keyword argument '{}' (did you mean '{}'?)", name,
                                         closest_name(name, keys)));
  }
  if (py::isinstance<py::dict>(params)) {
    Values values = texts_of(params::Diff2dParams{});
    overlay(values, py::reinterpret_borrow<py::dict>(params));
    overlay(values, overrides);
    return checked(values);
  }
  if (params.is_none()) {
    Values values = texts_of(params::Diff2dParams{});
    overlay(values, overrides);
    return checked(values);
  }
  if (!py::isinstance<py::str>(params) && !py::hasattr(params, "__fspath__"))
    raise(PyExc_TypeError, "params must be a parameter file's path or a dict of D, x1, x2, runtime, dx, outtime, graphics");
  const params::Diff2dParams from_file = file_params(params);
  if (overrides.empty()) return from_file;
  Values values = texts_of(from_file);
  overlay(values, overrides);
  return checked(values);
}

std::optional<std::filesystem::path> path_or_none(const py::object& path) {
  if (path.is_none()) return std::nullopt;
  return std::filesystem::path(py::str(py::module_::import("os").attr("fspath")(path)).cast<std::string>());
}

// The two items of a tuple or list of two, else a TypeError stating `rule`.
std::pair<py::object, py::object> two_items(const py::object& value, const std::string& rule) {
  const bool pair = (py::isinstance<py::tuple>(value) || py::isinstance<py::list>(value)) && py::len(value) == 2;
  if (!pair) raise(PyExc_TypeError, rule);
  return {value[py::int_(0)], value[py::int_(1)]};
}

// An integer's value, or nullopt for an integer beyond 64 bits (out of any range).
std::optional<std::int64_t> integer_value(const py::object& item, const std::string& rule) {
  if (!PyIndex_Check(item.ptr()) || PyBool_Check(item.ptr())) raise(PyExc_TypeError, rule);
  const auto index = py::reinterpret_steal<py::object>(PyNumber_Index(item.ptr()));
  if (!index) throw py::error_already_set();
  int overflow = 0;
  const long long value = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
  if (value == -1 && PyErr_Occurred()) throw py::error_already_set();
  if (overflow != 0) return std::nullopt;
  return value;
}

// A real number's value (ints beyond a double are infinite, so out of any range).
double real_value(const py::object& item, const std::string& rule) {
  PyObject* object = item.ptr();
  if (PyBool_Check(object) || PyComplex_Check(object) || !PyNumber_Check(object) || PyUnicode_Check(object))
    raise(PyExc_TypeError, rule);
  const double value = PyFloat_AsDouble(object);
  if (value == -1.0 && PyErr_Occurred()) {
    if (!PyErr_ExceptionMatches(PyExc_OverflowError)) throw py::error_already_set();
    PyErr_Clear();
    return HUGE_VAL;
  }
  return value;
}

// frame_size=(width, height): the command's --frame-size WIDTHxHEIGHT, in Python's types.
void read_frame_size(const py::object& value, io::PlotOptions& plot) {
  if (value.is_none()) return;
  const std::string rule = fmt::format("frame_size={}: must be (width, height) in pixels, {} (e.g. (640, 480))",
                                       py::repr(value).cast<std::string>(), io::plot_size_rule());
  const auto [first, second] = two_items(value, rule);
  const auto width = integer_value(first, rule);
  const auto height = integer_value(second, rule);
  if (!width || !height || !io::is_plot_size(*width, *height)) raise(PyExc_ValueError, rule);
  plot.width = static_cast<int>(*width);
  plot.height = static_cast<int>(*height);
}

// color_range=(low, high): the command's --color-range LOW:HIGH; None scales each picture
// to its own min..max.
void read_color_range(const py::object& value, io::PlotOptions& plot) {
  if (value.is_none()) return;
  const std::string rule =
      fmt::format("color_range={}: must be (low, high), {} (e.g. (0, 1)), or None for each picture its own min..max",
                  py::repr(value).cast<std::string>(), io::color_range_rule("low", "high"));
  const auto [first, second] = two_items(value, rule);
  const double low = real_value(first, rule);
  const double high = real_value(second, rule);
  if (!io::is_color_range(low, high)) raise(PyExc_ValueError, rule);
  plot.color_range = std::pair{low, high};
}

Diff2dResult diff2d(const py::handle& params, const std::string& backend, const std::optional<std::int64_t>& threads,
                    const py::object& callback, const py::object& frames, const py::object& animation,
                    const py::object& save, const py::object& frame_size, const py::object& color_range,
                    const py::kwargs& overrides) {
  const auto problem = diffusion::Problem::from_params(params_from(params, overrides));
  if (threads) check_thread_keyword("threads", *threads, 0);
  io::PlotOptions plot;
  read_frame_size(frame_size, plot);
  read_color_range(color_range, plot);
  if (!callback.is_none() && !PyCallable_Check(callback.ptr())) raise(PyExc_TypeError, "callback must be callable");
  diffusion::RunOptions options;
  options.backend = backend;
  options.backend_options.threads = static_cast<int>(threads.value_or(0));
  options.progress = false;
  options.frames_dir = path_or_none(frames);
  options.frames_what = "frames";
  options.animation = path_or_none(animation);
  options.save = path_or_none(save);
  options.plot = plot;
  if (threads && diffusion::runs_on_one_thread(backend)) warn_no_effect("threads", backend);
  Diff2dResult result;
  result.x = py::array_t<double>(static_cast<py::ssize_t>(problem.x.size()), problem.x.data());
  result.dx = problem.dx;
  result.dt = problem.dt;
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
      .def_readonly("x", &Diff2dResult::x,
                    "The grid's coordinates along x and y, (npnts,) float64 as the lecture computes them:\n"
                    "x[0] = x1 - dx ... x[-1] = x2, so plt.imshow(r.field, extent=(r.x[0], r.x[-1], r.x[0], r.x[-1])).")
      .def_readonly("dx", &Diff2dResult::dx, "The grid spacing, (x2 - x1) / int((x2 - x1) / dx) as the lecture recomputes it.")
      .def_readonly("dt", &Diff2dResult::dt, "The time step, 0.25 * dx**2 / D.")
      .def("__repr__", [](const Diff2dResult& r) {
        return fmt::format("Diff2dResult(steps={}, outputs={}, field shape=({}, {}))", r.steps, r.simtimes.size(),
                           r.field.shape(0), r.field.shape(1));
      });
  m.def("diff2d", &diff2d, "params"_a = py::none(), "backend"_a = "auto", "threads"_a = py::none(),
        "callback"_a = py::none(), py::kw_only(), "frames"_a = py::none(), "animation"_a = py::none(),
        "save"_a = py::none(), "frame_size"_a = py::none(), "color_range"_a = py::none(),
        "Runs the lecture's 2D diffusion. params: a diff2dparams.py path (read as data), a dict of\n"
        "some of D, x1, x2, runtime, dx, outtime, graphics, or nothing; keywords such as runtime=1.0\n"
        "override any of them, and the lecture's values (examples/diff2dparams.py) fill in the rest.\n"
        "callback(simtime, field) is called at every output time with a read-only copy of the field.\n"
        "frames (a directory of frame_NNNNN.png), animation (a GIF) and save (the final field as .npy)\n"
        "write what `hpcpp diff2d --frames/--animation/--save` writes. frame_size=(width, height)\n"
        "sets the pictures' size in pixels (160 to 8000 by 120 to 8000, default (640, 480)), and\n"
        "color_range=(low, high) the values at the colour bar's ends for every picture (default\n"
        "None: each picture its own min..max, as imshow), as --frame-size and --color-range do;\n"
        "anything else raises TypeError (not a pair of numbers) or ValueError (out of range).\n"
        "threads with a backend that runs on one thread (reference, fused, simd) warns\n"
        "(UserWarning), as the command's note. The GIL is released while stepping. The result's\n"
        ".field is bit-identical to `hpcpp diff2d PARAMS --save`.");
}

}  // namespace hpcpp::python
