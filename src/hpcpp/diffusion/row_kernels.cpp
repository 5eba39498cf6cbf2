#include "hpcpp/diffusion/row_kernels.hpp"

#include <immintrin.h>

#include <cstdlib>
#include <string>

#include "hpcpp/diffusion/stencil.hpp"

namespace hpcpp::diffusion {
namespace {

void portable_row(const double* above, const double* here, const double* below, double* next, std::int64_t first,
                  std::int64_t last, double coefficient) {
  stencil_row(above, here, below, next, first, last, coefficient);
}

__attribute__((target("avx2"))) void avx2_row(const double* above, const double* here, const double* below,
                                              double* next, std::int64_t first, std::int64_t last,
                                              double coefficient) {
  const __m256d c = _mm256_set1_pd(coefficient);
  const __m256d four = _mm256_set1_pd(4.0);
  std::int64_t j = first;
  for (; j + 4 <= last; j += 4) {
    const __m256d centre = _mm256_loadu_pd(here + j);
    __m256d lap = _mm256_add_pd(_mm256_loadu_pd(below + j), _mm256_loadu_pd(above + j));
    lap = _mm256_add_pd(lap, _mm256_loadu_pd(here + j + 1));
    lap = _mm256_add_pd(lap, _mm256_loadu_pd(here + j - 1));
    lap = _mm256_sub_pd(lap, _mm256_mul_pd(four, centre));
    _mm256_storeu_pd(next + j, _mm256_add_pd(centre, _mm256_mul_pd(c, lap)));
  }
  stencil_row(above, here, below, next, j, last, coefficient);
}

__attribute__((target("avx512f"))) void avx512_row(const double* above, const double* here, const double* below,
                                                   double* next, std::int64_t first, std::int64_t last,
                                                   double coefficient) {
  const __m512d c = _mm512_set1_pd(coefficient);
  const __m512d four = _mm512_set1_pd(4.0);
  std::int64_t j = first;
  for (; j + 8 <= last; j += 8) {
    const __m512d centre = _mm512_loadu_pd(here + j);
    __m512d lap = _mm512_add_pd(_mm512_loadu_pd(below + j), _mm512_loadu_pd(above + j));
    lap = _mm512_add_pd(lap, _mm512_loadu_pd(here + j + 1));
    lap = _mm512_add_pd(lap, _mm512_loadu_pd(here + j - 1));
    lap = _mm512_sub_pd(lap, _mm512_mul_pd(four, centre));
    _mm512_storeu_pd(next + j, _mm512_add_pd(centre, _mm512_mul_pd(c, lap)));
  }
  if (j < last) {
    // The tail with a mask instead of a scalar loop.
    const __mmask8 mask = static_cast<__mmask8>((1u << (last - j)) - 1);
    const __m512d centre = _mm512_maskz_loadu_pd(mask, here + j);
    __m512d lap = _mm512_add_pd(_mm512_maskz_loadu_pd(mask, below + j), _mm512_maskz_loadu_pd(mask, above + j));
    lap = _mm512_add_pd(lap, _mm512_maskz_loadu_pd(mask, here + j + 1));
    lap = _mm512_add_pd(lap, _mm512_maskz_loadu_pd(mask, here + j - 1));
    lap = _mm512_sub_pd(lap, _mm512_mul_pd(four, centre));
    _mm512_mask_storeu_pd(next + j, mask, _mm512_add_pd(centre, _mm512_mul_pd(c, lap)));
  }
}

// As avx512_row, but the output bypasses the caches (non-temporal stores): on grids far
// larger than the caches this saves reading each output line before writing it.
__attribute__((target("avx512f"))) void avx512_streaming_row(const double* above, const double* here,
                                                             const double* below, double* next, std::int64_t first,
                                                             std::int64_t last, double coefficient) {
  std::int64_t j = first;
  while (j < last && reinterpret_cast<std::uintptr_t>(next + j) % 64 != 0) ++j;
  stencil_row(above, here, below, next, first, j, coefficient);
  const __m512d c = _mm512_set1_pd(coefficient);
  const __m512d four = _mm512_set1_pd(4.0);
  for (; j + 8 <= last; j += 8) {
    const __m512d centre = _mm512_loadu_pd(here + j);
    __m512d lap = _mm512_add_pd(_mm512_loadu_pd(below + j), _mm512_loadu_pd(above + j));
    lap = _mm512_add_pd(lap, _mm512_loadu_pd(here + j + 1));
    lap = _mm512_add_pd(lap, _mm512_loadu_pd(here + j - 1));
    lap = _mm512_sub_pd(lap, _mm512_mul_pd(four, centre));
    _mm512_stream_pd(next + j, _mm512_add_pd(centre, _mm512_mul_pd(c, lap)));
  }
  stencil_row(above, here, below, next, j, last, coefficient);
  // Non-temporal stores are weakly ordered: complete them before other threads read.
  _mm_sfence();
}

SimdLevel cpu_simd_level() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return SimdLevel::avx512;
  if (__builtin_cpu_supports("avx2")) return SimdLevel::avx2;
  return SimdLevel::portable;
}

}  // namespace

SimdLevel detect_simd_level() {
  static const SimdLevel level = [] {
    SimdLevel best = cpu_simd_level();
    if (const char* requested = std::getenv("HPCPP_SIMD")) {
      const std::string r = requested;
      const SimdLevel wanted = r == "portable" ? SimdLevel::portable : r == "avx2" ? SimdLevel::avx2 : best;
      if (wanted < best) best = wanted;
    }
    return best;
  }();
  return level;
}

std::string_view simd_level_name(SimdLevel level) {
  switch (level) {
    case SimdLevel::avx512: return "avx512";
    case SimdLevel::avx2: return "avx2";
    case SimdLevel::portable: break;
  }
  return "portable";
}

RowKernel streaming_row_kernel(SimdLevel level) {
  return level == SimdLevel::avx512 ? avx512_streaming_row : row_kernel(level);
}

RowKernel row_kernel(SimdLevel level) {
  switch (level) {
    case SimdLevel::avx512: return avx512_row;
    case SimdLevel::avx2: return avx2_row;
    case SimdLevel::portable: break;
  }
  return portable_row;
}

}  // namespace hpcpp::diffusion
