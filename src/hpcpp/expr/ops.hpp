#pragma once
// The operations of the language: operators, functions and reductions, with the names
// users write and the number of operands each takes.
#include <optional>
#include <string_view>

namespace hpcpp::expr {

enum class Op {
  // elementwise, used by the compiler itself
  Copy, Cast,
  // operators
  Neg, Invert, Add, Sub, Mul, Div, Pow, Mod, FloorDiv, Shl, Shr, And, Or, Xor, Lt, Le, Eq, Ne, Ge, Gt,
  // functions
  Where, Sin, Cos, Tan, Arcsin, Arccos, Arctan, Arctan2, Sinh, Cosh, Tanh, Arcsinh, Arccosh,
  Arctanh, Log, Log10, Log1p, Exp, Expm1, Sqrt, Ceil, Floor, Fmod, Abs, Conj, Real, Imag, Complex,
  Maximum, Minimum, Log2, Isnan, Isfinite, Isinf, Signbit, Sign, Round, Trunc, Hypot, Copysign,
  Nextafter, OnesLike, Contains,
  // reductions (outermost only)
  Sum, Prod, Min, Max,
};

struct OpInfo {
  std::string_view name;  // as written: "+" or "sin"
  int arity;
};

const OpInfo& op_info(Op op);
std::optional<Op> function_named(std::string_view name);
bool is_reduction(Op op);
// The elementwise operation that folds two partial results of a reduction (sum: +).
Op fold_of(Op reduction);
bool is_comparison(Op op);
// Operations that compute in floating point: their integer and bool operands become float64.
bool computes_in_float(Op op);
// Operations that numexpr computes in float64 at least: float32 operands become float64 too.
bool computes_in_double(Op op);
// Operations whose integer operands stay integers (numpy's abs, sign, round, ones_like).
bool keeps_integers(Op op);
// isnan(), isfinite(), isinf(), signbit(): bool results.
bool is_predicate(Op op);

}  // namespace hpcpp::expr
