#include "hpcpp/expr/jit/fused_kernel.hpp"

#include <cstdlib>
#include <string_view>
#include <vector>

#include "hpcpp/expr/jit/executable_memory.hpp"
#include "hpcpp/expr/program.hpp"
#include "hpcpp/expr/jit/x86_emitter.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::expr {
namespace {

using x86::Emitter;
using x86::Gpr;
using x86::VectorOp;
using Width = Emitter::Width;

constexpr int vector_registers = 16;
// Where the streamed inputs' block pointers live during the loop (rdx holds the bound).
constexpr Gpr stream_pointers[] = {x86::rcx, x86::r8, x86::r9, x86::r10, x86::r11};
constexpr std::uint64_t sign_bit = std::uint64_t{1} << 63;

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

x86::Predicate predicate_of(Op op) {
  switch (op) {
    case Op::Lt: return x86::Predicate::Lt;
    case Op::Le: return x86::Predicate::Le;
    case Op::Eq: return x86::Predicate::Eq;
    case Op::Ne: return x86::Predicate::Ne;
    case Op::Ge: return x86::Predicate::Ge;
    default: return x86::Predicate::Gt;
  }
}

bool has_bmi2() {
#if defined(__x86_64__)
  return __builtin_cpu_supports("bmi2") != 0;
#else
  return false;
#endif
}

class FusedKernelCompiler {
 public:
  FusedKernelCompiler(const Program& plan, std::uint32_t constant_registers) : plan_(plan), constants_(constant_registers) {}

  // Empty where the program cannot be fused.
  std::vector<std::uint8_t> compile() {
    if (plan_.code.empty() || plan_.register_count > vector_registers) return {};
    bool needs_sign = false, needs_ones = false;
    for (const auto& ins : plan_.code) {
      if (!fusible(ins)) return {};
      needs_sign = needs_sign || ins.op == Op::Neg || ins.op == Op::Abs;
      needs_ones = needs_ones || ins.op == Op::Invert;
    }
    bool_result_ = plan_.result_dtype == DType::Bool;
    if (bool_result_ && !has_bmi2()) return {};
    for (const auto& in : plan_.inputs) {
      if (in.dtype != DType::Float64) return {};  // bool inputs would need widening to masks
      if (!(constants_ >> in.reg & 1)) streams_.push_back(in.reg);
    }
    for (const auto& c : plan_.constants)
      if (c.value.dtype != DType::Float64) return {};
    if (streams_.size() > std::size(stream_pointers)) return {};
    int next = plan_.register_count;
    sign_register_ = needs_sign ? next++ : -1;
    ones_register_ = needs_ones ? next++ : -1;
    if (next > vector_registers) return {};

    prologue();
    // Four elements at a time while four remain, then one at a time.
    e_.move_gpr(x86::rdx, x86::rdi);
    e_.and_imm8(x86::rdx, -4);
    e_.zero(x86::rax);
    loop(Width::Packed, 4, x86::rdx);
    loop(Width::Scalar, 1, x86::rdi);
    if (bool_result_) {
      e_.pop(x86::r12);
      e_.pop(x86::rbx);
    }
    e_.vzeroupper();
    e_.ret();
    return e_.code();
  }

 private:
  // rdi = n, rsi = out, rdx = registers.
  void prologue() {
    if (bool_result_) {
      // rbx turns a lane mask into bytes; r12 holds where pdep puts the bits: 0x01 in each.
      e_.push(x86::rbx);
      e_.push(x86::r12);
      e_.move_imm64(x86::r12, 0x01010101);
    }
    if (ones_register_ >= 0) e_.compare(x86::Predicate::True, Width::Packed, ones_register_, ones_register_, ones_register_);
    for (std::size_t k = 0; k < streams_.size(); ++k) e_.load_pointer(stream_pointers[k], x86::rdx, streams_[k]);
    for (const auto& c : plan_.constants) {
      e_.load_pointer(x86::rax, x86::rdx, c.reg);
      e_.broadcast(c.reg, x86::rax);
    }
    if (sign_register_ >= 0) {
      e_.move_imm64(x86::rax, sign_bit);
      e_.push(x86::rax);
      e_.broadcast(sign_register_, x86::rsp);
      e_.pop(x86::rax);
    }
  }

