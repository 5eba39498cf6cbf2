#pragma once
// The kernel tables of each instruction set the library is built for; kernels.cpp
// chooses between them once, by what the processor supports.
#include "hpcpp/expr/kernels/kernels.hpp"

namespace hpcpp::expr {

Kernel baseline_elementwise_kernel(Op op, DType operand, int scalar_operand = 0);
Kernel baseline_cast_kernel(DType from, DType to);
Reducer baseline_reduce_kernel(Op op, DType operand);

// nullptr where the AVX2 table has no kernel (complex numbers) or was not built.
bool avx2_kernels_built();
Kernel avx2_elementwise_kernel(Op op, DType operand, int scalar_operand = 0);
Kernel avx2_cast_kernel(DType from, DType to);
Reducer avx2_reduce_kernel(Op op, DType operand);

// sin, cos, exp, log of float64 through libmvec's AVX-512 functions; nullptr otherwise.
bool avx512_kernels_built();
Kernel avx512_vector_math_kernel(Op op, DType operand);

}  // namespace hpcpp::expr
