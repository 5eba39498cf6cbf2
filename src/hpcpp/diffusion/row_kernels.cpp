#include "hpcpp/diffusion/row_kernels.hpp"

#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "hpcpp/core/cpu_features.hpp"
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

// `lap - 4*centre` rounds once, and 4*centre is exact (a power of two times a double), so
// fma(-4, centre, lap) gives the same bits as the subtraction of the separate product.
// fma(x, 1, y) is likewise x + y rounded once; it moves one addition from the two adder
// pipes to the two multiply pipes.

// Eight (or, under `mask`, fewer) points of the stencil row starting at column j.
__attribute__((target("avx512f"))) inline __m512d avx512_points(const double* above, const double* here,
                                                               const double* below, std::int64_t j, __mmask8 mask,
                                                               __m512d c, __m512d minus_four) {
  const __m512d centre = _mm512_maskz_loadu_pd(mask, here + j);
  __m512d lap = _mm512_add_pd(_mm512_maskz_loadu_pd(mask, below + j), _mm512_maskz_loadu_pd(mask, above + j));
  lap = _mm512_add_pd(lap, _mm512_maskz_loadu_pd(mask, here + j + 1));
  lap = _mm512_add_pd(lap, _mm512_maskz_loadu_pd(mask, here + j - 1));
  lap = _mm512_fmadd_pd(minus_four, centre, lap);
  return _mm512_add_pd(centre, _mm512_mul_pd(c, lap));
}

