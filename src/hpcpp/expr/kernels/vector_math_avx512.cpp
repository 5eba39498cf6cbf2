// Kernels eight lanes wide on AVX-512F: sin, cos, exp and log of float64 through glibc's
// libmvec AVX-512 entry points (documented, like the AVX2 ones, to 4 ulps); fmod
// (float64), % and // (int64) through the vector divider, and nextafter (float64), with
// the scalar kernels' bits. CMake adds -mavx512f to this file only, and kernels.cpp
// calls it only where the processor has AVX-512F. The tail of a block goes through the
// same code with masked loads and stores, so a value's result does not depend on where it
// falls in a block.
#include "hpcpp/expr/kernels/kernel_table.hpp"

#ifdef __AVX512F__
#include <immintrin.h>

#include <cmath>
#include <cstdint>
#include <type_traits>

#include "hpcpp/expr/kernels/elementwise_ops.hpp"

extern "C" {
__m512d _ZGVeN8v_sin(__m512d);
__m512d _ZGVeN8v_cos(__m512d);
__m512d _ZGVeN8v_exp(__m512d);
__m512d _ZGVeN8v_log(__m512d);
}
#endif

namespace hpcpp::expr {

#ifdef __AVX512F__
namespace {

template <__m512d (*f)(__m512d)>
void vector_math_loop(std::int64_t n, void* out, const void* const* in) {
  double* o = static_cast<double*>(out);
  const double* a = static_cast<const double*>(in[0]);
  std::int64_t i = 0;
  for (; i + 8 <= n; i += 8) _mm512_storeu_pd(o + i, f(_mm512_loadu_pd(a + i)));
  if (i < n) {
    const auto lanes = static_cast<__mmask8>((1u << (n - i)) - 1);
    _mm512_mask_storeu_pd(o + i, lanes, f(_mm512_maskz_loadu_pd(lanes, a + i)));
  }
}

// Eight pairs at a time from in[0] and in[1] (float64 or int64), the last lanes masked:
// `lanes(a, b, ok)` gives the results and clears the bits of `ok` whose lanes the scalar
// kernel F is to redo.
template <class T, class F, auto lanes>
void pairs_loop(std::int64_t n, void* out, const void* const* in) {
  T* o = static_cast<T*>(out);
  const T* x = static_cast<const T*>(in[0]);
  const T* y = static_cast<const T*>(in[1]);
  for (std::int64_t i = 0; i < n; i += 8) {
    const auto m = static_cast<__mmask8>(n - i >= 8 ? 0xff : (1u << (n - i)) - 1);
    __mmask8 ok = m;
    if constexpr (std::is_same_v<T, double>)
      _mm512_mask_storeu_pd(o + i, m, lanes(_mm512_maskz_loadu_pd(m, x + i), _mm512_maskz_loadu_pd(m, y + i), ok));
    else
      _mm512_mask_storeu_epi64(o + i, m, lanes(_mm512_maskz_loadu_epi64(m, x + i), _mm512_maskz_loadu_epi64(m, y + i), ok));
    for (int k = 0, redo = m & ~ok; redo != 0; ++k, redo >>= 1)
      if (redo & 1) o[i + k] = F::apply(x[i + k], y[i + k]);
  }
}

// _mm512_roundscale_pd starts from an undefined vector, which g++ 12 warns about.
template <int mode>
__m512d round_to_integer(__m512d v) {
  return _mm512_maskz_roundscale_pd(static_cast<__mmask8>(0xff), v, mode | _MM_FROUND_NO_EXC);
}

__m512d or_sign_of(__m512d value, __m512d sign_source) {
  const __m512i sign = _mm512_and_si512(_mm512_castpd_si512(sign_source), _mm512_set1_epi64(INT64_MIN));
  return _mm512_castsi512_pd(_mm512_or_si512(_mm512_castpd_si512(value), sign));
}

// fmod(x, y) = x - q*y with q = trunc(x/y), in one fused multiply-add: exact when q is the
// true truncated quotient, because fmod's result is representable. A rounded quotient
// below 2^52 is off by at most one, and then the remainder has the other sign than x or a
// magnitude >= |y|; such lanes, and those with a quotient >= 2^52, NaN or an infinite y,
// are redone by std::fmod.
__m512d fmod_lanes(__m512d a, __m512d b, __mmask8& ok) {
  const __m512d q = round_to_integer<_MM_FROUND_TO_ZERO>(_mm512_div_pd(a, b));
  const __m512d r = _mm512_fnmadd_pd(q, b, a);
  const __m512d abs_b = _mm512_abs_pd(b), abs_r = _mm512_abs_pd(r);
  ok &= _mm512_cmp_pd_mask(_mm512_abs_pd(q), _mm512_set1_pd(0x1p52), _CMP_LT_OQ);
  ok &= _mm512_cmp_pd_mask(abs_b, _mm512_set1_pd(INFINITY), _CMP_LT_OQ);
  ok &= _mm512_cmp_pd_mask(abs_r, abs_b, _CMP_LT_OQ);
  const __m512i sign_differs = _mm512_xor_si512(_mm512_castpd_si512(a), _mm512_castpd_si512(r));
  ok &= static_cast<__mmask8>(~_mm512_test_epi64_mask(sign_differs, _mm512_set1_epi64(INT64_MIN)) |
                              _mm512_cmp_pd_mask(r, _mm512_setzero_pd(), _CMP_EQ_OQ));
  return or_sign_of(r, a);  // a zero remainder takes x's sign, as fmod's does
}

// nextafter(x, y) on the bits, as glibc does it: x's bits one up where that moves x
// towards y (away from zero if x < y for a positive x or x > y for a negative x), one
// down otherwise; y where x == y; the least subnormal with y's sign from a zero; x + y
// where either is NaN.
__m512d nextafter_lanes(__m512d a, __m512d b, __mmask8&) {
  const __m512i bits = _mm512_castpd_si512(a), one = _mm512_set1_epi64(1);
  const __m512d zero = _mm512_setzero_pd();
  const auto away_from_zero = static_cast<__mmask8>(
      ~(_mm512_cmp_pd_mask(a, b, _CMP_LT_OQ) ^ _mm512_cmp_pd_mask(a, zero, _CMP_GT_OQ)));
  __m512i next = _mm512_mask_add_epi64(_mm512_sub_epi64(bits, one), away_from_zero, bits, one);
  next = _mm512_mask_mov_epi64(next, _mm512_cmp_pd_mask(a, zero, _CMP_EQ_OQ),
                               _mm512_castpd_si512(or_sign_of(_mm512_castsi512_pd(one), b)));
  const __m512d result = _mm512_mask_mov_pd(_mm512_castsi512_pd(next), _mm512_cmp_pd_mask(a, b, _CMP_EQ_OQ), b);
  return _mm512_mask_add_pd(result, _mm512_cmp_pd_mask(a, b, _CMP_UNORD_Q), a, b);
}

// int64 values below 2^51 in magnitude to float64 and back, exactly, through the bits of
// 2^52 + 2^51 (AVX-512F has no 64-bit integer conversions).
constexpr double magic = 0x1.8p52;
__m512d int_to_double(__m512i v) {
  const __m512i bits = _mm512_add_epi64(v, _mm512_castpd_si512(_mm512_set1_pd(magic)));
  return _mm512_sub_pd(_mm512_castsi512_pd(bits), _mm512_set1_pd(magic));
}
__m512i double_to_int(__m512d d) {
  const __m512d shifted = _mm512_add_pd(d, _mm512_set1_pd(magic));
  return _mm512_sub_epi64(_mm512_castpd_si512(shifted), _mm512_castpd_si512(_mm512_set1_pd(magic)));
}
__mmask8 below_2_51(__m512i v) {
  const __m512i limit = _mm512_set1_epi64(std::int64_t{1} << 51);
  return _mm512_cmp_epi64_mask(v, limit, _MM_CMPINT_LT) &
         _mm512_cmp_epi64_mask(v, _mm512_sub_epi64(_mm512_setzero_si512(), limit), _MM_CMPINT_NLE);
}

// Python's floor division and remainder of int64 (elementwise_ops.hpp's FloorDiv and Mod)
// in float64 where both operands are below 2^51 in magnitude: a/b rounded is within
// |a/b| * 2^-53 < 1/(4|b|) of the exact quotient, nearer than any integer the exact
// quotient is not, so its floor is the exact floor, and a - q*b is an exact integer.
// Lanes with a larger operand or b == 0 are redone by the scalar kernel (which also
// defines x % -1 == 0 and x // -1 == -x).
template <bool remainder>
__m512i int_division_lanes(__m512i ai, __m512i bi, __mmask8& ok) {
  ok &= below_2_51(ai) & below_2_51(bi) & _mm512_test_epi64_mask(bi, bi);
  const __m512d a = int_to_double(ai), b = int_to_double(bi);
  const __m512d q = round_to_integer<_MM_FROUND_TO_NEG_INF>(_mm512_div_pd(a, b));
  return double_to_int(remainder ? _mm512_fnmadd_pd(q, b, a) : q);
}

}  // namespace

bool avx512_kernels_built() { return true; }

Kernel avx512_vector_math_kernel(Op op, DType operand) {
  if (operand == DType::Int64 && op == Op::Mod) return pairs_loop<std::int64_t, ops::Mod, int_division_lanes<true>>;
  if (operand == DType::Int64 && op == Op::FloorDiv)
    return pairs_loop<std::int64_t, ops::FloorDiv, int_division_lanes<false>>;
  if (operand != DType::Float64) return nullptr;
  switch (op) {
    case Op::Fmod: return pairs_loop<double, ops::Fmod, fmod_lanes>;
    case Op::Nextafter: return pairs_loop<double, ops::Nextafter, nextafter_lanes>;
    case Op::Sin: return vector_math_loop<_ZGVeN8v_sin>;
    case Op::Cos: return vector_math_loop<_ZGVeN8v_cos>;
    case Op::Exp: return vector_math_loop<_ZGVeN8v_exp>;
    case Op::Log: return vector_math_loop<_ZGVeN8v_log>;
    default: return nullptr;
  }
}
#else
bool avx512_kernels_built() { return false; }
Kernel avx512_vector_math_kernel(Op, DType) { return nullptr; }
#endif

}  // namespace hpcpp::expr
