// The kernels for every x86-64 processor (SSE2).
#include "hpcpp/expr/kernels/kernel_loops.hpp"
#include "hpcpp/expr/kernels/kernel_table.hpp"

namespace hpcpp::expr {

Kernel baseline_elementwise_kernel(Op op, DType operand, int scalar_operand) { return loops::elementwise<true>(op, operand, scalar_operand); }
Kernel baseline_cast_kernel(DType from, DType to) { return loops::cast<true>(from, to); }
Reducer baseline_reduce_kernel(Op op, DType operand) { return loops::reduce<true>(op, operand); }

}  // namespace hpcpp::expr
