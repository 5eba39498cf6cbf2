#include <fmt/core.h>

#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/diffusion/backend.hpp"

namespace hpcpp::diffusion {

const std::vector<BackendInfo>& backends() {
  static const std::vector<BackendInfo> all = {
      {"reference", "the lecture's two loops with a separate Laplacian array", make_reference_backend},
      {"fused", "one pass per step: Laplacian and update together", make_fused_backend},
      {"simd", "fused, with AVX-512/AVX2 rows chosen for the CPU (portable fallback)", make_simd_backend},
      {"threads", "simd rows shared among OpenMP threads (--threads, OMP_NUM_THREADS)", make_threads_backend},
      {"blocked", "temporal blocking: cache-sized tiles advanced several steps per pass, threaded",
       make_blocked_backend},
      {"auto", "picks simd, threads or blocked for the grid size and thread count (--verbose says which)",
       [](const Problem& problem, const BackendOptions& options) {
         return make_backend(choose_backend(problem, options).name, problem, options);
       }},
      {"expr", "the stencil as one sliced array expression, run by hpcpp::expr", make_expr_backend},
      {"mpi",
       "2D blocks over MPI ranks (mpirun), ghosts by --halo sendrecv|nonblocking|neighbor, simd rows on --threads "
       "in each; auto under mpirun with several ranks",
       make_mpi_backend, true},
  };
  return all;
}

std::string default_backend_name() { return "auto"; }

bool runs_on_one_thread(std::string_view backend) {
  return backend == "reference" || backend == "fused" || backend == "simd";
}

std::unique_ptr<Backend> make_backend(std::string_view name, const Problem& problem, const BackendOptions& options) {
  std::vector<std::string> names;
  for (const auto& info : backends()) {
    if (info.name == name) return info.make(problem, options);
    names.push_back(info.name);
  }
  throw Error(fmt::format("unknown backend {} (did you mean '{}'?)", python_repr(name), closest_name(name, names)));
}

}  // namespace hpcpp::diffusion
