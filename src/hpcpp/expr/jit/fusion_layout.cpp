#include "hpcpp/expr/jit/fusion_layout.hpp"

#include <iterator>

namespace hpcpp::expr {
namespace {

// Bools live in vector registers as comparison masks (all ones or all zeros a lane).
bool fusible(const Instruction& ins) {
  if (ins.operand_dtype == DType::Bytes) return false;
  if (ins.operand_dtype == DType::Bool) return ins.op == Op::And || ins.op == Op::Or || ins.op == Op::Invert;
  if (ins.operand_dtype != DType::Float64) return false;
  if (is_comparison(ins.op)) return true;
  switch (ins.op) {
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Neg:
    case Op::Abs:
    case Op::Sqrt:
    case Op::Where:
    case Op::Copy: return true;
    default: return false;
  }
}

}  // namespace

std::optional<FusionLayout> fusion_layout(const Program& plan, std::uint32_t constants, int vector_registers) {
  if (plan.code.empty() || plan.register_count > vector_registers) return std::nullopt;
  FusionLayout layout;
  bool needs_sign = false, needs_ones = false;
  for (const auto& ins : plan.code) {
    if (!fusible(ins)) return std::nullopt;
    needs_sign = needs_sign || ins.op == Op::Neg || ins.op == Op::Abs;
    needs_ones = needs_ones || ins.op == Op::Invert;
  }
  layout.bool_result = plan.result_dtype == DType::Bool;
  for (const auto& in : plan.inputs) {
    if (in.dtype != DType::Float64) return std::nullopt;  // bool inputs would need widening to masks
    if (!(constants >> in.reg & 1)) layout.streams.push_back(in.reg);
  }
  for (const auto& c : plan.constants)
    if (c.value.dtype != DType::Float64) return std::nullopt;
  if (layout.streams.size() > std::size(stream_pointer_registers)) return std::nullopt;
  int next = plan.register_count;
  layout.sign_register = needs_sign ? next++ : -1;
  layout.ones_register = needs_ones ? next++ : -1;
  if (next > vector_registers) return std::nullopt;
  return layout;
}

}  // namespace hpcpp::expr
