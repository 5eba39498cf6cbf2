// hpcpp.bigfile: the `hpcpp bigfile` subcommands on files larger than memory, from Python
// (the GIL released while the file is read or written), and open(), a read-only numpy view
// of the file for the user's own reductions.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>

#include "bindings.hpp"
#include "errors.hpp"
#include "hpcpp/bigfile/array_file.hpp"
#include "hpcpp/bigfile/average.hpp"
#include "hpcpp/bigfile/clean.hpp"
#include "hpcpp/bigfile/create.hpp"
#include "hpcpp/bigfile/element_access.hpp"
#include "hpcpp/bigfile/fit.hpp"
#include "hpcpp/bigfile/stats.hpp"
#include "hpcpp/core/atomic_file.hpp"
#include "hpcpp/core/error.hpp"

namespace hpcpp::python {
namespace {

using namespace pybind11::literals;

std::string path_of(const py::handle& path) { return py::str(py::module_::import("os").attr("fspath")(path)); }

// Runs `work` without the GIL; a file that is not there is a FileNotFoundError, as open()
// raises, any other hpcpp::Error a ValueError (register_errors).
template <class F>
auto unlocked(const std::string& file, F&& work) {
  try {
    py::gil_scoped_release released;
    return work();
  } catch (const Error& e) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) raise(PyExc_FileNotFoundError, e.what());
    throw;
  }
}

std::optional<bigfile::RawLayout> raw_layout(const py::object& dtype, const py::object& shape) {
  if (dtype.is_none() && shape.is_none()) return std::nullopt;
  if (shape.is_none()) raise(PyExc_ValueError, "dtype is for raw files and needs shape");
  bigfile::RawLayout raw;
  if (py::isinstance<py::int_>(shape)) raw.shape = {shape.cast<std::int64_t>()};
  else raw.shape = shape.cast<std::vector<std::int64_t>>();
  if (!dtype.is_none())
    raw.type = bigfile::element_type_from_name(py::str(py::module_::import("numpy").attr("dtype")(dtype).attr("name")));
  return raw;
}

bigfile::ArrayFile open_input(const std::string& file, const py::object& dtype, const py::object& shape) {
  const auto raw = raw_layout(dtype, shape);
  return unlocked(file, [&] { return bigfile::open_array_file(file, raw); });
}

bigfile::ReadOptions read_options(const std::optional<std::int64_t>& threads) {
  bigfile::ReadOptions options;
  if (threads) check_thread_keyword("threads", *threads, 0);
  options.threads = static_cast<int>(threads.value_or(0));
  return options;
}

py::object python_value(const bigfile::ElementValue& value) {
  return std::visit([](auto v) -> py::object { return py::cast(v); }, value);
}

void create(const py::handle& path, std::int64_t n, std::uint64_t seed, const std::optional<std::int64_t>& threads,
            const std::string& format) {
  if (format != "npy" && format != "raw") raise(PyExc_ValueError, "format must be 'npy' or 'raw', not '" + format + "'");
  if (threads) check_thread_keyword("threads", *threads, 0);
  const std::string file = path_of(path);
  bigfile::CreateOptions options;
  options.n = n;
  options.seed = seed;
  options.npy = format == "npy";
  options.threads = static_cast<int>(threads.value_or(0));
  check_writable(file, "path");
  py::gil_scoped_release released;
  bigfile::create_uniform_array(file, options);
}

double average(const py::handle& path, const py::object& dtype, const py::object& shape,
               const std::optional<std::int64_t>& threads) {
  const std::string file = path_of(path);
  const auto array = open_input(file, dtype, shape);
  const auto options = read_options(threads);
  return unlocked(file, [&] { return bigfile::average(array, options); });
}

py::dict stats(const py::handle& path, const py::object& dtype, const py::object& shape,
               const std::optional<std::int64_t>& threads) {
  const std::string file = path_of(path);
  const auto array = open_input(file, dtype, shape);
  const auto options = read_options(threads);
  const auto s = unlocked(file, [&] { return bigfile::compute_stats(array, options); });
  return py::dict("count"_a = s.count, "min"_a = python_value(s.min), "mean"_a = s.mean, "max"_a = python_value(s.max),
                  "std"_a = s.std, "nan"_a = s.nan);
}

py::dict fit(const py::handle& path, const py::object& dtype, const py::object& shape,
             const std::optional<std::int64_t>& threads) {
  const std::string file = path_of(path);
  const auto array = open_input(file, dtype, shape);
  const auto options = read_options(threads);
  const auto f = unlocked(file, [&] { return bigfile::fit_row_means(array, options); });
  return py::dict("slope"_a = f.slope, "intercept"_a = f.intercept, "r_squared"_a = f.r_squared);
}

