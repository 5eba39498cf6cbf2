// The two single-thread backends that sweep the field row by row, once per step:
//   fused: the portable stencil row (stencil.hpp), left to the compiler's vectoriser;
//   simd:  explicit AVX-512 / AVX2 rows chosen for the CPU (row_kernels.hpp), two rows per
//          pass, with cache-bypassing stores on grids far larger than the caches.
// Each forms a row's Laplacian and applies it at once, so the field is read once and
// written once per step instead of twice each as in `reference`.
#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/diffusion/cache_sizes.hpp"
#include "hpcpp/diffusion/row_kernels.hpp"
#include "hpcpp/diffusion/row_pair_sweep.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::diffusion {
namespace {

class RowSweepBackend final : public Backend {
 public:
  RowSweepBackend(const Problem& problem, bool vector_rows)
      : coefficient_(problem.coefficient),
        vector_rows_(vector_rows),
        step_site_(profile::site(vector_rows ? "simd.step" : "fused.step")) {}

  void advance(Field& dens, std::int64_t steps) override {
    match_shape(next_, dens);
    const RowsKernel rows = choose_kernel(dens);
    for (std::int64_t s = 0; s < steps; ++s) {
      const profile::Region step(step_site_);
      sweep_rows_in_pairs(rows, dens, next_, coefficient_);
      dens.swap(next_);
    }
  }

 private:
  RowsKernel choose_kernel(const Field& dens) const {
    if (!vector_rows_) return rows_kernel(SimdLevel::portable);
    const SimdLevel level = detect_simd_level();
    return streaming_stores_pay_off(dens) ? streaming_rows_kernel(level) : rows_kernel(level);
  }

  double coefficient_;
  bool vector_rows_;
  profile::SiteId step_site_;
  Field next_;
};

}  // namespace

std::unique_ptr<Backend> make_fused_backend(const Problem& problem, const BackendOptions&) {
  return std::make_unique<RowSweepBackend>(problem, false);
}

std::unique_ptr<Backend> make_simd_backend(const Problem& problem, const BackendOptions&) {
  return std::make_unique<RowSweepBackend>(problem, true);
}

}  // namespace hpcpp::diffusion
