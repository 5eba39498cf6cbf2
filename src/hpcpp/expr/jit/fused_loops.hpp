#pragma once
// The machine code of one fused program, one loop per instruction set. Each emits the
// same IEEE operations in the program's order (no FMA), so every instruction set gives
// the bits of the kernels. Called as FusedKernel (fused_kernel.hpp): rdi = n, rsi = out,
// rdx = registers.
#include <memory>

namespace Xbyak {
class CodeGenerator;
}

namespace hpcpp::expr {

struct Program;
struct FusionLayout;

// At most this many vector registers, the sign-bit and all-ones ones included.
inline constexpr int avx2_vector_registers = 16;
inline constexpr int avx512_vector_registers = 31;  // zmm31 is scratch

// AVX on ymm registers: 4 elements an iteration, then one at a time in the low lane; bool
// results are stored through BMI2's pdep. Code not yet made executable.
std::unique_ptr<Xbyak::CodeGenerator> avx2_fused_loop(const Program& plan, const FusionLayout& layout);
// AVX-512F on zmm registers: first, under an opmask, the 1 to 7 elements before out's
// first 64-byte boundary (for bool results the first input's), then 8 elements an
// iteration, then the last 1 to 7 under an opmask (masked loads do not touch the lanes
// outside [0, n)). Code not yet made executable.
std::unique_ptr<Xbyak::CodeGenerator> avx512_fused_loop(const Program& plan, const FusionLayout& layout);

}  // namespace hpcpp::expr