// Eight points from their centre and their neighbours' sum.
__attribute__((target("avx512f"))) inline __m512d avx512_finish(__m512d centre, __m512d neighbours, __m512d c,
                                                               __m512d minus_four) {
  const __m512d lap = _mm512_fmadd_pd(minus_four, centre, neighbours);
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
__attribute__((target("avx512f"))) inline void store_points(double* at, __m512d value) {
  if constexpr (streaming) {
    _mm512_stream_pd(at, value);
  } else {
    _mm512_storeu_pd(at, value);
  }
}

// `count` (1 or 2) consecutive rows: in[0..count+1] are the rows above, at and below them,
// out[0..count-1] the results. Two rows per pass share their vertical loads.
template <int count, bool streaming>
__attribute__((target("avx512f"))) void avx512_rows_impl(const double* const* rows_in, double* const* rows_out,
                                                         std::int64_t first, std::int64_t last, double coefficient) {
  // Local copies: the stores could alias the caller's pointer arrays, which would make the
  // compiler reload every pointer in every iteration.
  const double* in[count + 2];
  double* out[count];
  for (int r = 0; r < count + 2; ++r) in[r] = rows_in[r];
  for (int r = 0; r < count; ++r) out[r] = rows_out[r];
  const __m512d c = _mm512_set1_pd(coefficient);
  const __m512d minus_four = _mm512_set1_pd(-4.0);
  const __m512d one = _mm512_set1_pd(1.0);
  std::int64_t j = first;
  if (const std::int64_t head = lanes_to_alignment(out[0], j, last); head > 0) {
    for (int r = 0; r < count; ++r)
      _mm512_mask_storeu_pd(out[r] + j, low_lanes(head),
                            avx512_points(in[r], in[r + 1], in[r + 2], j, low_lanes(head), c, minus_four));
    j += head;
  }
  if (j + 24 <= last) {
    // Only lane 7 of `before` is used: the masked load reads nothing left of column j-1.
    __m512d before[count], centre[count], after[count];
    for (int r = 0; r < count; ++r) {
      before[r] = _mm512_maskz_loadu_pd(0x80, in[r + 1] + j - 8);
      centre[r] = _mm512_loadu_pd(in[r + 1] + j);
    }
    // Software-pipelined over three vectors: each pass loads the vectors at j, forms their
    // vertical sums and their left and right neighbours by lane shifts (from the row's vectors
    // at j-8, j and j+8, so only aligned loads reach memory), adds the neighbours of j-8 and
    // finishes j-16. A point's chain of dependent operations (about 30 cycles) is spread over
    // three passes, so fewer operations wait in the FP scheduler at a time. (The all-lanes
    // mask form of valignq avoids g++ 12's false "uninitialized" warning on the unmasked
    // intrinsic.)
    __m512d vsum[count], left[count], right[count], c1[count], hsum[count], c2[count];
    auto stage1 = [&](std::int64_t at) __attribute__((always_inline, target("avx512f"))) {
      const __m512d top = _mm512_loadu_pd(in[0] + at), bottom = _mm512_loadu_pd(in[count + 1] + at);
      for (int r = 0; r < count; ++r) after[r] = _mm512_loadu_pd(in[r + 1] + at + 8);
      for (int r = 0; r < count; ++r) {
        const __m512d above = r == 0 ? top : centre[r - 1];
        const __m512d below = r == count - 1 ? bottom : centre[r + 1];
        left[r] = _mm512_castsi512_pd(
            _mm512_maskz_alignr_epi64(0xff, _mm512_castpd_si512(centre[r]), _mm512_castpd_si512(before[r]), 7));
        right[r] = _mm512_castsi512_pd(
            _mm512_maskz_alignr_epi64(0xff, _mm512_castpd_si512(after[r]), _mm512_castpd_si512(centre[r]), 1));
        vsum[r] = _mm512_add_pd(below, above);
        c1[r] = centre[r];
      }
      for (int r = 0; r < count; ++r) before[r] = centre[r], centre[r] = after[r];
    };
    auto stage2 = [&]() __attribute__((always_inline, target("avx512f"))) {
      for (int r = 0; r < count; ++r) {
        hsum[r] = _mm512_fmadd_pd(left[r], one, _mm512_add_pd(vsum[r], right[r]));
        c2[r] = c1[r];
      }
    };
    stage1(j);
    stage2();
    stage1(j + 8);
    for (j += 16; j + 16 <= last; j += 8) {
      __m512d finished[count];
      for (int r = 0; r < count; ++r) finished[r] = avx512_finish(c2[r], hsum[r], c, minus_four);
      stage2();
      stage1(j);
      for (int r = 0; r < count; ++r) store_points<streaming>(out[r] + j - 16, finished[r]);
    }
    for (int r = 0; r < count; ++r)
      store_points<streaming>(out[r] + j - 16, avx512_finish(c2[r], hsum[r], c, minus_four));
    stage2();
    for (int r = 0; r < count; ++r)
      store_points<streaming>(out[r] + j - 8, avx512_finish(c2[r], hsum[r], c, minus_four));
  }
  for (; j + 8 <= last; j += 8)
    for (int r = 0; r < count; ++r)
      store_points<streaming>(out[r] + j, avx512_points(in[r], in[r + 1], in[r + 2], j, 0xff, c, minus_four));
  if (j < last) {
    const __mmask8 tail = low_lanes(last - j);
    for (int r = 0; r < count; ++r)
      _mm512_mask_storeu_pd(out[r] + j, tail, avx512_points(in[r], in[r + 1], in[r + 2], j, tail, c, minus_four));
  }
  // Non-temporal stores are weakly ordered: complete them before other threads read.
  if constexpr (streaming) _mm_sfence();
}

template <bool streaming>
void avx512_row_impl(const double* above, const double* here, const double* below, double* next, std::int64_t first,
                     std::int64_t last, double coefficient) {
  const double* in[] = {above, here, below};
  avx512_rows_impl<1, streaming>(in, &next, first, last, coefficient);
}

template <bool streaming>
void avx512_rows(const double* const* in, double* const* out, std::int64_t count, std::int64_t first,
                 std::int64_t last, double coefficient) {
  std::int64_t r = 0;
  // Pairs only where both rows share their alignment (always so in a Field).
  if (count > 1 && lanes_to_alignment(out[0], first, last) == lanes_to_alignment(out[1], first, last))
    for (; r + 2 <= count; r += 2) avx512_rows_impl<2, streaming>(in + r, out + r, first, last, coefficient);
  for (; r < count; ++r) avx512_rows_impl<1, streaming>(in + r, out + r, first, last, coefficient);
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
  if (cpu_has(CpuFeature::avx512f)) return SimdLevel::avx512;
  if (cpu_has(CpuFeature::avx2)) return SimdLevel::avx2;
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

namespace {
template <RowKernel row>
void rows_one_by_one(const double* const* in, double* const* out, std::int64_t count, std::int64_t first,
                     std::int64_t last, double coefficient) {
  for (std::int64_t r = 0; r < count; ++r) row(in[r], in[r + 1], in[r + 2], out[r], first, last, coefficient);
}
}  // namespace

RowsKernel rows_kernel(SimdLevel level) {
  switch (level) {
    case SimdLevel::avx512: return avx512_rows<false>;
    case SimdLevel::avx2: return rows_one_by_one<avx2_row>;
    case SimdLevel::portable: break;
  }
  return rows_one_by_one<portable_row>;
}

RowsKernel streaming_rows_kernel(SimdLevel level) {
  return level == SimdLevel::avx512 ? avx512_rows<true> : rows_kernel(level);
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
