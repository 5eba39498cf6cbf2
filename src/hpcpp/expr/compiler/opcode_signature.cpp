#include "hpcpp/expr/compiler/opcode_signature.hpp"

#include <algorithm>
#include <string_view>

namespace hpcpp::expr {
namespace {

char type_code(DType t) {
  switch (t) {
    case DType::Bool: return 'b';
    case DType::Int32: return 'i';
    case DType::Int64: return 'l';
    case DType::Float32: return 'f';
    case DType::Float64: return 'd';
    case DType::Complex128: return 'c';
    case DType::Bytes: break;
  }
  return 's';
}

std::string_view numexpr_name(Op op) {
  switch (op) {
    case Op::Neg: return "neg";
    case Op::Invert: return "invert";
    case Op::Add: return "add";
    case Op::Sub: return "sub";
    case Op::Mul: return "mul";
    case Op::Div: return "div";
    case Op::Pow: return "pow";
    case Op::Mod: return "mod";
    case Op::FloorDiv: return "floordiv";
    case Op::Shl: return "lshift";
    case Op::Shr: return "rshift";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::Xor: return "xor";
    case Op::Lt:
    case Op::Gt: return "gt";
    case Op::Le:
    case Op::Ge: return "ge";
    case Op::Eq: return "eq";
    case Op::Ne: return "ne";
    default: return op_info(op).name;
  }
}

// numexpr types an operation by its operands' common kind, except comparisons (bool) and
// the functions that compute in floating point (double for integer operands).
DType result_kind(Op op, std::span<const DType> operands) {
  if (is_comparison(op) || is_predicate(op) || op == Op::Contains) return DType::Bool;
  DType common = operands.front();
  for (DType t : operands) common = common_dtype(common, t);
  if (computes_in_float(op) && !keeps_integers(op) && common < DType::Float32) return DType::Float64;
  return common;
}

}  // namespace

std::string opcode_signature(Op op, std::span<const DType> operands) {
  std::string codes;
  for (DType t : operands) codes += type_code(t);
  if (op == Op::Lt || op == Op::Le) std::reverse(codes.begin(), codes.end());
  std::string signature = std::string(numexpr_name(op)) + '_' + type_code(result_kind(op, operands)) + codes;
  if (is_reduction(op)) signature += 'n';
  return signature;
}

}  // namespace hpcpp::expr
