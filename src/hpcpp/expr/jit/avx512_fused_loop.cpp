#include <memory>
#include <optional>

#include "hpcpp/expr/jit/fused_loop_parts.hpp"
#include "hpcpp/expr/jit/fused_loops.hpp"

namespace hpcpp::expr {
namespace {

using Xbyak::Label;
using Xbyak::Reg64;
using Xbyak::Zmm;

// Bools live in zmm registers as all-ones or all-zeros lanes, as in the AVX2 loop, so that
// both loops compile the same programs; k2 holds a comparison's answer on its way there.
class Avx512FusedLoop : public Xbyak::CodeGenerator {
 public:
  Avx512FusedLoop(const Program& plan, const FusionLayout& layout)
      : CodeGenerator(fused_loop_code_size(plan), Xbyak::DontSetProtectRWE) {
    if (layout.ones_register >= 0) {
      const Zmm ones(layout.ones_register);
      vpternlogq(ones, ones, ones, 0xff);
    }
    load_fused_loop_operands<Zmm>(*this, plan, layout);
    // A masked head of up to 7 elements, so that the eight-element iterations meet a
    // 64-byte boundary: a zmm load or store across two cache lines costs two. rdx: its length.
    Label body_loop, skip, top, done;
    xor_(eax, eax);
    if (const auto aligned = alignment_reference(layout)) {
      mov(rdx, *aligned);
      neg(rdx);
      and_(edx, 63);
      shr(edx, 3);  // elements to the boundary (rounded down where it is not a multiple of 8 bytes)
      cmp(rdx, rdi);
      cmovg(rdx, rdi);
      test(rdx, rdx);
      jle(body_loop, T_NEAR);
      bts(eax, edx);
      dec(eax);
      kmovw(k1, eax);
      xor_(eax, eax);
      body(plan, layout, true);
      mov(rax, rdx);
    }
    // Eight elements at a time while eight remain, then the rest (1 to 7) under k1.
    L(body_loop);
    mov(rdx, rdi);
    sub(rdx, rax);
    and_(edx, 7);
    neg(rdx);
    add(rdx, rdi);  // n less what does not fill the last iteration
    cmp(rax, rdx);
    jge(skip, T_NEAR);
    L(top);
    body(plan, layout, false);
    add(rax, 8);
    cmp(rax, rdx);
    jl(top, T_NEAR);
    L(skip);
    cmp(rax, rdi);
    jge(done, T_NEAR);
    sub(rdi, rax);  // the elements left
    xor_(edx, edx);
    bts(edx, edi);
    dec(edx);
    kmovw(k1, edx);
    body(plan, layout, true);
    L(done);
    vzeroupper();
    ret();
  }

 private:
  // The pointer the head aligns: out, or for bool results (a byte an element, stored 8
  // bytes at a time) the first input streamed, whose 64-byte loads are the ones that split.
  static std::optional<Reg64> alignment_reference(const FusionLayout& layout) {
    if (!layout.bool_result) return Reg64(Xbyak::Operand::RSI);
    if (layout.streams.empty()) return std::nullopt;
    return Reg64(stream_pointer_registers[0]);
  }

  // Masked: only the lanes k1 selects are read (the others are zero) and written.
  void body(const Program& plan, const FusionLayout& layout, bool masked) {
    for (std::size_t k = 0; k < layout.streams.size(); ++k) {
      const Zmm in(layout.streams[k]);
      const auto at = ptr[Reg64(stream_pointer_registers[k]) + rax * 8];
      masked ? vmovupd(in | k1 | T_z, at) : vmovupd(in, at);
    }
    for (const auto& ins : plan.code) {
      const Zmm out(ins.out), a(ins.in[0]), b(ins.in[1] >= 0 ? ins.in[1] : ins.in[0]);
      switch (ins.op) {
        case Op::Add: vaddpd(out, a, b); break;
        case Op::Sub: vsubpd(out, a, b); break;
        case Op::Mul: vmulpd(out, a, b); break;
        case Op::Div: vdivpd(out, a, b); break;
        case Op::Sqrt: vsqrtpd(out, a); break;
        case Op::Neg: vpxorq(out, a, Zmm(layout.sign_register)); break;
        case Op::Abs: vpandnq(out, Zmm(layout.sign_register), a); break;
        case Op::And: vpandq(out, a, b); break;
        case Op::Or: vporq(out, a, b); break;
        case Op::Invert: vpxorq(out, a, Zmm(layout.ones_register)); break;
        case Op::Where:  // where(a, b, c): lanes of a that are not zero take b
          vptestmq(k2, a, a);
          vblendmpd(out | k2, Zmm(ins.in[2]), b);
          break;
        case Op::Copy: vmovapd(out, a); break;
        default:
          vcmppd(k2, a, b, comparison_predicate(ins.op));
          vpternlogq(out | k2 | T_z, out, out, 0xff);
          break;
      }
    }
    const Zmm result(plan.result_register);
    if (!layout.bool_result) {
      masked ? vmovupd(ptr[rsi + rax * 8] | k1, result) : vmovupd(ptr[rsi + rax * 8], result);
      return;
    }
    // All-ones lanes become 1, then each lane's low byte is stored.
    const Zmm bits(31);
    vpsrlq(bits, result, 63);
    masked ? vpmovqb(ptr[rsi + rax] | k1, bits) : vpmovqb(ptr[rsi + rax], bits);
  }
};

}  // namespace

std::unique_ptr<Xbyak::CodeGenerator> avx512_fused_loop(const Program& plan, const FusionLayout& layout) {
  return std::make_unique<Avx512FusedLoop>(plan, layout);
}

}  // namespace hpcpp::expr
