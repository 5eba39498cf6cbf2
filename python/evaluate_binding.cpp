// numexpr's API on the expression engine: evaluate, re_evaluate, compile and the thread
// settings. No lock is held while computing (the GIL is released for all but tiny
// arrays), so several Python threads evaluate at once.
#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <optional>
#include <string_view>

#include "bindings.hpp"
#include "errors.hpp"
#include "expression_cache.hpp"
#include "hpcpp/core/default_threads.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/expr/compiler/invalid_value_error.hpp"
#include "hpcpp/expr/evaluate.hpp"
#include "hpcpp/expr/runtime/out_overlap.hpp"
#include "hpcpp/expr/syntax_error.hpp"
#include "hpcpp/expr/runtime/thread_pool.hpp"
#include "name_lookup.hpp"
#include "numpy_inputs.hpp"

namespace hpcpp::python {
namespace {

using namespace pybind11::literals;
using expr::DType;

// Below this many elements the computation is shorter than taking the GIL back can be
// when another thread holds it.
constexpr std::int64_t release_gil_from_elements = 4096;
// Each thread of an evaluation gets at least this many elements: handing work to a pool
// thread and waiting for it costs microseconds, as long as computing a few thousand.
constexpr std::int64_t min_elements_per_thread = 4096;

struct CallOptions {
  py::object out = py::none();
  std::string order = "K";
  std::string casting = "safe";
};

// What numpy's functions the module calls; never destroyed (see numpy_dtype).
struct Numpy {
  py::object copyto, can_cast;
};
const Numpy& numpy() {
  static const auto* np = [] {
    const py::module_ m = py::module_::import("numpy");
    return new Numpy{m.attr("copyto"), m.attr("can_cast")};
  }();
  return *np;
}

// Raises, for the compiler's error being handled, what numexpr raises for the same
// mistake in `text`.
[[noreturn]] void raise_compiler_error(const std::string& text) {
  try {
    throw;
  } catch (const expr::SyntaxError& e) {
    raise_syntax_error(e.what(), text, e.column());
  } catch (const expr::InvalidValueError& e) {
    raise(PyExc_ValueError, e.what());
  } catch (const Error& e) {
    raise(expression_error(), e.what());
  }
}

std::shared_ptr<CachedExpression> parsed(const std::string& text) {
  try {
    return cached_expression(text);
  } catch (const Error&) {
    raise_compiler_error(text);
  }
}

void check_options(const CallOptions& o) {
  if (o.order.size() != 1 || std::string_view("KCFA").find(o.order[0]) == std::string_view::npos)
    raise(PyExc_ValueError, fmt::format("order must be 'K', 'C', 'F' or 'A', not '{}'", o.order));
  constexpr std::string_view castings[] = {"no", "equiv", "safe", "same_kind", "unsafe"};
  if (std::find(std::begin(castings), std::end(castings), o.casting) == std::end(castings))
    raise(PyExc_ValueError, fmt::format("casting must be 'no', 'equiv', 'safe', 'same_kind' or 'unsafe', not '{}'", o.casting));
}

std::string shape_text(const std::vector<std::int64_t>& shape) { return expr::shape_text(shape); }

std::vector<std::int64_t> shape_of(const py::array& a) { return {a.shape(), a.shape() + a.ndim()}; }

// Fortran order for order='F', and for 'K' or 'A' when every multi-dimensional input is.
bool fortran_result(const CallOptions& o, const BoundInputs& in) {
  if (o.order == "F") return true;
  if (o.order == "C") return false;
  bool any = false;
  for (const auto& kept : in.keep) {
    const py::array a = py::reinterpret_borrow<py::array>(kept);
    if (a.ndim() < 2) continue;
    const int flags = a.flags();
    if (!(flags & py::detail::npy_api::NPY_ARRAY_F_CONTIGUOUS_) || (flags & py::detail::npy_api::NPY_ARRAY_C_CONTIGUOUS_))
      return false;
    any = true;
  }
  return any;
}

py::array allocate(DType t, const std::vector<std::int64_t>& shape, bool fortran) {
  const auto item = static_cast<py::ssize_t>(expr::dtype_size(t));
  std::vector<py::ssize_t> dims(shape.begin(), shape.end()), strides(dims.size());
  py::ssize_t step = item;
  for (std::size_t k = 0; k < dims.size(); ++k) {
    const std::size_t axis = fortran ? k : dims.size() - 1 - k;
    strides[axis] = step;
    step *= std::max<py::ssize_t>(dims[axis], 1);
  }
  return py::array(numpy_dtype(t), dims, strides);
}

// True when `out`, of `out_shape`, can take a result of `shape` by numpy's broadcasting.
bool broadcasts_to(const std::vector<std::int64_t>& shape, const std::vector<std::int64_t>& out_shape) {
  if (shape.size() > out_shape.size()) return false;
  const std::size_t lead = out_shape.size() - shape.size();
  for (std::size_t k = 0; k < shape.size(); ++k)
    if (shape[k] != out_shape[lead + k] && shape[k] != 1) return false;
  return true;
}

// The out array, checked: a writeable numpy array whose type takes the result under
// `casting` and whose shape is the result's (or one the result broadcasts to).
py::array checked_out(const CallOptions& o, DType result, const std::vector<std::int64_t>& shape) {
  if (!py::isinstance<py::array>(o.out)) raise(PyExc_ValueError, "out must be a numpy array");
  py::array out = py::reinterpret_borrow<py::array>(o.out);
  if (!out.writeable()) raise(PyExc_ValueError, "out is read-only");
  const py::dtype& want = numpy_dtype(result);
  const bool same_type = py::detail::npy_api::get().PyArray_EquivTypes_(out.dtype().ptr(), want.ptr());
  if (!same_type && !numpy().can_cast(want, out.dtype(), o.casting).cast<bool>())
    raise(PyExc_TypeError, fmt::format("out is {} but the expression gives {}, which casting='{}' does not allow",
                                       std::string(py::str(static_cast<py::handle>(out.dtype()))), expr::dtype_name(result), o.casting));
  const auto out_shape = shape_of(out);
  if (out_shape != shape && !broadcasts_to(shape, out_shape))
    raise(PyExc_ValueError, fmt::format("out has shape {} but the expression has shape {}", shape_text(out_shape), shape_text(shape)));
  return out;
}

// The result straight into `out` where its type, alignment, shape and memory allow, else
// into a new array then copied into out.
bool writes_in_place(const py::array& out, DType result, const std::vector<std::int64_t>& shape) {
  const auto flags = out.flags();
  return py::detail::npy_api::get().PyArray_EquivTypes_(out.dtype().ptr(), numpy_dtype(result).ptr()) &&
         (flags & py::detail::npy_api::NPY_ARRAY_ALIGNED_) && shape_of(out) == shape;
}

// A string array as the whole expression: a copy of it (or it copied into out), every
// byte kept, as numexpr returns it.
py::object copy_of_strings(const py::object& strings, const CallOptions& o) {
  py::object copy = strings.attr("copy")();
  if (o.out.is_none()) return copy;
  if (!py::isinstance<py::array>(o.out)) raise(PyExc_ValueError, "out must be a numpy array");
  numpy().copyto(o.out, copy, "casting"_a = o.casting);
  return o.out;
}

std::shared_ptr<const expr::Program> program_for(CachedExpression& e, const BoundInputs& in) {
  try {
    return e.program_for(in.types);
  } catch (const Error&) {
    raise_compiler_error(e.text());
  }
}

py::object run(CachedExpression& e, const std::vector<py::object>& values, const CallOptions& o) {
  check_options(o);
  const BoundInputs in = bind_inputs(e.names(), values);
  if (e.is_one_name() && in.types[0] == DType::Bytes) return copy_of_strings(in.keep[0], o);
  const std::shared_ptr<const expr::Program> program = program_for(e, in);
  std::vector<std::int64_t> shape;
  try {
    shape = expr::result_shape(*program, in.bindings);
  } catch (const Error& err) {
    raise(PyExc_ValueError, err.what());
  }
  py::array out, result;
  bool copy_into_out = false;
  if (o.out.is_none()) {
    result = allocate(program->result_dtype, shape, fortran_result(o, in));
  } else {
    out = checked_out(o, program->result_dtype, shape);
    copy_into_out = !writes_in_place(out, program->result_dtype, shape) ||
                    expr::out_overlaps_an_input(*program, in.bindings, view_of(out, program->result_dtype));
    result = copy_into_out ? allocate(program->result_dtype, shape, false) : out;
  }
  const expr::ArrayRef target = view_of(result, program->result_dtype);
  std::int64_t elements = target.size();
  for (const auto& [name, view] : in.bindings) elements = std::max(elements, view.size());

  std::string failure;
  PyObject* failure_type = nullptr;
  {
    std::optional<py::gil_scoped_release> unlocked;
    if (elements >= release_gil_from_elements) unlocked.emplace();
    try {
      expr::EvaluateOptions options;
      options.threads = static_cast<int>(std::clamp<std::int64_t>(elements / min_elements_per_thread, 1, expr::num_threads()));
      expr::evaluate(*program, in.bindings, target, options);
    } catch (const Error& err) {
      failure = err.what();
      failure_type = PyExc_ValueError;
    } catch (const std::bad_alloc&) {
      failure = "out of memory";
      failure_type = PyExc_MemoryError;
    }
  }
  if (failure_type) raise(failure_type, failure);
  if (!copy_into_out) return result;
  numpy().copyto(out, result, "casting"_a = "unsafe");
  return out;
}

// The last evaluate() of each thread, for re_evaluate(): the text, out (weakly: it is not
// kept alive), order and casting.
py::object& last_calls() {
  static auto* calls = new py::object(py::module_::import("threading").attr("local")());
  return *calls;
}

void remember(const std::string& text, const CallOptions& o) {
  const py::object out = o.out.is_none() ? py::none() : py::object(py::weakref(o.out));
  last_calls().attr("call") = py::make_tuple(text, out, o.order, o.casting);
}

void check_kwargs(const py::kwargs& kwargs) {
  // numexpr's other keywords; hpcpp divides as Python 3 does and always optimises.
  for (const auto& [key, value] : kwargs) {
    const std::string name = py::str(key);
    if (name != "truediv" && name != "optimization" && name != "sanitize" && name != "_frame_depth")
      raise(PyExc_ValueError, fmt::format("unknown keyword argument '{}'", name));
  }
}

py::object evaluate(const std::string& ex, py::object local_dict, py::object global_dict, py::object out,
                    std::string order, std::string casting, const py::kwargs& kwargs) {
  check_kwargs(kwargs);
  const auto e = parsed(ex);
  const CallOptions o{std::move(out), std::move(order), std::move(casting)};
  py::object result = run(*e, look_up(e->names(), local_dict, global_dict), o);
  remember(ex, o);
  return result;
}

// numexpr's validate: everything evaluate checks before computing, with the exception
// returned rather than raised; a valid call is remembered for re_evaluate.
py::object validate(const std::string& ex, py::object local_dict, py::object global_dict, py::object out,
                    std::string order, std::string casting, const py::kwargs& kwargs) {
  try {
    check_kwargs(kwargs);
    const auto e = parsed(ex);
    const CallOptions o{std::move(out), std::move(order), std::move(casting)};
    check_options(o);
    const BoundInputs in = bind_inputs(e->names(), look_up(e->names(), local_dict, global_dict));
    const auto program = program_for(*e, in);
    if (!o.out.is_none()) {
      try {
        checked_out(o, program->result_dtype, expr::result_shape(*program, in.bindings));
      } catch (const Error& err) {
        raise(PyExc_ValueError, err.what());
      }
    }
    remember(ex, o);
    return py::none();
  } catch (py::error_already_set& err) {
    return err.value();
  }
}

py::object re_evaluate(py::object local_dict, const py::kwargs& kwargs) {
  check_kwargs(kwargs);
  if (!py::hasattr(last_calls(), "call")) raise(PyExc_RuntimeError, "re_evaluate: no previous evaluate in this thread");
  const py::tuple call = last_calls().attr("call");
  CallOptions o{py::none(), call[2].cast<std::string>(), call[3].cast<std::string>()};
  if (!call[1].is_none()) {
    o.out = call[1]();
    if (o.out.is_none()) raise(PyExc_ValueError, "re_evaluate: the out array of the last evaluate no longer exists");
  }
  const auto e = parsed(call[0].cast<std::string>());
  return run(*e, look_up(e->names(), local_dict, py::none()), o);
}

// hpcpp.compile(ex): the expression parsed once, called with arrays as positional
// arguments (in the order of .names), as keywords, or looked up like evaluate's.
struct CompiledExpression {
  std::shared_ptr<CachedExpression> expression;

