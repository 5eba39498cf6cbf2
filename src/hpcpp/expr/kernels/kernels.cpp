#include "hpcpp/expr/kernels/kernels.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "hpcpp/core/cpu_features.hpp"
#include "hpcpp/expr/kernels/elementwise_ops.hpp"
#include "hpcpp/expr/kernels/kernel_table.hpp"

namespace hpcpp::expr {
namespace {

// AVX2 where the processor has it, unless HPCPP_EXPR_ISA=baseline asks otherwise.
bool use_avx2() {
  static const bool avx2 = [] {
    if (requested_isa() == RequestedIsa::baseline) return false;
    return avx2_kernels_built() && cpu_has(CpuFeature::avx2);
  }();
  return avx2;
}

// libmvec's AVX-512 functions where the processor has AVX-512F, unless HPCPP_EXPR_ISA asks
// for baseline or avx2.
bool use_avx512() {
  static const bool avx512 = [] {
    if (requested_isa() != RequestedIsa::avx512) return false;
    return use_avx2() && avx512_kernels_built() && cpu_has(CpuFeature::avx512f);
  }();
  return avx512;
}

template <std::size_t Size>
struct Item {
  unsigned char bytes[Size];
};

template <std::size_t Size>
void gather_items(std::int64_t n, void* block, const char* source, std::int64_t stride) {
  auto* out = static_cast<Item<Size>*>(block);
  for (std::int64_t i = 0; i < n; ++i) std::memcpy(&out[i], source + i * stride, Size);
}

template <std::size_t Size>
void scatter_items(std::int64_t n, char* target, std::int64_t stride, const void* block) {
  const auto* in = static_cast<const Item<Size>*>(block);
  for (std::int64_t i = 0; i < n; ++i) std::memcpy(target + i * stride, &in[i], Size);
}

}  // namespace

RequestedIsa requested_isa() {
  const char* forced = std::getenv("HPCPP_EXPR_ISA");
  if (forced && std::string_view(forced) == "baseline") return RequestedIsa::baseline;
  if (forced && std::string_view(forced) == "avx2") return RequestedIsa::avx2;
  return RequestedIsa::avx512;
}

Kernel elementwise_kernel(Op op, DType operand, int scalar_operand) {
  if (operand == DType::Bytes) return nullptr;
  if (use_avx512() && scalar_operand == 0)
    if (Kernel k = avx512_vector_math_kernel(op, operand)) return k;
  if (use_avx2())
    if (Kernel k = avx2_elementwise_kernel(op, operand, scalar_operand)) return k;
  return baseline_elementwise_kernel(op, operand, scalar_operand);
}

DType result_dtype(Op op, DType operand) {
  if (is_comparison(op) || is_predicate(op)) return DType::Bool;
  if (op == Op::Real || op == Op::Imag) return DType::Float64;
  if (op == Op::Complex) return DType::Complex128;
  return operand;
}

Kernel cast_kernel(DType from, DType to) {
  if (from == DType::Bytes || to == DType::Bytes) return nullptr;
  if (use_avx2())
    if (Kernel k = avx2_cast_kernel(from, to)) return k;
  return baseline_cast_kernel(from, to);
}

Reducer reduce_kernel(Op op, DType operand) {
  if (operand == DType::Bytes) return nullptr;
  if (use_avx2())
    if (Reducer r = avx2_reduce_kernel(op, operand)) return r;
  return baseline_reduce_kernel(op, operand);
}

Scalar reduction_identity(Op op, DType operand) {
  return visit_dtype(operand, [op](auto t) {
    using T = decltype(t);
    if constexpr (ops::is_int_v<T> || ops::is_real_v<T>) {
      if (op == Op::Min) return Scalar::of(ops::Minimum::identity<T>());
      if (op == Op::Max) return Scalar::of(ops::Maximum::identity<T>());
    }
    return Scalar::of(static_cast<T>(op == Op::Sum ? 0 : 1));
  });
}

void combine_accumulators(Op op, DType operand, void* into, const void* from) {
  reduce_kernel(op, operand)(1, into, from);
}

void gather(std::int64_t n, void* block, const char* source, std::int64_t stride, std::size_t item_size) {
  switch (item_size) {
    case 1: return gather_items<1>(n, block, source, stride);
    case 4: return gather_items<4>(n, block, source, stride);
    case 8: return gather_items<8>(n, block, source, stride);
    default: return gather_items<16>(n, block, source, stride);
  }
}

void scatter(std::int64_t n, char* target, std::int64_t stride, const void* block, std::size_t item_size) {
  switch (item_size) {
    case 1: return scatter_items<1>(n, target, stride, block);
    case 4: return scatter_items<4>(n, target, stride, block);
    case 8: return scatter_items<8>(n, target, stride, block);
    default: return scatter_items<16>(n, target, stride, block);
  }
}

void fill(std::int64_t n, void* block, const Scalar& value) {
  if (value.dtype == DType::Bytes) return;
  visit_dtype(value.dtype, [&](auto zero) {
    using T = decltype(zero);
    std::fill_n(static_cast<T*>(block), n, value.as<T>());
  });
}

}  // namespace hpcpp::expr
