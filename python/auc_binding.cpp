// hpcpp.auc(n, backend, workers): the lecture's area under the curve.
#include <pybind11/stl.h>

#include <optional>

#include "bindings.hpp"
#include "errors.hpp"
#include "hpcpp/auc/backend.hpp"

namespace hpcpp::python {
namespace {

using namespace pybind11::literals;

double auc(std::int64_t n, const std::string& backend, const std::optional<std::int64_t>& workers) {
  if (workers) check_thread_keyword("workers", *workers);
  auc::AucOptions options;
  options.n = n;
  options.workers = static_cast<int>(workers.value_or(0));
  py::gil_scoped_release unlocked;
  return auc::area_under_curve(backend, options);
}

}  // namespace

void bind_auc(py::module_& m) {
  m.def("auc", &auc, "n"_a = 300'000'000, "backend"_a = "threads", "workers"_a = py::none(),
        "The area under 0.7x^3 - 2x^2 + 4 on [0, 3] by a left Riemann sum of n points: the value\n"
        "`hpcpp auc N --backend B --workers W` prints.");
}

}  // namespace hpcpp::python
