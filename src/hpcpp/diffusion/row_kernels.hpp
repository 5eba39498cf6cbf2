#pragma once
// The stencil row (stencil.hpp) with explicit vector instructions, chosen at run time for
// the CPU: AVX-512, AVX2, or the portable loop. All of them add and multiply in exactly
// the order of stencil_row; the AVX-512 rows use FMA only where it rounds exactly as the
// separate operations (row_kernels.cpp), so their results are bit-identical to it.
#include <cstdint>
#include <string_view>

namespace hpcpp::diffusion {

enum class SimdLevel { portable, avx2, avx512 };

using RowKernel = void (*)(const double* above, const double* here, const double* below, double* next,
                           std::int64_t first, std::int64_t last, double coefficient);

// `count` consecutive rows at once: in[0..count+1] are the rows above, at and below them,
// out[0..count-1] the results (AVX-512 advances two rows per pass, sharing their loads).
using RowsKernel = void (*)(const double* const* in, double* const* out, std::int64_t count, std::int64_t first,
                            std::int64_t last, double coefficient);

// The widest level this CPU supports (HPCPP_SIMD=portable|avx2|avx512 lowers it).
SimdLevel detect_simd_level();
std::string_view simd_level_name(SimdLevel level);
RowKernel row_kernel(SimdLevel level);
// The same arithmetic with cache-bypassing stores (AVX-512 only; otherwise row_kernel).
RowKernel streaming_row_kernel(SimdLevel level);
RowsKernel rows_kernel(SimdLevel level);
RowsKernel streaming_rows_kernel(SimdLevel level);

}  // namespace hpcpp::diffusion
