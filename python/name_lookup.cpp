#include "name_lookup.hpp"

#include <fmt/core.h>

#include "errors.hpp"

namespace hpcpp::python {
namespace {

// A new reference to mapping[name], or nullptr (no error set) when it has none.
PyObject* item(PyObject* mapping, const std::string& name) {
  if (!mapping || mapping == Py_None) return nullptr;
  if (PyDict_Check(mapping)) {
    PyObject* value = PyDict_GetItemString(mapping, name.c_str());
    Py_XINCREF(value);
    return value;
  }
  PyObject* value = PyMapping_GetItemString(mapping, name.c_str());
  if (!value) {
    if (!PyErr_ExceptionMatches(PyExc_KeyError)) throw py::error_already_set();
    PyErr_Clear();
  }
  return value;
}

// The caller is a function: its locals dict is a snapshot the frame keeps, holding a
// reference to every local until the function returns (in a module or class body it is
// the namespace itself).
bool caller_is_a_function() {
  PyFrameObject* frame = PyEval_GetFrame();
  if (!frame) return false;
  PyCodeObject* code = PyFrame_GetCode(frame);
  const bool optimized = (code->co_flags & CO_OPTIMIZED) != 0;
  Py_DECREF(code);
  return optimized;
}

}  // namespace

std::vector<py::object> look_up(const std::vector<std::string>& names, py::handle local_dict, py::handle global_dict) {
  // Called from Python, the current frame is the caller's (this function has none).
  PyObject* locals = local_dict.is_none() ? PyEval_GetLocals() : local_dict.ptr();
  if (!locals && PyErr_Occurred()) throw py::error_already_set();
  PyObject* globals = global_dict.is_none() ? PyEval_GetGlobals() : global_dict.ptr();
  std::vector<py::object> values;
  values.reserve(names.size());
  for (const auto& name : names) {
    PyObject* value = item(locals, name);
    if (!value) value = item(globals, name);
    if (!value) raise(PyExc_KeyError, fmt::format("unknown name '{}': not in the local or global variables", name));
    values.push_back(py::reinterpret_steal<py::object>(value));
  }
  // Emptied, as numexpr does, so the snapshot does not keep the caller's arrays alive
  // (and their reference counts up) after the call; the next look-up fills it again.
  if (local_dict.is_none() && locals && locals != globals && PyDict_Check(locals) && caller_is_a_function())
    PyDict_Clear(locals);
  return values;
}

}  // namespace hpcpp::python
