// The AVX2 kernels give the same bits as the baseline ones, for every operation and type,
// except the libmvec functions, which stay within glibc's stated 4 ulps.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "hpcpp/expr/kernels/kernel_table.hpp"

using namespace hpcpp::expr;

namespace {

constexpr std::int64_t n = 67;

// n values of `t` (as bytes): specials first, then random ones; bools are 0 or 1.
std::vector<unsigned char> sample(DType t, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::vector<unsigned char> bytes(static_cast<std::size_t>(n) * 16);
  const double specials[] = {0.0, -0.0, 1.0, -1.0, INFINITY, -INFINITY, NAN, 5e-324, 0.5, 3.0};
  visit_dtype(t, [&](auto v) {
    using T = decltype(v);
    auto* values = reinterpret_cast<T*>(bytes.data());
    for (std::int64_t i = 0; i < n; ++i) {
      const double x = i < 10 ? specials[i] : std::uniform_real_distribution<double>(-40, 40)(rng);
      if constexpr (std::is_same_v<T, bool>) values[i] = (rng() & 1) != 0;
      else if constexpr (std::is_integral_v<T>) values[i] = static_cast<T>(std::isfinite(x) ? x : 7);
      else if constexpr (std::is_same_v<T, complex128>) values[i] = T(x, 1);
      else values[i] = static_cast<T>(x);
    }
  });
  return bytes;
}

}  // namespace

TEST(ExprKernelTable, Avx2AndBaselineAgreeBitForBit) {
#if defined(__x86_64__)
  if (!avx2_kernels_built() || !__builtin_cpu_supports("avx2")) GTEST_SKIP() << "no AVX2 here";
#else
  GTEST_SKIP() << "AVX2 kernels are built for x86-64 only";
#endif
  int compared = 0;
  for (int o = 0; o < static_cast<int>(Op::Contains); ++o) {
    for (int d = 0; d < dtype_count - 1; ++d) {
      const Op op = static_cast<Op>(o);
      const DType t = static_cast<DType>(d);
      const Kernel wide = avx2_elementwise_kernel(op, t), base = baseline_elementwise_kernel(op, t);
      if (!wide || !base) continue;
      auto a = sample(t, 1), b = sample(t, 2), c = sample(t, 3);
      if (op == Op::Where) a = sample(DType::Bool, 4);
      const void* in[3] = {a.data(), b.data(), c.data()};
      if (op == Op::Where) in[1] = b.data(), in[2] = c.data();
      std::vector<unsigned char> x(static_cast<std::size_t>(n) * 16), y(x.size());
      wide(n, x.data(), in);
      base(n, y.data(), in);
      const bool libmvec = t == DType::Float64 && (op == Op::Sin || op == Op::Cos || op == Op::Exp || op == Op::Log);
      if (libmvec) {
        const auto* wide_values = reinterpret_cast<const double*>(x.data());
        const auto* base_values = reinterpret_cast<const double*>(y.data());
        for (std::int64_t i = 0; i < n; ++i) {
          const double w = wide_values[i], b = base_values[i];
          if (std::isnan(b) || w == b) continue;
          EXPECT_LE(std::fabs(w - b), 4 * std::fabs(std::nextafter(b, INFINITY) - b))
              << op_info(op).name << "(" << reinterpret_cast<const double*>(a.data())[i] << ")";
        }
      } else {
        EXPECT_EQ(std::memcmp(x.data(), y.data(), static_cast<std::size_t>(n) * dtype_size(result_dtype(op, t))), 0)
            << op_info(op).name << " on " << dtype_name(t);
      }
      ++compared;
    }
  }
  EXPECT_GT(compared, 100);
}
