// The fused stencil with explicit AVX-512 / AVX2 rows (row_kernels.hpp), one thread.
#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/diffusion/cache_sizes.hpp"
#include "hpcpp/diffusion/row_kernels.hpp"

namespace hpcpp::diffusion {
namespace {

class SimdBackend final : public Backend {
 public:
  explicit SimdBackend(const Problem& problem)
      : coefficient_(problem.coefficient) {}

  void advance(Field& dens, std::int64_t steps) override {
    match_shape(next_, dens);
    const SimdLevel level = detect_simd_level();
    const RowKernel row = streaming_stores_pay_off(dens) ? streaming_row_kernel(level) : row_kernel(level);
    const std::int64_t nrows = dens.rows() - 2, ncols = dens.cols() - 2;
    for (std::int64_t s = 0; s < steps; ++s) {
      for (std::int64_t i = 1; i <= nrows; ++i)
        row(dens.row(i - 1), dens.row(i), dens.row(i + 1), next_.row(i), 1, ncols + 1, coefficient_);
      dens.swap(next_);
    }
  }

 private:
  double coefficient_;
  Field next_;
};

}  // namespace

std::unique_ptr<Backend> make_simd_backend(const Problem& problem, const BackendOptions&) {
  return std::make_unique<SimdBackend>(problem);
}

}  // namespace hpcpp::diffusion
