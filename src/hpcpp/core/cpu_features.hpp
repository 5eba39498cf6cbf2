#pragma once
// What this processor can run, asked in one place: the diffusion row kernels, the expression
// kernels and the fused expression loops choose their instruction sets from it.
namespace hpcpp {

enum class CpuFeature { avx, avx2, avx512f, bmi2 };

// False for every feature on processors other than x86-64.
bool cpu_has(CpuFeature feature);

// AMD family 19h with AVX-512F (Zen 4): each 512-bit operation runs as two 256-bit halves.
bool cpu_halves_512_bit_operations();

}  // namespace hpcpp
