// Float64 arithmetic, comparisons, & | ~ and where() compiled to one machine-code loop give
// the same bits as the kernels run one by one (any NaN for a NaN), on random expressions, lengths around the vector width, special values,
// strided inputs (x[::2]), constants and 0-d inputs (s).
#include <fmt/core.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "hpcpp/expr/expr.hpp"
#include "hpcpp/expr/jit/fused_kernel.hpp"

namespace {

using hpcpp::expr::ArrayRef;
using hpcpp::expr::DType;

std::string random_expression(std::mt19937& rng, int depth);

std::string random_condition(std::mt19937& rng, int depth) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const char* comparisons[] = {"<", "<=", "==", "!=", ">=", ">"};
  if (depth == 0 || pick(3) == 0)
    return fmt::format("({} {} {})", random_expression(rng, depth), comparisons[pick(6)], random_expression(rng, depth));
  const std::string p = random_condition(rng, depth - 1), q = random_condition(rng, depth - 1);
  switch (pick(3)) {
    case 0: return fmt::format("~{}", p);
    case 1: return fmt::format("({} & {})", p, q);
    default: return fmt::format("({} | {})", p, q);
  }
}

std::string random_expression(std::mt19937& rng, int depth) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  if (depth == 0 || pick(4) == 0) {
    const char* leaves[] = {"a", "b", "x[::2]", "s", "2.5", "0.1", "3", "a", "b"};
    return leaves[pick(9)];
  }
  const std::string x = random_expression(rng, depth - 1), y = random_expression(rng, depth - 1);
  switch (pick(9)) {
    case 0: return fmt::format("-({})", x);
    case 1: return fmt::format("abs({})", x);
    case 2: return fmt::format("sqrt({})", x);
    case 3: return fmt::format("({})**2", x);
    case 4: return fmt::format("where({}, {}, {})", random_condition(rng, depth - 1), x, y);
    default: return fmt::format("({} {} {})", x, "+-*/"[pick(4)], y);
  }
}

// Evaluates `text` fused and kernel by kernel on 1 and 2 threads; fails on any difference
// but one NaN for another. Returns whether the program was fused.
template <class T>
bool expect_same_results(const std::string& text, const hpcpp::expr::Bindings& in, std::int64_t n) {
  const auto program = hpcpp::expr::compile(text, hpcpp::expr::signature_of(in));
  if (program.result_dtype != hpcpp::expr::dtype_of<T>::value) return false;  // "3" alone
  const auto shape = hpcpp::expr::result_shape(program, in);
  std::int64_t count = 1;
  for (auto d : shape) count *= d;
  using Stored = std::conditional_t<std::is_same_v<T, bool>, unsigned char, T>;
  std::vector<Stored> fused(static_cast<std::size_t>(count) + 1), separate(fused.size());
  for (int threads : {1, 2}) {
    hpcpp::expr::evaluate(program, in, ArrayRef::contiguous(fused.data(), program.result_dtype, shape), {threads, true});
    hpcpp::expr::evaluate(program, in, ArrayRef::contiguous(separate.data(), program.result_dtype, shape), {threads, false});
    for (std::size_t i = 0; i < fused.size(); ++i) {
      // A NaN's sign and payload depend on operand order, which the compiler may swap.
      if constexpr (std::is_floating_point_v<T>)
        if (std::isnan(fused[i]) && std::isnan(separate[i])) continue;
      EXPECT_EQ(std::memcmp(&fused[i], &separate[i], sizeof(Stored)), 0)
          << text << " n " << n << " at " << i << ": " << +fused[i] << " vs " << +separate[i];
      if (std::memcmp(&fused[i], &separate[i], sizeof(Stored)) != 0) return false;
    }
  }
  return program.fused->kernel_for(program) != nullptr;
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
  for (const std::int64_t n : {0, 1, 3, 4, 5, 7, 8, 255, 256, 257, 1001, 40003}) {
    std::vector<double> a = values(rng, static_cast<std::size_t>(n)), b = values(rng, static_cast<std::size_t>(n));
    std::vector<double> x = values(rng, static_cast<std::size_t>(2 * n));
    double s = -0.75;
    const hpcpp::expr::Bindings in{{"a", ArrayRef::contiguous(a.data(), DType::Float64, {n})},
                                   {"x", ArrayRef::contiguous(x.data(), DType::Float64, {2 * n})},
                                   {"b", ArrayRef::contiguous(b.data(), DType::Float64, {n})},
                                   {"s", ArrayRef::scalar(&s, DType::Float64)}};
    for (int k = 0; k < 60; ++k) {
      fused_programs += expect_same_results<double>(random_expression(rng, 4), in, n);
      fused_programs += expect_same_results<bool>(random_condition(rng, 3), in, n);
    }
  }
  EXPECT_GT(fused_programs, 800);  // most of the 1440 random programs are fused
}

TEST(ExprFusedKernel, ProgramsItCannotFuseStillRun) {
  std::vector<double> a{1, 2, 3, 4, 5};
  std::vector<float> f{1, 2, 3, 4, 5};
  const hpcpp::expr::Bindings in{{"a", ArrayRef::contiguous(a.data(), DType::Float64, {5})},
                                 {"f", ArrayRef::contiguous(f.data(), DType::Float32, {5})}};
  std::vector<unsigned char> m{1, 0, 1, 1, 0};
  const hpcpp::expr::Bindings with_bools{{"a", in.at("a")}, {"f", in.at("f")}, {"m", ArrayRef::contiguous(m.data(), DType::Bool, {5})}};
  for (const char* text : {"where(m, a, 0.5)", "sin(a) * a", "f * 2", "a * f", "m & (a > 2)"}) {
    const auto program = hpcpp::expr::compile(text, hpcpp::expr::signature_of(with_bools));
    EXPECT_EQ(program.fused->kernel_for(program), nullptr) << text;
  }
}

}  // namespace
