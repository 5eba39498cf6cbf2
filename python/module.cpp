// import hpcpp: the library's second face. numexpr's evaluate on the expression engine,
// and the lecture's programs on numpy arrays.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "errors.hpp"

PYBIND11_MODULE(hpcpp, m) {
  m.doc() =
      "hpcpp: the programs of the lecture 'HPC Python Programming' as one C++ library.\n\n"
      "A drop-in for numexpr (import hpcpp as ne): evaluate, re_evaluate, compile,\n"
      "set_num_threads, get_num_threads, detect_number_of_cores; and diff2d() and auc().";
  m.attr("__version__") = HPCPP_VERSION;
  hpcpp::python::register_errors(m);
  hpcpp::python::bind_evaluate(m);
  hpcpp::python::bind_diff2d(m);
  hpcpp::python::bind_auc(m);
  hpcpp::python::bind_bigfile(m);
}
