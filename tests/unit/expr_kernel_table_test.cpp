// The AVX2 kernels give the same bits as the baseline ones, for every operation and type,
// except the libmvec functions, which stay within glibc's stated 4 ulps.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <type_traits>
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

namespace {

// Operands that put the division kernels' quotient (and nextafter) on every edge: multiples of the
// divisor and their neighbours (a quotient that rounds onto an integer), quotients near
// 2^51 and 2^52, zeros of both signs, subnormals, infinities, NaN; random ones after.
template <class T>
void edge_operands(std::vector<T>& a, std::vector<T>& b) {
  std::mt19937_64 rng(7);
  const T edges[] = {0, 1, -1, 3, -3, 7, -7, 1000, -1000};
  for (T x : edges)
    for (T y : edges) a.push_back(x), b.push_back(y);
  if constexpr (std::is_floating_point_v<T>) {
    const T specials[] = {-0.0, 5e-324, -5e-324, 2.2e-308, INFINITY, -INFINITY, NAN, 0x1p52, 0x1p53, 1e300, 0.1, -0.3};
    for (T x : specials)
      for (T y : specials) a.push_back(x), b.push_back(y);
    for (int k = 0; k < 4000; ++k) {
      const T y = std::ldexp(std::uniform_real_distribution<T>(-1, 1)(rng), static_cast<int>(rng() % 40) - 20);
      const T m = std::ldexp(static_cast<T>(rng() % 1000000), static_cast<int>(rng() % 60));
      const T x = m * y;
      for (T v : {x, std::nextafter(x, T(INFINITY)), std::nextafter(x, -T(INFINITY)), -x})
        a.push_back(v), b.push_back(y);
    }
  } else {
    const T big = T{1} << 51;
    const T specials[] = {big - 1, big, -big, -big + 1, big + 1, INT64_MAX, INT64_MIN, INT64_MIN + 1};
    for (T x : specials)
      for (T y : specials) a.push_back(x), b.push_back(y);
    for (T x : specials)
      for (T y : edges) a.push_back(x), b.push_back(y), a.push_back(y), b.push_back(x);
    for (int k = 0; k < 4000; ++k) {
      const int bits = static_cast<int>(rng() % 52);
      const T y = static_cast<T>(rng() % (std::uint64_t{1} << (rng() % 30))) * (rng() & 1 ? 1 : -1);
      const T x = static_cast<T>(rng() & ((std::uint64_t{1} << bits) - 1)) * (rng() & 1 ? 1 : -1);
      for (T v : {x, static_cast<T>(y * (x % 1000)), static_cast<T>(y * (x % 1000) - 1)}) a.push_back(v), b.push_back(y);
    }
  }
}

template <class T>
void expect_avx512_as_baseline(Op op, DType t) {
  const Kernel wide = avx512_vector_math_kernel(op, t), base = baseline_elementwise_kernel(op, t);
  ASSERT_TRUE(wide && base) << op_info(op).name;
  std::vector<T> a, b;
  edge_operands(a, b);
  // Every length up to 17 too, for the masked tails.
  for (const std::int64_t count : {std::int64_t(a.size()), std::int64_t(1), std::int64_t(7), std::int64_t(9), std::int64_t(17)}) {
    std::vector<T> x(static_cast<std::size_t>(count)), y(x.size());
    const void* in[2] = {a.data(), b.data()};
    wide(count, x.data(), in);
    base(count, y.data(), in);
    for (std::size_t i = 0; i < x.size(); ++i)
      ASSERT_EQ(std::memcmp(&x[i], &y[i], sizeof(T)), 0) << op_info(op).name << "(" << a[i] << ", " << b[i] << "): " << x[i]
                                                         << " against " << y[i];
  }
}

}  // namespace

TEST(ExprKernelTable, Avx512DivisionAndNextafterKernelsAgreeWithBaselineBitForBit) {
#if defined(__x86_64__)
  if (!avx512_kernels_built() || !__builtin_cpu_supports("avx512f")) GTEST_SKIP() << "no AVX-512F here";
#else
  GTEST_SKIP() << "AVX-512 kernels are built for x86-64 only";
#endif
  expect_avx512_as_baseline<double>(Op::Fmod, DType::Float64);
  expect_avx512_as_baseline<double>(Op::Nextafter, DType::Float64);
  expect_avx512_as_baseline<std::int64_t>(Op::Mod, DType::Int64);
  expect_avx512_as_baseline<std::int64_t>(Op::FloorDiv, DType::Int64);
}

TEST(ExprKernelTable, MinMaxReductionsGiveNanWhereverItIsAndTheLeastOtherwise) {
  std::mt19937_64 rng(11);
  for (const Op op : {Op::Min, Op::Max}) {
    for (const bool wide : {false, true}) {
      const Reducer reduce = wide ? avx2_reduce_kernel(op, DType::Float64) : baseline_reduce_kernel(op, DType::Float64);
      if (!reduce) continue;
      for (std::int64_t count = 1; count <= 100; ++count) {
        std::vector<double> a(static_cast<std::size_t>(count));
        for (auto& v : a) v = std::uniform_real_distribution<double>(-5, 5)(rng);
        const double least = *std::min_element(a.begin(), a.end()), most = *std::max_element(a.begin(), a.end());
        double acc = op == Op::Min ? INFINITY : -INFINITY;
        reduce(count, &acc, a.data());
        EXPECT_EQ(acc, op == Op::Min ? least : most) << count;
        for (std::int64_t at = 0; at < count; ++at) {
          auto with_nan = a;
          with_nan[static_cast<std::size_t>(at)] = NAN;
          acc = op == Op::Min ? INFINITY : -INFINITY;
          reduce(count, &acc, with_nan.data());
          EXPECT_TRUE(std::isnan(acc)) << op_info(op).name << " of " << count << " with NaN at " << at;
        }
      }
    }
  }
}
