// sin, cos, exp and log of float64 eight at a time through glibc's libmvec AVX-512 entry
// points (documented, like the AVX2 ones, to 4 ulps); CMake adds -mavx512f to this file
// only, and kernels.cpp calls it only where the processor has AVX-512F. The tail of a
// block goes through the same function with masked loads and stores, so a value's result
// does not depend on where it falls in a block.
#include "hpcpp/expr/kernels/kernel_table.hpp"

#ifdef __AVX512F__
#include <immintrin.h>

#include <cstdint>

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

}  // namespace

bool avx512_kernels_built() { return true; }

Kernel avx512_vector_math_kernel(Op op, DType operand) {
  if (operand != DType::Float64) return nullptr;
  switch (op) {
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
