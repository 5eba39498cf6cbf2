#include "numpy_inputs.hpp"

#include <fmt/core.h>

#include <array>
#include <complex>
#include <cstring>
#include <optional>

#include "errors.hpp"

namespace hpcpp::python {
namespace {

using expr::DType;

// The engine type numexpr gives a numpy dtype, and whether the data can be read as it is.
struct EngineType {
  DType dtype;
  bool exact;
};

EngineType engine_type(const std::string& name, const py::dtype& d) {
  const char kind = d.kind();
  const auto size = d.itemsize();
  std::optional<EngineType> t;
  switch (kind) {
    case 'b': t = {DType::Bool, true}; break;
    case 'i': t = size == 8 ? EngineType{DType::Int64, true} : EngineType{DType::Int32, size == 4}; break;
    case 'u':
      if (size <= 2) t = {DType::Int32, false};
      else if (size == 4) t = {DType::Int64, false};
      break;
    case 'f':
      if (size <= 4) t = {DType::Float32, size == 4};
      else if (size == 8) t = {DType::Float64, true};
      break;
    case 'c':
      if (size <= 16) t = {DType::Complex128, size == 16};
      break;
    case 'S': t = {DType::Bytes, true}; break;
    case 'U': raise(PyExc_ValueError, fmt::format("'{}' holds unicode strings: only bytes (numpy S) strings are supported", name));
    default: break;
  }
  if (t) return *t;
  const std::string spelled = py::str(static_cast<py::handle>(d));
  if (kind == 'u' || kind == 'f' || kind == 'c')
    raise(PyExc_TypeError, fmt::format("'{}' is {}, which no expression type holds without loss", name, spelled));
  raise(PyExc_ValueError, fmt::format("'{}' is {}, which expressions cannot use", name, spelled));
}

bool native_order(const py::dtype& d) { return d.byteorder() != '>'; }

// Python floats, ints and bools without a numpy array: what numpy.asarray would make of
// them (float64, int64, bool, complex128), stored in `slot`.
std::optional<DType> python_scalar(PyObject* value, BoundInputs::ScalarSlot& slot) {
  if (PyFloat_CheckExact(value)) {
    const double v = PyFloat_AS_DOUBLE(value);
    std::memcpy(slot.bytes, &v, sizeof v);
    return DType::Float64;
  }
  if (PyBool_Check(value)) {
    const bool v = value == Py_True;
    std::memcpy(slot.bytes, &v, sizeof v);
    return DType::Bool;
  }
  if (PyLong_CheckExact(value)) {
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow != 0) return std::nullopt;  // numpy decides (uint64 or object)
    const std::int64_t v64 = v;
    std::memcpy(slot.bytes, &v64, sizeof v64);
    return DType::Int64;
  }
  if (PyComplex_CheckExact(value)) {
    const std::complex<double> v(PyComplex_RealAsDouble(value), PyComplex_ImagAsDouble(value));
    std::memcpy(slot.bytes, &v, sizeof v);
    return DType::Complex128;
  }
  return std::nullopt;
}

}  // namespace

const py::dtype& numpy_dtype(DType t) {
  // Never destroyed: the interpreter may be gone by the time static objects are.
  static const auto* dtypes = new std::array<py::dtype, expr::dtype_count>{
      py::dtype("bool"),    py::dtype("int32"),      py::dtype("int64"), py::dtype("float32"),
      py::dtype("float64"), py::dtype("complex128"), py::dtype("S1")};
  return (*dtypes)[static_cast<std::size_t>(t)];
}

expr::ArrayRef view_of(const py::array& a, DType dtype) {
  expr::ArrayRef v;
  v.data = const_cast<void*>(a.data());
  v.dtype = dtype;
  const auto ndim = static_cast<std::size_t>(a.ndim());
  v.shape.assign(a.shape(), a.shape() + ndim);
  v.strides.assign(a.strides(), a.strides() + ndim);
  if (dtype == DType::Bytes) v.item_size = a.itemsize();
  return v;
}

BoundInputs bind_inputs(const std::vector<std::string>& names, const std::vector<py::object>& values) {
  BoundInputs in;
  in.types.reserve(names.size());
  in.scalars.resize(names.size());  // never reallocated: views point into it
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    if (const auto t = python_scalar(values[i].ptr(), in.scalars[i])) {
      in.bindings.emplace(name, expr::ArrayRef::scalar(in.scalars[i].bytes, *t));
      in.types.push_back(*t);
      continue;
    }
    py::array a = py::isinstance<py::array>(values[i]) ? py::reinterpret_borrow<py::array>(values[i])
                                                        : py::array::ensure(values[i]);
    if (!a) {
      PyErr_Clear();
      raise(PyExc_ValueError, fmt::format("'{}' is a {}, not something numpy makes an array of", name,
                                          std::string(py::str(py::type::handle_of(values[i]).attr("__name__")))));
    }
    const py::dtype d = a.dtype();
    const EngineType t = engine_type(name, d);
    const bool aligned = (a.flags() & py::detail::npy_api::NPY_ARRAY_ALIGNED_) != 0;
    if (!t.exact || !native_order(d) || !aligned) {
      const py::object target = t.dtype == DType::Bytes ? py::object(py::dtype(fmt::format("S{}", d.itemsize())))
                                                        : py::object(numpy_dtype(t.dtype));
      a = a.attr("astype")(target);
    }
    in.bindings.emplace(name, view_of(a, t.dtype));
    in.types.push_back(t.dtype);
    in.keep.push_back(std::move(a));
  }
  return in;
}

}  // namespace hpcpp::python
