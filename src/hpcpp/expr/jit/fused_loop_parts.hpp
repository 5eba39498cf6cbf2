#pragma once
// What the fused loops of every instruction set share: the room their code needs, what
// they do before the first element (the streams' block pointers into general-purpose
// registers, constants and the sign bit broadcast into vector registers) and the
// predicates of their comparisons. Included only by the loops' sources (it needs xbyak).
#include <xbyak/xbyak.h>

#include <cstddef>
#include <cstdint>

#include "hpcpp/expr/jit/fusion_layout.hpp"

namespace hpcpp::expr {

// Room for the whole loop: no instruction emitted takes more than 16 bytes, and each of
// the program's instructions becomes at most two in each of the (at most three) copies of
// the body: head, full iterations and tail.
inline std::size_t fused_loop_code_size(const Program& plan) {
  return 4096 + 96 * (plan.code.size() + plan.inputs.size() + plan.constants.size());
}

// vcmppd predicates with C's answers for NaN: only != holds when an operand is NaN.
inline std::uint8_t comparison_predicate(Op op) {
  switch (op) {
    case Op::Lt: return 0x01;
    case Op::Le: return 0x02;
    case Op::Eq: return 0x00;
    case Op::Ne: return 0x04;
    case Op::Ge: return 0x0d;
    default: return 0x0e;  // Gt
  }
}

template <class Vector>
void load_fused_loop_operands(Xbyak::CodeGenerator& g, const Program& plan, const FusionLayout& layout) {
  using Xbyak::Reg64;
  const Reg64 registers = g.rdx, scratch = g.rax;
  for (std::size_t k = 0; k < layout.streams.size(); ++k)
    g.mov(Reg64(stream_pointer_registers[k]), g.ptr[registers + layout.streams[k] * 8]);
  for (const auto& c : plan.constants) {
    g.mov(scratch, g.ptr[registers + c.reg * 8]);
    g.vbroadcastsd(Vector(c.reg), g.ptr[scratch]);
  }
  if (layout.sign_register >= 0) {
    g.mov(scratch, std::uint64_t{1} << 63);
    g.push(scratch);
    g.vbroadcastsd(Vector(layout.sign_register), g.ptr[g.rsp]);
    g.pop(scratch);
  }
}

}  // namespace hpcpp::expr
