// Evaluation: slices, broadcasting scalars, blocks, threads, reductions, outputs.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "expr_fixtures.hpp"

using namespace hpcpp::expr;
using hpcpp::testing::eval;
using hpcpp::testing::view_of;

TEST(ExprEvaluate, LectureExpressionOverManyBlocksAndThreads) {
  const std::size_t n = 3 * block_elements + 17;
  std::vector<double> a(n), b(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = 0.5 + static_cast<double>(i) * 1e-3;
    b[i] = std::cos(static_cast<double>(i));
  }
  const Bindings in{{"a", view_of(a)}, {"b", view_of(b)}};
  for (int threads : {1, 2, 3, 8}) {
    const auto r = eval<double>("a**2 + b**2 + 2*a*b", in, threads);
    ASSERT_EQ(r.size(), n);
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(r[i], a[i] * a[i] + b[i] * b[i] + 2 * a[i] * b[i]) << i;
  }
}

TEST(ExprEvaluate, SlicesWithNegativeOpenBoundsAndSteps) {
  std::vector<double> v(10);
  std::iota(v.begin(), v.end(), 0.0);
  const Bindings in{{"v", view_of(v)}};
  EXPECT_EQ(eval<double>("v[1:] - v[:-1]", in), std::vector<double>(9, 1.0));
  EXPECT_EQ(eval<double>("v[::-3]", in), (std::vector<double>{9, 6, 3, 0}));
  EXPECT_EQ(eval<double>("v[-3:100]", in), (std::vector<double>{7, 8, 9}));
  EXPECT_EQ(eval<double>("v[8:2:-2] + v[2]", in), (std::vector<double>{10, 8, 6}));
  EXPECT_TRUE(eval<double>("v[5:2]", in).empty());
}

TEST(ExprEvaluate, TwoDimensionalSlicesOfAPaddedArray) {
  // 4 x 5 values in rows of 8: the layout of a diffusion Field.
  std::vector<double> storage(4 * 8, -1.0);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 5; ++j) storage[static_cast<std::size_t>(i * 8 + j)] = 10 * i + j;
  const Bindings in{{"u", ArrayRef{storage.data(), DType::Float64, {4, 5}, {64, 8}}}};
  const auto r = eval<double>("u[2:, 1:-1] - u[:-2, 1:-1] + u[1:-1, 2:]", in);
  ASSERT_EQ(r.size(), 2u * 3u);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_EQ(r[static_cast<std::size_t>(i * 3 + j)], 20 + 10 * (i + 1) + j + 2);
  EXPECT_EQ(eval<double>("u[1]", in), (std::vector<double>{10, 11, 12, 13, 14}));
  EXPECT_EQ(eval<double>("u[:, -1]", in), (std::vector<double>{4, 14, 24, 34}));
}

TEST(ExprEvaluate, ShapeMismatchIsOneLine) {
  std::vector<double> v(10);
  const Bindings in{{"v", view_of(v)}};
  const Program p = compile("v[1:] + v", signature_of(in));
  try {
    result_shape(p, in);
    FAIL();
  } catch (const hpcpp::Error& e) {
    EXPECT_EQ(std::string(e.what()), "shape mismatch: v[1:] has shape (9,) but v has shape (10,)");
  }
  EXPECT_THROW(eval<double>("v[10]", in), hpcpp::Error);
  EXPECT_THROW(eval<double>("v[1, 2]", in), hpcpp::Error);
}

TEST(ExprEvaluate, ScalarsBroadcast) {
  std::vector<double> v{1, 2, 3};
  double k = 2.5;
  const Bindings in{{"v", view_of(v)}, {"k", ArrayRef::scalar(&k, DType::Float64)}};
  EXPECT_EQ(eval<double>("k * v + 1", in), (std::vector<double>{3.5, 6, 8.5}));
}

TEST(ExprEvaluate, ReductionsOverAllThreads) {
  std::vector<std::int64_t> v(5000);
  std::iota(v.begin(), v.end(), 1);
  const Bindings in{{"v", view_of(v)}};
  for (int threads : {1, 3}) {
    std::int64_t total = 0;
    evaluate(compile("sum(v * 2)", signature_of(in)), in, ArrayRef::scalar(&total, DType::Int64), {threads});
    EXPECT_EQ(total, 5000 * 5001);
    std::int64_t small = 0;
    evaluate(compile("prod(v[:10])", signature_of(in)), in, ArrayRef::scalar(&small, DType::Int64), {threads});
    EXPECT_EQ(small, 3628800);
  }
}

TEST(ExprEvaluate, OutMayBeAnInputAndMayBeStrided) {
  std::vector<double> v{1, 2, 3, 4};
  const Bindings in{{"v", view_of(v)}};
  evaluate(compile("v * 10", signature_of(in)), in, view_of(v));
  EXPECT_EQ(v, (std::vector<double>{10, 20, 30, 40}));
  std::vector<double> every_other(8, 0.0);
  evaluate(compile("v + 1", signature_of(in)), in, ArrayRef{every_other.data(), DType::Float64, {4}, {16}});
  EXPECT_EQ(every_other, (std::vector<double>{11, 0, 21, 0, 31, 0, 41, 0}));
}

TEST(ExprEvaluate, WrongOutIsRefused) {
  std::vector<double> v{1, 2};
  std::vector<float> f(2);
  const Bindings in{{"v", view_of(v)}};
  EXPECT_THROW(evaluate("v + 1", in, view_of(f)), hpcpp::Error);
  std::vector<double> longer(3);
  EXPECT_THROW(evaluate("v + 1", in, view_of(longer)), hpcpp::Error);
}

TEST(ExprCompile, FoldsConstantsAndSharesCommonSubexpressions) {
  const Program p = compile("(a + b) * (a + b) + 2 * 3 * a", {{"a", DType::Float64}, {"b", DType::Float64}});
  const std::string listing = p.listing();
  EXPECT_EQ(p.constants.size(), 1u);
  EXPECT_EQ(p.constants[0].value.as<double>(), 6.0);
  // One addition for a+b, one for the sum: a + b is computed once.
  std::size_t adds = 0;
  for (std::size_t at = listing.find("+.float64"); at != std::string::npos; at = listing.find("+.float64", at + 1)) ++adds;
  EXPECT_EQ(adds, 2u) << listing;
  EXPECT_EQ(p.inputs.size(), 2u);
}

TEST(ExprCompile, TemporariesShareRegisters) {
  std::string text = "a";
  for (int k = 0; k < 50; ++k) text += " + sin(a * " + std::to_string(k) + ".5)";
  const Program p = compile(text, {{"a", DType::Float64}});
  EXPECT_LT(p.register_count, 50 + 1 + 8);  // constants + input + a handful of temporaries
}
