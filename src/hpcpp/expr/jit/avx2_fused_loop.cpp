#include <memory>

#include "hpcpp/expr/jit/fused_loop_parts.hpp"
#include "hpcpp/expr/jit/fused_loops.hpp"

namespace hpcpp::expr {
namespace {

using Xbyak::Label;
using Xbyak::Reg64;
using Xbyak::Xmm;
using Xbyak::Ymm;

class Avx2FusedLoop : public Xbyak::CodeGenerator {
 public:
  Avx2FusedLoop(const Program& plan, const FusionLayout& layout)
      : CodeGenerator(fused_loop_code_size(plan), Xbyak::DontSetProtectRWE) {
    if (layout.bool_result) {
      // rbx turns a lane mask into bytes; r12 holds where pdep puts the bits: 0x01 in each.
      push(rbx);
      push(r12);
      mov(r12, 0x01010101);
    }
    if (layout.ones_register >= 0) {
      const Ymm ones(layout.ones_register);
      vcmppd(ones, ones, ones, 0x0f);  // always true
    }
    load_fused_loop_operands<Ymm>(*this, plan, layout);
    // Four elements at a time while four remain, then one at a time.
    mov(rdx, rdi);
    and_(rdx, -4);
    xor_(eax, eax);
    loop(plan, layout, true, 4, rdx);
    loop(plan, layout, false, 1, rdi);
    if (layout.bool_result) {
      pop(r12);
      pop(rbx);
    }
    vzeroupper();
    ret();
  }

 private:
  // `step` elements an iteration while rax (the element index) is below `bound`.
  void loop(const Program& plan, const FusionLayout& layout, bool packed, int step, const Reg64& bound) {
    Label skip, top;
    cmp(rax, bound);
    jge(skip, T_NEAR);
    L(top);
    body(plan, layout, packed);
    add(rax, step);
    cmp(rax, bound);
    jl(top, T_NEAR);
    L(skip);
  }

  // Packed: all 4 lanes of ymm registers; otherwise the low lane of xmm registers.
  void body(const Program& plan, const FusionLayout& layout, bool packed) {
    // A Ymm passed as Xmm keeps its width.
    auto v = [packed](int r) -> Xmm { return packed ? Ymm(r) : Xmm(r); };
    for (std::size_t k = 0; k < layout.streams.size(); ++k) {
      const auto at = ptr[Reg64(stream_pointer_registers[k]) + rax * 8];
      packed ? vmovupd(v(layout.streams[k]), at) : vmovsd(v(layout.streams[k]), at);
    }
    for (const auto& ins : plan.code) {
      const Xmm out = v(ins.out), a = v(ins.in[0]), b = ins.in[1] >= 0 ? v(ins.in[1]) : a;
      switch (ins.op) {
        case Op::Add: packed ? vaddpd(out, a, b) : vaddsd(out, a, b); break;
        case Op::Sub: packed ? vsubpd(out, a, b) : vsubsd(out, a, b); break;
        case Op::Mul: packed ? vmulpd(out, a, b) : vmulsd(out, a, b); break;
        case Op::Div: packed ? vdivpd(out, a, b) : vdivsd(out, a, b); break;
        case Op::Sqrt: packed ? vsqrtpd(out, a) : vsqrtsd(out, a, a); break;
        // The bitwise operations have no scalar form: the 128-bit one serves the low lane.
        case Op::Neg: vxorpd(out, a, v(layout.sign_register)); break;
        case Op::Abs: vandnpd(out, v(layout.sign_register), a); break;
        case Op::And: vandpd(out, a, b); break;
        case Op::Or: vorpd(out, a, b); break;
        case Op::Invert: vxorpd(out, a, v(layout.ones_register)); break;
        // The mask's sign bit picks: where(a, b, c).
        case Op::Where: vblendvpd(Ymm(ins.out), Ymm(ins.in[2]), Ymm(ins.in[1]), Ymm(ins.in[0])); break;
        case Op::Copy: vmovapd(Ymm(ins.out), Ymm(ins.in[0])); break;
        default: packed ? vcmppd(out, a, b, comparison_predicate(ins.op)) : vcmpsd(out, a, b, comparison_predicate(ins.op)); break;
      }
    }
    const Xmm result = v(plan.result_register);
    if (!layout.bool_result) {
      packed ? vmovupd(ptr[rsi + rax * 8], result) : vmovsd(ptr[rsi + rax * 8], result);
      return;
    }
    vmovmskpd(ebx, result);  // one bit a lane
    if (packed) {
      pdep(ebx, ebx, r12d);
      mov(dword[rsi + rax], ebx);
    } else {
      and_(rbx, 1);  // the other lane of a scalar comparison holds no answer
      mov(byte[rsi + rax], bl);
    }
  }
};

}  // namespace

std::unique_ptr<Xbyak::CodeGenerator> avx2_fused_loop(const Program& plan, const FusionLayout& layout) {
  return std::make_unique<Avx2FusedLoop>(plan, layout);
}

}  // namespace hpcpp::expr