  py::object call(const py::args& args, const py::kwargs& kwargs) const {
    const auto& names = expression->names();
    if (!args.empty() && args.size() != names.size())
      raise(PyExc_TypeError, fmt::format("the expression reads {} names ({}), {} given", names.size(),
                                         fmt::format("{}", fmt::join(names, ", ")), args.size()));
    CallOptions o;
    py::object local_dict = py::none(), global_dict = py::none();
    std::vector<py::object> values(names.size());
    for (std::size_t i = 0; i < args.size(); ++i) values[i] = args[i];
    for (const auto& [key, value] : kwargs) {
      const std::string name = py::str(key);
      if (name == "out") o.out = py::reinterpret_borrow<py::object>(value);
      else if (name == "order") o.order = value.cast<std::string>();
      else if (name == "casting") o.casting = value.cast<std::string>();
      else if (name == "local_dict") local_dict = py::reinterpret_borrow<py::object>(value);
      else if (name == "global_dict") global_dict = py::reinterpret_borrow<py::object>(value);
      else if (const auto at = std::find(names.begin(), names.end(), name); at != names.end())
        values[static_cast<std::size_t>(at - names.begin())] = py::reinterpret_borrow<py::object>(value);
      else raise(PyExc_TypeError, fmt::format("the expression reads no name '{}'", name));
    }
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (!values[i]) missing.push_back(names[i]);
    if (!missing.empty()) {
      auto found = look_up(missing, local_dict, global_dict);
      for (std::size_t i = 0, j = 0; i < names.size(); ++i)
        if (!values[i]) values[i] = std::move(found[j++]);
    }
    return run(*expression, values, o);
  }
};

int set_num_threads(std::int64_t n) {
  check_thread_keyword("n", n);
  const int previous = expr::num_threads();
  expr::set_num_threads(static_cast<int>(n));
  return previous;
}

}  // namespace

void bind_evaluate(py::module_& m) {
  m.attr("_last_calls") = last_calls();
  m.def("evaluate", &evaluate, "ex"_a, "local_dict"_a = py::none(), "global_dict"_a = py::none(), "out"_a = py::none(),
        "order"_a = "K", "casting"_a = "safe",
        "Evaluates the array expression `ex` as numexpr.evaluate does: names are looked up in\n"
        "local_dict and global_dict (default: the caller's locals and globals), numpy\n"
        "broadcasting, numexpr's types. `out`, if given, receives the result in place. Also\n"
        "slices of the inputs (u[1:-1, 2:]) and sum/prod along an axis. The GIL is released\n"
        "while computing; several threads may evaluate at once.");
  m.def("validate", &validate, "ex"_a, "local_dict"_a = py::none(), "global_dict"_a = py::none(), "out"_a = py::none(),
        "order"_a = "K", "casting"_a = "safe",
        "Checks `ex` as evaluate would, without computing: returns the exception evaluate would\n"
        "raise, or None, in which case re_evaluate() then computes it.");
  m.def("re_evaluate", &re_evaluate, "local_dict"_a = py::none(),
        "Evaluates this thread's last expression again on the current values of its names.");
  py::class_<CompiledExpression>(m, "CompiledExpression")
      .def("__call__", &CompiledExpression::call)
      .def_property_readonly("names", [](const CompiledExpression& c) { return c.expression->names(); })
      .def_property_readonly("text", [](const CompiledExpression& c) { return c.expression->text(); })
      .def("__repr__", [](const CompiledExpression& c) { return fmt::format("hpcpp.compile('{}')", c.expression->text()); });
  m.def("compile", [](const std::string& ex) { return CompiledExpression{parsed(ex)}; }, "ex"_a,
        "Parses `ex` once; the result is called like evaluate, with arrays as positional\n"
        "arguments in the order of its .names, as keywords, or looked up in the caller's frame.");
  m.def("set_num_threads", &set_num_threads, "n"_a, "Sets the threads evaluate uses; returns the previous number.");
  m.def("get_num_threads", &expr::num_threads,
        "The threads evaluate uses (OMP_NUM_THREADS, else the cores shared among this node's MPI ranks).");
  m.def("detect_number_of_cores", &usable_cores, "The cores this process may run on.");
  m.attr("ncores") = usable_cores();
}

}  // namespace hpcpp::python
