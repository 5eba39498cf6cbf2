// Float64 arithmetic compiled to one machine-code loop gives the same bits as the kernels
// run one by one (any NaN for a NaN), on random expressions, lengths around the vector width, special values,
// strided inputs (x[::2]), constants and 0-d inputs (s).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "hpcpp/expr/expr.hpp"
#include "hpcpp/expr/fused_kernel.hpp"

namespace {

using hpcpp::expr::ArrayRef;
using hpcpp::expr::DType;

std::string random_expression(std::mt19937& rng, int depth) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  if (depth == 0 || pick(4) == 0) {
    const char* leaves[] = {"a", "b", "x[::2]", "s", "2.5", "0.1", "3", "a", "b"};
    return leaves[pick(9)];
  }
  const std::string x = random_expression(rng, depth - 1), y = random_expression(rng, depth - 1);
  switch (pick(8)) {
    case 0: return "-(" + x + ")";
    case 1: return "abs(" + x + ")";
    case 2: return "sqrt(" + x + ")";
    case 3: return "(" + x + ")**2";
    default: return "(" + x + " " + "+-*/"[pick(4)] + " " + y + ")";
  }
}

std::vector<double> values(std::mt19937& rng, std::size_t n) {
  const double special[] = {0.0, -0.0, 1.0, -1.0, std::numeric_limits<double>::infinity(),
                            -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(),
                            std::numeric_limits<double>::denorm_min(), 1e300, -1e-300};
  std::uniform_real_distribution<double> uniform(-10, 10);
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = rng() % 5 == 0 ? special[rng() % 10] : uniform(rng);
  return v;
}

TEST(ExprFusedKernel, SameBitsAsTheKernelsOneByOne) {
  if (!hpcpp::expr::fused_kernels_enabled()) GTEST_SKIP() << "no AVX, or fusing is switched off";
  std::mt19937 rng(7);
  int fused_programs = 0;
  for (const std::int64_t n : {0, 1, 3, 4, 5, 7, 8, 255, 256, 257, 1001}) {
    std::vector<double> a = values(rng, static_cast<std::size_t>(n)), b = values(rng, static_cast<std::size_t>(n));
    std::vector<double> x = values(rng, static_cast<std::size_t>(2 * n));
    double s = -0.75;
    const hpcpp::expr::Bindings in{{"a", ArrayRef::contiguous(a.data(), DType::Float64, {n})},
                                   {"x", ArrayRef::contiguous(x.data(), DType::Float64, {2 * n})},
                                   {"b", ArrayRef::contiguous(b.data(), DType::Float64, {n})},
                                   {"s", ArrayRef::scalar(&s, DType::Float64)}};
    for (int k = 0; k < 60; ++k) {
      const std::string text = random_expression(rng, 4);
      const auto program = hpcpp::expr::compile(text, hpcpp::expr::signature_of(in));
      if (program.result_dtype != DType::Float64) continue;  // "3" alone
      const auto shape = hpcpp::expr::result_shape(program, in);
      std::int64_t count = 1;
      for (auto d : shape) count *= d;
      std::vector<double> fused(static_cast<std::size_t>(count) + 1), separate(fused.size());
      for (int threads : {1, 2}) {
        hpcpp::expr::evaluate(program, in, ArrayRef::contiguous(fused.data(), DType::Float64, shape), {threads, true});
        hpcpp::expr::evaluate(program, in, ArrayRef::contiguous(separate.data(), DType::Float64, shape), {threads, false});
        for (std::size_t i = 0; i < fused.size(); ++i) {
          // A NaN's sign and payload depend on operand order, which the compiler may swap.
          if (std::isnan(fused[i]) && std::isnan(separate[i])) continue;
          ASSERT_EQ(std::memcmp(&fused[i], &separate[i], sizeof(double)), 0)
              << text << " n " << n << " at " << i << ": " << fused[i] << " vs " << separate[i];
        }
      }
      fused_programs += program.fused->kernel_for(program) != nullptr;
    }
  }
  EXPECT_GT(fused_programs, 300);  // most of the 660 random programs are fused
}

TEST(ExprFusedKernel, ProgramsItCannotFuseStillRun) {
  std::vector<double> a{1, 2, 3, 4, 5};
  std::vector<float> f{1, 2, 3, 4, 5};
  const hpcpp::expr::Bindings in{{"a", ArrayRef::contiguous(a.data(), DType::Float64, {5})},
                                 {"f", ArrayRef::contiguous(f.data(), DType::Float32, {5})}};
  for (const char* text : {"where(a > 2, a, 0.5)", "sin(a) * a", "f * 2", "a * f"}) {
    const auto program = hpcpp::expr::compile(text, hpcpp::expr::signature_of(in));
    EXPECT_EQ(program.fused->kernel_for(program), nullptr) << text;
  }
}

}  // namespace
