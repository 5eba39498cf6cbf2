#include "hpcpp/expr/fused_kernel.hpp"

#include <cstdlib>
#include <string_view>
#include <vector>

#include "hpcpp/expr/executable_memory.hpp"
#include "hpcpp/expr/program.hpp"
#include "hpcpp/expr/x86_emitter.hpp"

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

bool fusible(const Instruction& ins) {
  if (ins.operand_dtype != DType::Float64 || ins.out_dtype != DType::Float64 || ins.bytes_kernel) return false;
  switch (ins.op) {
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Neg:
    case Op::Abs:
    case Op::Sqrt:
    case Op::Copy: return true;
    default: return false;
  }
}

class FusedKernelCompiler {
 public:
  FusedKernelCompiler(const Program& plan, std::uint32_t constant_registers) : plan_(plan), constants_(constant_registers) {}

  // Empty where the program cannot be fused.
  std::vector<std::uint8_t> compile() {
    if (plan_.code.empty() || plan_.register_count > vector_registers) return {};
    bool needs_sign = false;
    for (const auto& ins : plan_.code) {
      if (!fusible(ins)) return {};
      needs_sign = needs_sign || ins.op == Op::Neg || ins.op == Op::Abs;
    }
    for (const auto& in : plan_.inputs) {
      if (in.dtype != DType::Float64) return {};
      if (!(constants_ >> in.reg & 1)) streams_.push_back(in.reg);
    }
    for (const auto& c : plan_.constants)
      if (c.value.dtype != DType::Float64) return {};
    if (streams_.size() > std::size(stream_pointers)) return {};
    sign_register_ = needs_sign ? plan_.register_count : -1;
    if (sign_register_ >= vector_registers) return {};

    prologue();
    // Four elements at a time while four remain, then one at a time.
    e_.move_gpr(x86::rdx, x86::rdi);
    e_.and_imm8(x86::rdx, -4);
    e_.zero(x86::rax);
    loop(Width::Packed, 4, x86::rdx);
    loop(Width::Scalar, 1, x86::rdi);
    e_.vzeroupper();
    e_.ret();
    return e_.code();
  }

 private:
  // rdi = n, rsi = out, rdx = registers.
  void prologue() {
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
        default: e_.move(out, a); break;
      }
    }
    e_.store(width, x86::rsi, x86::rax, plan_.result_register);
  }

  const Program& plan_;
  std::uint32_t constants_;
  std::vector<int> streams_;
  int sign_register_ = -1;
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
    const char* isa = std::getenv("HPCPP_EXPR_ISA");
    if ((fuse && std::string_view(fuse) == "off") || (isa && std::string_view(isa) == "baseline")) return false;
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx") != 0;
#else
    return false;
#endif
  }();
  return enabled;
}

FusedKernelCache::FusedKernelCache() = default;
FusedKernelCache::~FusedKernelCache() = default;

FusedKernel FusedKernelCache::kernel_for(const Program& plan) {
  if (!fused_kernels_enabled() || plan.register_count > vector_registers) return nullptr;
  const std::uint32_t mask = constant_mask(plan);
  std::lock_guard lock(mutex_);
  auto [it, inserted] = compiled_.try_emplace(mask);
  if (inserted) {
    const std::vector<std::uint8_t> code = FusedKernelCompiler(plan, mask).compile();
    if (!code.empty()) it->second = ExecutableMemory::holding(code);
  }
  return it->second ? reinterpret_cast<FusedKernel>(const_cast<void*>(it->second->entry())) : nullptr;
}

}  // namespace hpcpp::expr