  // `step` elements an iteration while rax (the element index) is below `bound`.
  void loop(Width width, std::int8_t step, Gpr bound) {
    e_.compare(x86::rax, bound);
    const std::size_t skip = e_.jump_if_greater_or_equal();
    const std::size_t top = e_.here();
    body(width);
    e_.add_imm8(x86::rax, step);
    e_.compare(x86::rax, bound);
    e_.jump_if_less_to(top);
    e_.patch_to_here(skip);
  }

  void body(Width width) {
    for (std::size_t k = 0; k < streams_.size(); ++k) e_.load(width, streams_[k], stream_pointers[k], x86::rax);
    for (const auto& ins : plan_.code) {
      const int out = ins.out, a = ins.in[0], b = ins.in[1];
      switch (ins.op) {
        case Op::Add: e_.arithmetic(VectorOp::Add, width, out, a, b); break;
        case Op::Sub: e_.arithmetic(VectorOp::Sub, width, out, a, b); break;
        case Op::Mul: e_.arithmetic(VectorOp::Mul, width, out, a, b); break;
        case Op::Div: e_.arithmetic(VectorOp::Div, width, out, a, b); break;
        case Op::Sqrt: e_.arithmetic(VectorOp::Sqrt, width, out, a, a); break;
        case Op::Neg: e_.arithmetic(VectorOp::Xor, width, out, a, sign_register_); break;
        case Op::Abs: e_.arithmetic(VectorOp::AndNot, width, out, sign_register_, a); break;
        case Op::And: e_.arithmetic(VectorOp::And, width, out, a, b); break;
        case Op::Or: e_.arithmetic(VectorOp::Or, width, out, a, b); break;
        case Op::Invert: e_.arithmetic(VectorOp::Xor, width, out, a, ones_register_); break;
        case Op::Where: e_.blend(out, ins.in[2], b, a); break;
        case Op::Copy: e_.move(out, a); break;
        default: e_.compare(predicate_of(ins.op), width, out, a, b); break;
      }
    }
    if (!bool_result_) {
      e_.store(width, x86::rsi, x86::rax, plan_.result_register);
      return;
    }
    e_.move_mask(x86::rbx, plan_.result_register, width);
    if (width == Width::Packed) {
      e_.deposit_bits(x86::rbx, x86::rbx, x86::r12);
    } else {
      e_.and_imm8(x86::rbx, 1);  // the other lane of a scalar comparison holds no answer
    }
    e_.store_bytes(width, x86::rsi, x86::rax, x86::rbx);
  }

  const Program& plan_;
  std::uint32_t constants_;
  std::vector<int> streams_;
  int sign_register_ = -1;
  int ones_register_ = -1;
  bool bool_result_ = false;
  Emitter e_;
};

std::uint32_t constant_mask(const Program& plan) {
  std::uint32_t mask = 0;
  for (const auto& c : plan.constants)
    if (c.reg < 32) mask |= std::uint32_t{1} << c.reg;
  return mask;
}

}  // namespace

bool fused_kernels_enabled() {
  static const bool enabled = [] {
    const char* fuse = std::getenv("HPCPP_EXPR_FUSE");
    if (fuse && std::string_view(fuse) == "off") return false;
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx") != 0;
#else
    return false;
#endif
  }();
  return enabled;
}

std::shared_ptr<FusedKernelCache> make_fused_kernel_cache() { return std::make_shared<FusedKernelCache>(); }

FusedKernelCache::FusedKernelCache() = default;
FusedKernelCache::~FusedKernelCache() = default;

FusedKernel FusedKernelCache::kernel_for(const Program& plan) {
  if (!fused_kernels_enabled() || plan.register_count > vector_registers) return nullptr;
  const std::uint32_t mask = constant_mask(plan);
  std::lock_guard lock(mutex_);
  auto [it, inserted] = compiled_.try_emplace(mask);
  if (inserted) {
    HPCPP_PROFILE_REGION("expr.jit");
    const std::vector<std::uint8_t> code = FusedKernelCompiler(plan, mask).compile();
    if (!code.empty()) it->second = ExecutableMemory::holding(code);
  }
  return it->second ? reinterpret_cast<FusedKernel>(const_cast<void*>(it->second->entry())) : nullptr;
}

}  // namespace hpcpp::expr
