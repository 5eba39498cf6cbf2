#pragma once
// The caller's values as engine inputs, by numexpr's rules: anything numpy.asarray takes;
// bool, int32, int64, float32, float64, complex128 and bytes arrays read in place (any
// strides: views, transposes, recarray fields); smaller integers and floats, uint32 and
// complex64 converted to the engine type numexpr gives them (int8 -> int32, uint32 ->
// int64, float16 -> float32); a byte-swapped or unaligned array copied once.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "hpcpp/expr/array_ref.hpp"

namespace hpcpp::python {

namespace py = pybind11;

struct BoundInputs {
  expr::Bindings bindings;
  std::vector<expr::DType> types;  // in the order of the names
  std::vector<py::object> keep;    // arrays the views point into, alive for the call
  struct alignas(16) ScalarSlot {
    unsigned char bytes[16];
  };
  std::vector<ScalarSlot> scalars;  // Python floats, ints and bools, read without numpy
};

// Raises ValueError (unicode, object and other types) or TypeError (uint64, long double:
// no engine type holds them) naming the variable.
BoundInputs bind_inputs(const std::vector<std::string>& names, const std::vector<py::object>& values);

// A view of a numpy array; the caller has checked that its type is an engine type, native
// and aligned.
expr::ArrayRef view_of(const py::array& a, expr::DType dtype);
// The numpy dtype of an engine type.
const py::dtype& numpy_dtype(expr::DType t);

}  // namespace hpcpp::python
