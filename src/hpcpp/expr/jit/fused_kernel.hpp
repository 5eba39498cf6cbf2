#pragma once
// A program of float64 arithmetic (+ - * /, unary -, abs, sqrt) compiled to one loop of
// machine code that keeps every value in a vector register: each element is read once
// and written once, with no pass over a block per instruction. The same IEEE operations
// in the same order as the kernels, so the results are the same bits.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace Xbyak {
class CodeGenerator;
}

namespace hpcpp::expr {

struct Program;

// registers[r]: where register r's block starts (inputs), or its value (constants).
using FusedKernel = void (*)(std::int64_t n, void* out, const void* const* registers);

// The vector instructions a fused loop is made of: AVX on ymm registers (with BMI2 for
// bool results), or AVX-512F on zmm registers.
enum class JitIsa { avx2, avx512 };

// AVX-512 where the processor has AVX-512F and runs 512-bit operations whole, AVX2 where
// it has AVX: on Zen 4 the zmm loop streams arrays from memory slower than the ymm one
// (docs/expr.md). HPCPP_EXPR_ISA=avx2 (or baseline) keeps AVX2, HPCPP_EXPR_ISA=avx512
// asks for AVX-512 wherever the processor has it. Empty where the processor has no AVX or
// HPCPP_EXPR_FUSE=off.
std::optional<JitIsa> jit_isa();
bool fused_kernels_enabled();  // jit_isa() is not empty
// Whether this processor runs the code of `isa`.
bool processor_runs(JitIsa isa);

// Compiled kernels of one program, by instruction set and by which of its registers hold
// constants (a 0-d input becomes one at evaluation time). Shared by the copies of a Program.
class FusedKernelCache {
 public:
  FusedKernelCache();
  ~FusedKernelCache();
  // The kernel in jit_isa()'s instructions; nullptr where that is empty or the program has
  // an operation, type or size the compiler does not handle.
  FusedKernel kernel_for(const Program& plan);
  // The kernel in `isa`'s instructions (HPCPP_EXPR_ISA and HPCPP_EXPR_FUSE aside);
  // nullptr also where the processor cannot run them.
  FusedKernel kernel_for(const Program& plan, JitIsa isa);

 private:
  std::mutex mutex_;
  std::map<std::pair<JitIsa, std::uint32_t>, std::unique_ptr<Xbyak::CodeGenerator>> compiled_;
};

}  // namespace hpcpp::expr