py::object get(const py::handle& path, const py::args& index, const py::object& dtype, const py::object& shape) {
  const std::string file = path_of(path);
  const auto array = open_input(file, dtype, shape);
  std::vector<std::int64_t> indices;
  for (const auto& i : index) indices.push_back(py::cast<std::int64_t>(py::module_::import("operator").attr("index")(i)));
  const auto values = unlocked(file, [&] { return bigfile::read_elements(array, indices); });
  if (values.size() == 1) return python_value(values[0]);
  py::list all;
  for (const auto& v : values) all.append(python_value(v));
  return all;
}

py::dict clean(const py::handle& source, const py::handle& target, double min, double max, double replace,
               const py::object& dtype, const py::object& shape, const std::optional<std::int64_t>& threads,
               const std::string& format) {
  if (format != "npy" && format != "raw") raise(PyExc_ValueError, "format must be 'npy' or 'raw', not '" + format + "'");
  const std::string file = path_of(source), output = path_of(target);
  const auto array = open_input(file, dtype, shape);
  const auto options = read_options(threads);
  check_writable(output, "dst");
  bigfile::CleanOptions clean;
  clean.min = min;
  clean.max = max;
  clean.replacement = replace;
  clean.npy = format == "npy";
  const auto c = unlocked(file, [&] { return bigfile::clean_array(array, output, clean, options); });
  return py::dict("nan"_a = c.nan, "inf"_a = c.inf, "below"_a = c.below, "above"_a = c.above);
}

// numpy.memmap over the array's bytes, read-only: the file is checked by the same reader as
// the commands', then numpy maps it.
py::object open(const py::handle& path, const py::object& dtype, const py::object& shape) {
  const std::string file = path_of(path);
  const auto array = open_input(file, dtype, shape);
  const py::module_ np = py::module_::import("numpy");
  const py::object type = np.attr("dtype")(std::string(bigfile::element_type_name(array.type)));
  const py::tuple dims = py::cast(array.shape);
  if (array.count() == 0) {
    py::object empty = np.attr("empty")(dims, type);
    empty.attr("setflags")("write"_a = false);
    return empty;
  }
  return np.attr("memmap")(file, "dtype"_a = type, "mode"_a = "r", "offset"_a = array.data_offset, "shape"_a = dims);
}

}  // namespace

void bind_bigfile(py::module_& parent) {
  py::module_ m = parent.def_submodule("bigfile", "Arrays larger than memory, as `hpcpp bigfile` reads and writes them");
  constexpr double inf = std::numeric_limits<double>::infinity();
  m.def("create", &create, "path"_a, "n"_a, "seed"_a = 0, "threads"_a = py::none(), "format"_a = "npy",
        "Writes an n x n float64 array of uniform [0, 1) values (create12GB.py), byte for byte what\n"
        "`hpcpp bigfile create` writes.");
  m.def("average", &average, "path"_a, "dtype"_a = py::none(), "shape"_a = py::none(), "threads"_a = py::none(),
        "The mean of every element (numpy.mean), read in bounded memory. dtype and shape: a raw file's layout.");
  m.def("stats", &stats, "path"_a, "dtype"_a = py::none(), "shape"_a = py::none(), "threads"_a = py::none(),
        "A dict of count, min, mean, max, std (population) and nan, NaNs skipped as numpy's nan* functions do.");
  m.def("fit", &fit, "path"_a, "dtype"_a = py::none(), "shape"_a = py::none(), "threads"_a = py::none(),
        "A dict of slope, intercept and r_squared of the least-squares line through a 2D array's row means.");
  m.def("get", &get, "path"_a, "dtype"_a = py::none(), "shape"_a = py::none(),
        "get(path, *index): the element at one index per axis (negative from the end), reading only it;\n"
        "several elements' indices one after another give a list.");
  m.def("clean", &clean, "src"_a, "dst"_a, "min"_a = -inf, "max"_a = inf, "replace"_a = std::nan(""),
        "dtype"_a = py::none(), "shape"_a = py::none(), "threads"_a = py::none(), "format"_a = "npy",
        "Writes src to dst as float64 with NaN, infinities and values outside [min, max] replaced;\n"
        "returns a dict of the counts replaced: nan, inf, below, above.");
  m.def("open", &open, "path"_a, "dtype"_a = py::none(), "shape"_a = py::none(),
        "A read-only numpy.memmap of the array (a .npy file, or a raw file given dtype and shape).");
}

}  // namespace hpcpp::python
