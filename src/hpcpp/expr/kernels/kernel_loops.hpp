#pragma once
// The kernels' loops as templates, included by one file per instruction set
// (kernels_baseline.cpp, kernels_avx2.cpp) inside an anonymous namespace, so each
// compilation keeps its own copies and the dispatcher picks a table at run time.
// Complex kernels exist only in the baseline table: their library templates could
// otherwise be shared between the two compilations.
#include <bit>
#include <cstdint>
#include <type_traits>

#include "hpcpp/expr/kernels/elementwise_ops.hpp"
#include "hpcpp/expr/kernels/kernels.hpp"

namespace hpcpp::expr {
namespace {
namespace loops {

using namespace ops;

template <class R, class A, class F>
void unary_loop(std::int64_t n, void* out, const void* const* in) {
  R* o = static_cast<R*>(out);
  const A* a = static_cast<const A*>(in[0]);
  for (std::int64_t i = 0; i < n; ++i) o[i] = F::apply(a[i]);
}

// `scalar` 1 or 2: the first or second operand is one value (a constant), read once.
template <class R, class A, class F, int scalar = 0>
void binary_loop(std::int64_t n, void* out, const void* const* in) {
  R* o = static_cast<R*>(out);
  const A* a = static_cast<const A*>(in[0]);
  const A* b = static_cast<const A*>(in[1]);
  if constexpr (scalar == 1) {
    const A x = a[0];
    for (std::int64_t i = 0; i < n; ++i) o[i] = F::apply(x, b[i]);
  } else if constexpr (scalar == 2) {
    const A y = b[0];
    for (std::int64_t i = 0; i < n; ++i) o[i] = F::apply(a[i], y);
  } else {
    for (std::int64_t i = 0; i < n; ++i) o[i] = F::apply(a[i], b[i]);
  }
}

// Both branches are loaded and blended through an all-ones or all-zeros mask of their
// width, so the loop vectorises (a bool-indexed choice between doubles does not).
template <class T>
void where_loop(std::int64_t n, void* out, const void* const* in) {
  T* o = static_cast<T*>(out);
  const bool* c = static_cast<const bool*>(in[0]);
  const T* a = static_cast<const T*>(in[1]);
  const T* b = static_cast<const T*>(in[2]);
  if constexpr (sizeof(T) == 4 || sizeof(T) == 8) {
    // Read as bytes (0 or 1): the vectoriser does not widen bool.
    const auto* flag = static_cast<const unsigned char*>(in[0]);
    using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    for (std::int64_t i = 0; i < n; ++i) {
      const Bits mask = Bits{0} - static_cast<Bits>(flag[i]);
      const Bits chosen = (std::bit_cast<Bits>(a[i]) & mask) | (std::bit_cast<Bits>(b[i]) & ~mask);
      o[i] = std::bit_cast<T>(chosen);
    }
  } else {
    for (std::int64_t i = 0; i < n; ++i) o[i] = c[i] ? a[i] : b[i];
  }
}

template <class From, class To>
void cast_loop(std::int64_t n, void* out, const void* const* in) {
  To* o = static_cast<To*>(out);
  const From* a = static_cast<const From*>(in[0]);
  for (std::int64_t i = 0; i < n; ++i) {
    if constexpr (std::is_same_v<From, To>) o[i] = a[i];
    else if constexpr (is_complex_v<To>) o[i] = To(static_cast<double>(a[i]), 0.0);
    else o[i] = static_cast<To>(a[i]);
  }
}

template <class T, int S>
Kernel math_kernel(Op op) {
  if constexpr (is_real_v<T> || is_complex_v<T>) {
    switch (op) {
      case Op::Sin: return unary_loop<T, T, Sin>;
      case Op::Cos: return unary_loop<T, T, Cos>;
      case Op::Tan: return unary_loop<T, T, Tan>;
      case Op::Arcsin: return unary_loop<T, T, Arcsin>;
      case Op::Arccos: return unary_loop<T, T, Arccos>;
      case Op::Arctan: return unary_loop<T, T, Arctan>;
      case Op::Sinh: return unary_loop<T, T, Sinh>;
      case Op::Cosh: return unary_loop<T, T, Cosh>;
      case Op::Tanh: return unary_loop<T, T, Tanh>;
      case Op::Arcsinh: return unary_loop<T, T, Arcsinh>;
      case Op::Arccosh: return unary_loop<T, T, Arccosh>;
      case Op::Arctanh: return unary_loop<T, T, Arctanh>;
      case Op::Log: return unary_loop<T, T, Log>;
      case Op::Log10: return unary_loop<T, T, Log10>;
      case Op::Log1p: return unary_loop<T, T, Log1p>;
      case Op::Exp: return unary_loop<T, T, Exp>;
      case Op::Expm1: return unary_loop<T, T, Expm1>;
      case Op::Sqrt: return unary_loop<T, T, Sqrt>;
      case Op::Abs: return unary_loop<T, T, Abs>;
      case Op::Log2: return unary_loop<T, T, Log2>;
      case Op::Isnan: return unary_loop<bool, T, Isnan>;
      case Op::Isfinite: return unary_loop<bool, T, Isfinite>;
      case Op::Isinf: return unary_loop<bool, T, Isinf>;
      case Op::Sign: return unary_loop<T, T, Sign>;
      case Op::Round: return unary_loop<T, T, Round>;
      case Op::Div: return binary_loop<T, T, Div, S>;
      case Op::Pow: return binary_loop<T, T, Pow, S>;
      default: break;
    }
  }
  if constexpr (is_real_v<T>) {
    if (op == Op::Arctan2) return binary_loop<T, T, Arctan2, S>;
    if (op == Op::Mod) return binary_loop<T, T, Mod, S>;
    if (op == Op::Fmod) return binary_loop<T, T, Fmod, S>;
    if (op == Op::Ceil) return unary_loop<T, T, Ceil>;
    if (op == Op::Floor) return unary_loop<T, T, Floor>;
    if (op == Op::FloorDiv) return binary_loop<T, T, FloorDiv, S>;
    if (op == Op::Signbit) return unary_loop<bool, T, Signbit>;
    if (op == Op::Trunc) return unary_loop<T, T, Trunc>;
    if (op == Op::Hypot) return binary_loop<T, T, Hypot, S>;
    if (op == Op::Copysign) return binary_loop<T, T, Copysign, S>;
    if (op == Op::Nextafter) return binary_loop<T, T, Nextafter, S>;
  }
  return nullptr;
}

template <class T, int S>
Kernel comparison_kernel(Op op) {
  if constexpr (!is_complex_v<T>) {
    switch (op) {
      case Op::Lt: return binary_loop<bool, T, Lt, S>;
      case Op::Le: return binary_loop<bool, T, Le, S>;
      case Op::Ge: return binary_loop<bool, T, Ge, S>;
      case Op::Gt: return binary_loop<bool, T, Gt, S>;
      default: break;
    }
  }
  if (op == Op::Eq) return binary_loop<bool, T, Eq, S>;
  if (op == Op::Ne) return binary_loop<bool, T, Ne, S>;
  return nullptr;
}

template <class T, int S>
Kernel kernel_of_type(Op op) {
  if (S != 0 && op_info(op).arity != 2) return nullptr;
  if (op == Op::Copy) return unary_loop<T, T, Identity>;
  if (op == Op::Where) return where_loop<T>;
  if (op == Op::OnesLike) return unary_loop<T, T, OnesLike>;
  if (is_comparison(op)) return comparison_kernel<T, S>(op);
  if constexpr (std::is_same_v<T, bool> || is_int_v<T>) {
    if (op == Op::And) return binary_loop<T, T, And, S>;
    if (op == Op::Or) return binary_loop<T, T, Or, S>;
    if (op == Op::Xor) return binary_loop<T, T, Xor, S>;
    if (op == Op::Invert) return unary_loop<T, T, Invert>;
  }
  if constexpr (std::is_same_v<T, bool>) {
    // numpy's + and * of bools: or and and.
    if (op == Op::Add) return binary_loop<bool, bool, Or, S>;
    if (op == Op::Mul) return binary_loop<bool, bool, And, S>;
  }
  if constexpr (is_number_v<T>) {
    if (op == Op::Add) return binary_loop<T, T, Add, S>;
    if (op == Op::Sub) return binary_loop<T, T, Sub, S>;
    if (op == Op::Mul) return binary_loop<T, T, Mul, S>;
    if (op == Op::Neg) return unary_loop<T, T, Neg>;
  }
  if constexpr (is_int_v<T> || is_real_v<T>) {
    if (op == Op::Maximum) return binary_loop<T, T, Maximum, S>;
    if (op == Op::Minimum) return binary_loop<T, T, Minimum, S>;
  }
  if constexpr (is_int_v<T>) {
    if (op == Op::Mod) return binary_loop<T, T, Mod, S>;
    if (op == Op::FloorDiv) return binary_loop<T, T, FloorDiv, S>;
    if (op == Op::Pow) return binary_loop<T, T, Pow, S>;
    if (op == Op::Abs) return unary_loop<T, T, Abs>;
    if (op == Op::Sign) return unary_loop<T, T, Sign>;
    if (op == Op::Round) return unary_loop<T, T, Round>;
    if (op == Op::Shl) return binary_loop<T, T, Shl, S>;
    if (op == Op::Shr) return binary_loop<T, T, Shr, S>;
  }
  if constexpr (is_complex_v<T>) {
    if (op == Op::Conj) return unary_loop<T, T, Conj>;
    if (op == Op::Real) return unary_loop<double, T, Real>;
    if (op == Op::Imag) return unary_loop<double, T, Imag>;
  }
  if constexpr (std::is_same_v<T, double>) {
    if (op == Op::Complex) return binary_loop<complex128, double, MakeComplex, S>;
  }
  return math_kernel<T, S>(op);
}

template <class T, class F> inline constexpr bool is_float_min_max_v =
    is_real_v<T> && (std::is_same_v<F, Minimum> || std::is_same_v<F, Maximum>);

// Eight running partial results, so the loop carries no single dependency chain and
// vectorises; they are folded in a fixed order, so a result depends only on the blocks.
// min and max of floats first go through the block without testing each pair for NaN
// (which keeps the loop from vectorising); a block holding a NaN (or an infinity) is then
// done again with the test, so the result, NaN included, is the same.
template <class T, class F>
void reduce_loop(std::int64_t n, void* accumulator, const void* in) {
  const T* a = static_cast<const T*>(in);
  T* acc = static_cast<T*>(accumulator);
  constexpr int lanes = 8;
  T part[lanes];
  for (int k = 0; k < lanes; ++k) part[k] = F::template identity<T>();
  std::int64_t i = 0;
  bool general = true;
  if constexpr (is_float_min_max_v<T, F>) {
    // 32 running choices: a compare and a blend a step leave 8 lanes waiting on latency.
    // x * 0 is NaN for a NaN (and an infinite) x: a sum of them finds one and vectorises.
    constexpr int wide = 32;
    T choice[wide], probe[wide] = {};
    for (int k = 0; k < wide; ++k) choice[k] = F::template identity<T>();
    for (; i + wide <= n; i += wide)
      for (int k = 0; k < wide; ++k) {
        choice[k] = F::ordered(choice[k], a[i + k]);
        probe[k] += a[i + k] * T(0);
      }
    for (int j = lanes; j < wide; j += lanes)
      for (int k = 0; k < lanes; ++k) {
        choice[k] = F::ordered(choice[k], choice[j + k]);
        probe[k] += probe[j + k];
      }
    T any = 0;
    for (int k = 0; k < lanes; ++k) any += probe[k];
    general = any != 0;  // NaN
    if (general) i = 0;
    else
      for (int k = 0; k < lanes; ++k) part[k] = choice[k];
  }
  if (general)
    for (; i + lanes <= n; i += lanes)
      for (int k = 0; k < lanes; ++k) part[k] = F::apply(part[k], a[i + k]);
  for (; i < n; ++i) part[0] = F::apply(part[0], a[i]);
  for (int k = 0; k < lanes; ++k) *acc = F::apply(*acc, part[k]);
}

// The table of one compilation; `with_complex` false leaves complex kernels out.
template <bool with_complex, int S>
Kernel elementwise_with(Op op, DType operand) {
  return visit_dtype(operand, [op](auto t) -> Kernel {
    using T = decltype(t);
    if constexpr (is_complex_v<T> && !with_complex) return nullptr;
    else if constexpr (!with_complex) return (op == Op::Real || op == Op::Imag || op == Op::Conj || op == Op::Complex) ? nullptr : kernel_of_type<T, S>(op);
    else return kernel_of_type<T, S>(op);
  });
}

template <bool with_complex>
Kernel elementwise(Op op, DType operand, int scalar_operand) {
  if (scalar_operand == 1) return elementwise_with<with_complex, 1>(op, operand);
  if (scalar_operand == 2) return elementwise_with<with_complex, 2>(op, operand);
  return elementwise_with<with_complex, 0>(op, operand);
}

template <bool with_complex>
Kernel cast(DType from, DType to) {
  return visit_dtype(from, [to](auto f) {
    return visit_dtype(to, [](auto t) -> Kernel {
      using From = decltype(f);
      using To = decltype(t);
      if constexpr (is_complex_v<From> && !is_complex_v<To>) return nullptr;
      else if constexpr ((is_complex_v<From> || is_complex_v<To>) && !with_complex) return nullptr;
      else return cast_loop<From, To>;
    });
  });
}

template <bool with_complex>
Reducer reduce(Op op, DType operand) {
  return visit_dtype(operand, [op](auto t) -> Reducer {
    using T = decltype(t);
    if constexpr (!is_number_v<T> || (is_complex_v<T> && !with_complex)) return nullptr;
    else if (op == Op::Sum) return reduce_loop<T, Add>;
    else if (op == Op::Prod) return reduce_loop<T, Mul>;
    else if constexpr (is_complex_v<T>) return nullptr;
    else if (op == Op::Min) return reduce_loop<T, Minimum>;
    else return reduce_loop<T, Maximum>;
  });
}

}  // namespace loops
}  // namespace
}  // namespace hpcpp::expr
