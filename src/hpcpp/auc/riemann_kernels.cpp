#include "hpcpp/auc/riemann_kernels.hpp"

#include "hpcpp/auc/curve.hpp"

// target_clones picks the instruction set at load time through an ifunc resolver; under
// ThreadSanitizer the resolver runs before the sanitizer's runtime is ready and crashes, so
// that build keeps the baseline instructions only.
#ifdef __SANITIZE_THREAD__
#define HPCPP_VECTOR_CLONES
#else
#define HPCPP_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif

namespace hpcpp::auc {

CompensatedSum riemann_points(std::int64_t begin, std::int64_t end, std::int64_t n) {
  const double dx = x_end / static_cast<double>(n);  // the interval starts at 0
  CompensatedSum area;
  for (std::int64_t i = begin; i < end; ++i) area.add(curve(static_cast<double>(i) * dx) * dx);
  return area;
}

HPCPP_VECTOR_CLONES
CompensatedSum riemann_points_simd(std::int64_t begin, std::int64_t end, std::int64_t n) {
  constexpr int lanes = 32;
  const double dx = x_end / static_cast<double>(n);  // the interval starts at 0
  double index[lanes], sum[lanes], lost[lanes];
  for (int l = 0; l < lanes; ++l) {
    index[l] = static_cast<double>(begin + l);  // exact: indices stay below 2^53
    sum[l] = 0.0;
    lost[l] = 0.0;
  }
  std::int64_t i = begin;
  for (; i + lanes <= end; i += lanes) {
    for (int l = 0; l < lanes; ++l) {
      // Kahan suffices in a lane: every term is positive (the curve stays above 1.5).
      const double term = curve(index[l] * dx) * dx - lost[l];
      const double t = sum[l] + term;
      lost[l] = (t - sum[l]) - term;
      sum[l] = t;
      index[l] += lanes;
    }
  }
  CompensatedSum area;
  for (int l = 0; l < lanes; ++l) {
    area.add(sum[l]);
    area.add(-lost[l]);
  }
  area.add(riemann_points(i, end, n));
  return area;
}

}  // namespace hpcpp::auc
