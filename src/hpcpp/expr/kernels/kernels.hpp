#pragma once
// The loops the interpreter runs: one short loop over a block per (operation, type), so
// the compiler vectorises each on its own.
#include <cstdint>

#include "hpcpp/expr/dtype.hpp"
#include "hpcpp/expr/ops.hpp"
#include "hpcpp/expr/scalar.hpp"

namespace hpcpp::expr {

// The widest instruction set HPCPP_EXPR_ISA allows: baseline, avx2, or (unset) avx512.
enum class RequestedIsa { baseline, avx2, avx512 };
RequestedIsa requested_isa();

using Kernel = void (*)(std::int64_t n, void* out, const void* const* in);
// Folds n elements into *accumulator (of the element type).
using Reducer = void (*)(std::int64_t n, void* accumulator, const void* in);

// The kernel of `op` on operands of type `operand`; nullptr where numexpr defines none.
// `scalar_operand` 1 or 2: the kernel of a binary operation whose first or second
// operand is a single value.
Kernel elementwise_kernel(Op op, DType operand, int scalar_operand = 0);
DType result_dtype(Op op, DType operand);
Kernel cast_kernel(DType from, DType to);
Reducer reduce_kernel(Op op, DType operand);
Scalar reduction_identity(Op op, DType operand);
// Combines two accumulators: *into = *into (op) *from.
void combine_accumulators(Op op, DType operand, void* into, const void* from);

// Strided copies between memory and a contiguous block, by element size in bytes.
void gather(std::int64_t n, void* block, const char* source, std::int64_t stride, std::size_t item_size);
void scatter(std::int64_t n, char* target, std::int64_t stride, const void* block, std::size_t item_size);
void fill(std::int64_t n, void* block, const Scalar& value);

}  // namespace hpcpp::expr
