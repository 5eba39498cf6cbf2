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

// The four neighbours' sum of eight points, from registers: the row's vectors at j-8, j and
// j+8 give the left and right neighbours by lane shifts, so only aligned loads reach memory.
// (The all-lanes mask form of valignq avoids g++ 12's false "uninitialized" warning on the
// unmasked intrinsic.)
__attribute__((target("avx512f"))) inline __m512d avx512_neighbours(__m512d above, __m512d below, __m512d before,
                                                                   __m512d centre, __m512d after, __m512d one) {
  const __m512d left = _mm512_castsi512_pd(
      _mm512_maskz_alignr_epi64(0xff, _mm512_castpd_si512(centre), _mm512_castpd_si512(before), 7));
  const __m512d right = _mm512_castsi512_pd(
      _mm512_maskz_alignr_epi64(0xff, _mm512_castpd_si512(after), _mm512_castpd_si512(centre), 1));
  __m512d sum = _mm512_add_pd(below, above);
  sum = _mm512_add_pd(sum, right);
  return _mm512_fmadd_pd(left, one, sum);
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

// The first half of avx512_points_from's work for eight points of each of `count` rows at
// column j: loads their vectors at j+8 into `after`, leaves the neighbours' sums in `pending`
// and the centres in `pending_centre`, and moves the rows' window on by one vector.
template <int count>
__attribute__((target("avx512f"))) inline void avx512_start_vector(const double* const* in, std::int64_t j,
                                                                  __m512d* before, __m512d* centre, __m512d* after,
                                                                  __m512d* pending, __m512d* pending_centre,
                                                                  __m512d one) {
  const __m512d top = _mm512_loadu_pd(in[0] + j), bottom = _mm512_loadu_pd(in[count + 1] + j);
  for (int r = 0; r < count; ++r) after[r] = _mm512_loadu_pd(in[r + 1] + j + 8);
  for (int r = 0; r < count; ++r) {
    const __m512d above = r == 0 ? top : centre[r - 1];
    const __m512d below = r == count - 1 ? bottom : centre[r + 1];
    pending[r] = avx512_neighbours(above, below, before[r], centre[r], after[r], one);
    pending_centre[r] = centre[r];
  }
  for (int r = 0; r < count; ++r) before[r] = centre[r], centre[r] = after[r];
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
  if (j + 16 <= last) {
    // Only lane 7 of `before` is used: the masked load reads nothing left of column j-1.
    __m512d before[count], centre[count], after[count];
    for (int r = 0; r < count; ++r) {
      before[r] = _mm512_maskz_loadu_pd(0x80, in[r + 1] + j - 8);
      centre[r] = _mm512_loadu_pd(in[r + 1] + j);
    }
    // Software-pipelined by one vector: each pass forms the neighbours' sums of vector j and
    // finishes vector j-8, whose sums the previous pass formed. The six dependent operations
    // of a point are split across two passes, so fewer of them wait in the FP scheduler.
    __m512d pending[count], pending_centre[count];
    avx512_start_vector<count>(in, j, before, centre, after, pending, pending_centre, one);
    for (j += 8; j + 16 <= last; j += 8) {
      __m512d finished[count];
      for (int r = 0; r < count; ++r) finished[r] = avx512_finish(pending_centre[r], pending[r], c, minus_four);
      avx512_start_vector<count>(in, j, before, centre, after, pending, pending_centre, one);
      for (int r = 0; r < count; ++r) store_points<streaming>(out[r] + j - 8, finished[r]);
    }
    for (int r = 0; r < count; ++r)
      store_points<streaming>(out[r] + j - 8, avx512_finish(pending_centre[r], pending[r], c, minus_four));
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
