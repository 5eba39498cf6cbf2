#pragma once
// sin, cos, exp and log of float64 four at a time through glibc's libmvec (AVX2 entry
// points; glibc documents them to 4 ulps), for the AVX2 kernel table only. Every element,
// the tail of a block included, goes through the vector function, so a value's result
// does not depend on where it falls in a block.
#include <immintrin.h>

#include <cstdint>

#include "hpcpp/expr/kernels/kernels.hpp"

extern "C" {
__m256d _ZGVdN4v_sin(__m256d);
__m256d _ZGVdN4v_cos(__m256d);
__m256d _ZGVdN4v_exp(__m256d);
__m256d _ZGVdN4v_log(__m256d);
}

namespace hpcpp::expr {
namespace {

template <__m256d (*f)(__m256d)>
void vector_math_loop(std::int64_t n, void* out, const void* const* in) {
  double* o = static_cast<double*>(out);
  const double* a = static_cast<const double*>(in[0]);
  std::int64_t i = 0;
  for (; i + 4 <= n; i += 4) _mm256_storeu_pd(o + i, f(_mm256_loadu_pd(a + i)));
  if (i < n) {
    alignas(32) double tail[4] = {0, 0, 0, 0};
    for (std::int64_t k = i; k < n; ++k) tail[k - i] = a[k];
    _mm256_store_pd(tail, f(_mm256_load_pd(tail)));
    for (std::int64_t k = i; k < n; ++k) o[k] = tail[k - i];
  }
}

// The libmvec kernel of `op` on float64, or nullptr.
inline Kernel vector_math_kernel(Op op, DType operand) {
  if (operand != DType::Float64) return nullptr;
  switch (op) {
    case Op::Sin: return vector_math_loop<_ZGVdN4v_sin>;
    case Op::Cos: return vector_math_loop<_ZGVdN4v_cos>;
    case Op::Exp: return vector_math_loop<_ZGVdN4v_exp>;
    case Op::Log: return vector_math_loop<_ZGVdN4v_log>;
    default: return nullptr;
  }
}

}  // namespace
}  // namespace hpcpp::expr
