// hpcpp.auc(n, backend, threads, procs): the lecture's area under the curve.
#include <pybind11/stl.h>

#include <optional>

#include "bindings.hpp"
#include "errors.hpp"
#include "hpcpp/auc/backend.hpp"

namespace hpcpp::python {
namespace {

using namespace pybind11::literals;

using Count = std::optional<std::int64_t>;

// threads= for the backends that start threads, procs= for the processes backend; the
// earlier workers= counts for either.
double auc(std::int64_t n, const std::string& backend, const Count& threads, const Count& procs, const Count& workers) {
  if (threads) check_thread_keyword("threads", *threads);
  if (procs) check_thread_keyword("procs", *procs);
  if (workers) check_thread_keyword("workers", *workers);
  const auc::Parallelism kind = auc::parallelism_of(backend);
  if (threads && kind != auc::Parallelism::threads) warn_no_effect("threads", backend);
  if (procs && kind != auc::Parallelism::procs) warn_no_effect("procs", backend);
  if (workers && kind == auc::Parallelism::none) warn_no_effect("workers", backend);
  const Count& own = kind == auc::Parallelism::procs ? procs : threads;
  auc::AucOptions options;
  options.n = n;
  options.workers = static_cast<int>(own.value_or(workers.value_or(0)));
  py::gil_scoped_release unlocked;
  return auc::area_under_curve(backend, options);
}

}  // namespace

void bind_auc(py::module_& m) {
  m.def("auc", &auc, "n"_a = 300'000'000, "backend"_a = "threads", "threads"_a = py::none(), "procs"_a = py::none(),
        py::kw_only(), "workers"_a = py::none(),
        "The area under 0.7x^3 - 2x^2 + 4 on [0, 3] by a left Riemann sum of n points: the value\n"
        "`hpcpp auc N --backend B --threads T` (or `--procs P` for the processes backend) prints.\n"
        "threads: threads of the threads and expr backends; procs: processes of the processes\n"
        "backend (default for both: OMP_NUM_THREADS, else the cores).");
}

}  // namespace hpcpp::python
