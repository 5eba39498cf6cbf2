#include "hpcpp/diffusion/row_kernels.hpp"

#include <immintrin.h>

#include <algorithm>
#include <cstdint>
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

// Eight (or, under `mask`, fewer) points of the stencil row starting at column j.
__attribute__((target("avx512f"))) inline __m512d avx512_points(const double* above, const double* here,
                                                               const double* below, std::int64_t j, __mmask8 mask,
                                                               __m512d c, __m512d four) {
  const __m512d centre = _mm512_maskz_loadu_pd(mask, here + j);
  __m512d lap = _mm512_add_pd(_mm512_maskz_loadu_pd(mask, below + j), _mm512_maskz_loadu_pd(mask, above + j));
  lap = _mm512_add_pd(lap, _mm512_maskz_loadu_pd(mask, here + j + 1));
  lap = _mm512_add_pd(lap, _mm512_maskz_loadu_pd(mask, here + j - 1));
  lap = _mm512_sub_pd(lap, _mm512_mul_pd(four, centre));
  return _mm512_add_pd(centre, _mm512_mul_pd(c, lap));
}

__mmask8 low_lanes(std::int64_t count) { return static_cast<__mmask8>((1u << count) - 1); }

// Points before the first column whose address is a multiple of 64 bytes: starting the
// full vectors there keeps three of the five loads and the store within one cache line.
std::int64_t lanes_to_alignment(const double* row, std::int64_t j, std::int64_t last) {
  const auto misalignment = static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(row + j) % 64 / sizeof(double));
  return std::min<std::int64_t>((8 - misalignment) % 8, last - j);
}

template <bool streaming>
__attribute__((target("avx512f"))) void avx512_row_impl(const double* above, const double* here, const double* below,
                                                        double* next, std::int64_t first, std::int64_t last,
                                                        double coefficient) {
  const __m512d c = _mm512_set1_pd(coefficient);
  const __m512d four = _mm512_set1_pd(4.0);
  std::int64_t j = first;
  if (const std::int64_t head = lanes_to_alignment(next, j, last); head > 0) {
    _mm512_mask_storeu_pd(next + j, low_lanes(head), avx512_points(above, here, below, j, low_lanes(head), c, four));
    j += head;
  }
  for (; j + 8 <= last; j += 8) {
    const __m512d result = avx512_points(above, here, below, j, 0xff, c, four);
    if constexpr (streaming) {
      _mm512_stream_pd(next + j, result);
    } else {
      _mm512_storeu_pd(next + j, result);
    }
  }
  if (j < last) {
    const __mmask8 tail = low_lanes(last - j);
    _mm512_mask_storeu_pd(next + j, tail, avx512_points(above, here, below, j, tail, c, four));
  }
  // Non-temporal stores are weakly ordered: complete them before other threads read.
  if constexpr (streaming) _mm_sfence();
}

void avx512_row(const double* above, const double* here, const double* below, double* next, std::int64_t first,
                std::int64_t last, double coefficient) {
  avx512_row_impl<false>(above, here, below, next, first, last, coefficient);
}

// As avx512_row, but the output bypasses the caches (non-temporal stores): on grids far
// larger than the caches this saves reading each output line before writing it.
void avx512_streaming_row(const double* above, const double* here, const double* below, double* next,
                          std::int64_t first, std::int64_t last, double coefficient) {
  avx512_row_impl<true>(above, here, below, next, first, last, coefficient);
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
