#include <limits>
#include <optional>

#include "hpcpp/expr/kernels/kernels.hpp"
#include "hpcpp/expr/compiler/passes.hpp"

namespace hpcpp::expr {

void fold_constants(NodePtr& n) {
  if (n->kind != NodeKind::Operation) return;
  bool all_constant = true;
  for (auto& arg : n->args) {
    fold_constants(arg);
    all_constant = all_constant && arg->kind == NodeKind::Constant;
  }
  // Operations on bytes are left to the evaluator, which knows the strings' lengths.
  if (!all_constant || is_reduction(n->op) || n->args[0]->dtype == DType::Bytes) return;
  const void* in[3] = {};
  for (std::size_t i = 0; i < n->args.size(); ++i) in[i] = n->args[i]->value.bytes;
  Scalar result;
  result.dtype = n->dtype;
  const Kernel kernel = n->op == Op::Cast ? cast_kernel(n->args[0]->dtype, n->dtype)
                                          : elementwise_kernel(n->op, n->args.back()->dtype);
  kernel(1, result.bytes, in);
  n = Node::constant(result, n->column);
}


// numexpr hands the expression to Python first, whose compiler folds arithmetic on integer
// literals with unbounded integers; numexpr then types each constant by its value (int32
// when it fits). So `2**40` is an int64 constant and `3000000000 >> 3` an int32 one. This
// pass does the same before typing, for results that fit in int64 (larger ones, negative
// powers and divisions by zero are left to the typed passes, which refuse or define them).
namespace {

using I = std::int64_t;

std::optional<I> integer_value(const Node& n) {
  if (n.kind != NodeKind::Constant) return std::nullopt;
  if (n.value.dtype == DType::Int32) return n.value.as<std::int32_t>();
  if (n.value.dtype == DType::Int64) return n.value.as<I>();
  return std::nullopt;
}

std::optional<I> python_power(I base, I exponent) {
  if (exponent < 0) return std::nullopt;
  I result = 1;
  for (I e = exponent; e != 0; e >>= 1) {
    if ((e & 1) && __builtin_mul_overflow(result, base, &result)) return std::nullopt;
    if (e > 1 && __builtin_mul_overflow(base, base, &base)) return std::nullopt;
  }
  return result;
}

std::optional<I> python_operation(Op op, I a, I b) {
  I r = 0;
  switch (op) {
    case Op::Add: return __builtin_add_overflow(a, b, &r) ? std::nullopt : std::optional(r);
    case Op::Sub: return __builtin_sub_overflow(a, b, &r) ? std::nullopt : std::optional(r);
    case Op::Mul: return __builtin_mul_overflow(a, b, &r) ? std::nullopt : std::optional(r);
    case Op::FloorDiv:
    case Op::Mod: {
      if (b == 0 || (a == std::numeric_limits<I>::min() && b == -1)) return std::nullopt;
      I q = a / b, m = a % b;
      if (m != 0 && ((m < 0) != (b < 0))) --q, m += b;
      return op == Op::FloorDiv ? q : m;
    }
    case Op::Pow: return python_power(a, b);
    case Op::Shl:
      if (b < 0) return std::nullopt;
      if (a == 0) return I{0};
      if (b >= 63) return std::nullopt;
      if (const I top = a >> (63 - b); top != 0 && top != -1) return std::nullopt;
      return static_cast<I>(static_cast<std::uint64_t>(a) << b);
    case Op::Shr:
      if (b < 0) return std::nullopt;
      return b >= 63 ? (a < 0 ? I{-1} : I{0}) : (a >> b);
    case Op::And: return a & b;
    case Op::Or: return a | b;
    case Op::Xor: return a ^ b;
    default: return std::nullopt;
  }
}

std::optional<I> folded(const Node& n) {
  if (n.kind != NodeKind::Operation) return std::nullopt;
  if (n.args.size() == 1) {
    const auto a = integer_value(*n.args[0]);
    if (!a) return std::nullopt;
    if (n.op == Op::Invert) return ~*a;
    if (n.op == Op::Neg && *a != std::numeric_limits<I>::min()) return -*a;
    return std::nullopt;
  }
  if (n.args.size() != 2) return std::nullopt;
  const auto a = integer_value(*n.args[0]), b = integer_value(*n.args[1]);
  if (!a || !b) return std::nullopt;
  return python_operation(n.op, *a, *b);
}

}  // namespace

void fold_integer_literals(NodePtr& n) {
  if (n->kind != NodeKind::Operation) return;
  for (auto& arg : n->args) fold_integer_literals(arg);
  const auto value = folded(*n);
  if (!value) return;
  const bool fits_int32 = *value >= std::numeric_limits<std::int32_t>::min() && *value <= std::numeric_limits<std::int32_t>::max();
  n = Node::constant(fits_int32 ? Scalar::of(static_cast<std::int32_t>(*value)) : Scalar::of(*value), n->column);
}

}  // namespace hpcpp::expr
