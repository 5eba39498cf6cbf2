#pragma once
// The parts of the hpcpp module, each adding its functions.
#include <pybind11/pybind11.h>

namespace hpcpp::python {

namespace py = pybind11;

void bind_evaluate(py::module_& m);  // evaluate, re_evaluate, compile, threads
void bind_diff2d(py::module_& m);
void bind_auc(py::module_& m);
void bind_bigfile(py::module_& m);  // the submodule hpcpp.bigfile

}  // namespace hpcpp::python
