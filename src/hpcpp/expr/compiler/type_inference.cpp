#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/expr/kernels/kernels.hpp"
#include "hpcpp/expr/compiler/invalid_value_error.hpp"
#include "hpcpp/expr/compiler/opcode_signature.hpp"
#include "hpcpp/expr/compiler/passes.hpp"

namespace hpcpp::expr {
namespace {

std::string describe_op(Op op) {
  const auto name = op_info(op).name;
  if (op >= Op::Where) return fmt::format("{}()", name);
  return fmt::format("operator '{}'", name);
}

// " (opcode 'add_sss')": numexpr's name for the operation on the operands' types as written.
std::string opcode_of(const Node& n) {
  std::vector<DType> operands;
  for (const auto& arg : n.args) operands.push_back(arg->dtype);
  return fmt::format(" (opcode '{}')", opcode_signature(n.op, operands));
}

// The type an operation's operands are brought to.
DType operand_dtype(const Node& n) {
  const std::size_t first = n.op == Op::Where ? 1 : 0;  // where's condition stays bool
  DType common = n.args[first]->dtype;
  for (std::size_t i = first + 1; i < n.args.size(); ++i) common = common_dtype(common, n.args[i]->dtype);
  switch (n.op) {
    case Op::Conj:
    case Op::Real:
    case Op::Imag: return DType::Complex128;
    case Op::Complex:
      if (common == DType::Complex128) throw Error("complex() takes real arguments, got complex128");
      return DType::Float64;
    default: break;
  }
  if (keeps_integers(n.op) && is_integer(common)) return common;
  if (computes_in_double(n.op) && common < DType::Float64) return DType::Float64;
  if (computes_in_float(n.op) && common < DType::Float32) return DType::Float64;
  return common;
}

void cast_argument(NodePtr& arg, DType to) {
  if (arg->dtype != to) arg = Node::cast(std::move(arg), to);
}

// The value of an exponent written as a number or a negated number, as numexpr sees it.
std::optional<double> literal_exponent(const Node& e, bool& is_integer_literal) {
  const Node* literal = &e;
  double sign = 1;
  if (e.kind == NodeKind::Operation && e.op == Op::Neg && e.args[0]->kind == NodeKind::Constant) {
    literal = e.args[0].get();
    sign = -1;
  }
  if (literal->kind != NodeKind::Constant) return std::nullopt;
  const Scalar& v = literal->value;
  is_integer_literal = is_integer(v.dtype);
  switch (v.dtype) {
    case DType::Int32: return sign * v.as<std::int32_t>();
    case DType::Int64: return sign * static_cast<double>(v.as<std::int64_t>());
    case DType::Float64: return sign * v.as<double>();
    default: return std::nullopt;
  }
}

void infer(NodePtr& node, const Signature& signature, bool is_root);

// Bytes take part only in comparisons with bytes and in contains(bytes, bytes), which give
// bool, as in numexpr.
void infer_bytes_operation(Node& n) {
  if (!is_comparison(n.op) && n.op != Op::Contains)
    throw Error(fmt::format("{} is not defined for bytes{}", describe_op(n.op), opcode_of(n)));
  if (n.args[0]->dtype != DType::Bytes || n.args[1]->dtype != DType::Bytes)
    throw Error(fmt::format("{} takes bytes with bytes only, got {} and {}{}", describe_op(n.op), dtype_name(n.args[0]->dtype),
                            dtype_name(n.args[1]->dtype), opcode_of(n)));
  n.dtype = DType::Bool;
}

// Replaces base**c (c a literal) by its expansion; false when it does not apply.
bool expand_power(NodePtr& node, const Signature& signature) {
  Node& n = *node;
  infer(n.args[0], signature, false);
  bool integer_literal = false;
  const auto x = literal_exponent(*n.args[1], integer_literal);
  if (!x || n.args[0]->dtype == DType::Bool) return false;
  if (is_integer(n.args[0]->dtype) && integer_literal && *x < 0) {
    // Two numbers are computed by Python before numexpr sees them, where an integer to a
    // negative integer power is a float (2**-1 is 0.5); only an integer array is refused.
    bool integer_base = false;
    const auto base = literal_exponent(*n.args[0], integer_base);
    if (!base) throw InvalidValueError("integers to negative integer powers are not allowed");
    if (*base == 0) throw Error("0 cannot be raised to a negative power");
    node = Node::constant(Scalar::of(std::pow(*base, *x)), n.column);
    return true;
  }
  NodePtr expanded = expand_constant_power(*n.args[0], *x);
  if (!expanded) return false;
  node = std::move(expanded);
  infer(node, signature, false);
  return true;
}

void infer(NodePtr& node, const Signature& signature, bool is_root) {
  Node& n = *node;
  if (n.kind == NodeKind::Constant || n.op == Op::Cast) return;  // typed already
  if (n.kind == NodeKind::Variable) {
    const auto it = signature.find(n.name);
    if (it == signature.end()) {
      std::vector<std::string> names;
      for (const auto& [name, dtype] : signature) names.push_back(name);
      if (names.empty()) throw Error(fmt::format("unknown name '{}'", n.name));
      throw Error(fmt::format("unknown name '{}' (did you mean '{}'?)", n.name, closest_name(n.name, names)));
    }
    n.dtype = it->second;
    return;
  }
  if (n.op == Op::Pow && expand_power(node, signature)) return;
  for (auto& arg : n.args) infer(arg, signature, false);
  if (is_reduction(n.op)) {
    if (!is_root) throw Error(fmt::format("{}() must be the outermost operation", op_info(n.op).name));
    if (!reduce_kernel(n.op, n.args[0]->dtype))
      throw Error(fmt::format("{}() is not defined for {}{}", op_info(n.op).name, dtype_name(n.args[0]->dtype), opcode_of(n)));
    n.dtype = n.args[0]->dtype;
    return;
  }
  if (n.op == Op::Contains || std::any_of(n.args.begin(), n.args.end(), [](const NodePtr& a) { return a->dtype == DType::Bytes; }))
    return infer_bytes_operation(n);
  if (n.op == Op::Where && n.args[0]->dtype != DType::Bool)
    throw Error(fmt::format("where() needs a bool condition, got {}", dtype_name(n.args[0]->dtype)));
  const DType operand = operand_dtype(n);
  if (!elementwise_kernel(n.op, operand))
    throw Error(fmt::format("{} is not defined for {}{}", describe_op(n.op), dtype_name(operand), opcode_of(n)));
  for (std::size_t i = (n.op == Op::Where ? 1 : 0); i < n.args.size(); ++i) cast_argument(n.args[i], operand);
  n.dtype = result_dtype(n.op, operand);
}

}  // namespace

void infer_types(NodePtr& root, const Signature& signature) {
  infer(root, signature, true);
  if (root->dtype == DType::Bytes)
    throw Error("the expression gives bytes, which are only compared or searched: use ==, <, ... or contains()");
}

}  // namespace hpcpp::expr
