// The same loops compiled for AVX2 (CMake adds -mavx2 to this file only, on x86-64): twice
// the vector width, the same bits (the same IEEE operations, the same libm calls), except
// sin, cos, exp and log of float64, which use libmvec's vector functions (within 4 ulps).
#include "hpcpp/expr/kernels/kernel_loops.hpp"
#include "hpcpp/expr/kernels/kernel_table.hpp"
#ifdef __AVX2__
#include "hpcpp/expr/kernels/vector_math_avx2.hpp"
#endif

namespace hpcpp::expr {

#ifdef __AVX2__
bool avx2_kernels_built() { return true; }
Kernel avx2_elementwise_kernel(Op op, DType operand, int scalar_operand) {
  if (Kernel k = vector_math_kernel(op, operand)) return k;
  return loops::elementwise<false>(op, operand, scalar_operand);
}
Kernel avx2_cast_kernel(DType from, DType to) { return loops::cast<false>(from, to); }
Reducer avx2_reduce_kernel(Op op, DType operand) { return loops::reduce<false>(op, operand); }
#else
bool avx2_kernels_built() { return false; }
Kernel avx2_elementwise_kernel(Op, DType, int) { return nullptr; }
Kernel avx2_cast_kernel(DType, DType) { return nullptr; }
Reducer avx2_reduce_kernel(Op, DType) { return nullptr; }
#endif

}  // namespace hpcpp::expr
