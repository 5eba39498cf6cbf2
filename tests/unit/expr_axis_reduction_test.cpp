// sum(x, axis=k) and prod(x, axis=k) against loops written out by hand, over shapes whose
// rows are shorter and longer than a block and split between threads, on strided views.
#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "expr_fixtures.hpp"
#include "hpcpp/core/error.hpp"

namespace {

using hpcpp::expr::ArrayRef;
using hpcpp::expr::DType;
using Shape = std::vector<std::int64_t>;

// Integer data make every order of summation exact, so the comparison is exact too.
std::vector<std::int64_t> counting(std::int64_t n) {
  std::vector<std::int64_t> v(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = (i * 7919) % 101 - 50;
  return v;
}

std::int64_t count_of(const Shape& s) { return std::accumulate(s.begin(), s.end(), std::int64_t{1}, std::multiplies<>()); }

// The sum of 3*x + 1 over `axis` of a C-ordered array of `shape`, by index arithmetic.
std::vector<std::int64_t> expected_sums(const std::vector<std::int64_t>& x, const Shape& shape, std::size_t axis) {
  std::int64_t outer = 1, inner = 1;
  for (std::size_t k = 0; k < axis; ++k) outer *= shape[k];
  for (std::size_t k = axis + 1; k < shape.size(); ++k) inner *= shape[k];
  std::vector<std::int64_t> out(static_cast<std::size_t>(outer * inner), 0);
  for (std::int64_t o = 0; o < outer; ++o)
    for (std::int64_t a = 0; a < shape[axis]; ++a)
      for (std::int64_t i = 0; i < inner; ++i)
        out[static_cast<std::size_t>(o * inner + i)] += 3 * x[static_cast<std::size_t>((o * shape[axis] + a) * inner + i)] + 1;
  return out;
}

TEST(ExprAxisReduction, EveryAxisOfManyShapesOnOneToThreeThreads) {
  const std::vector<Shape> shapes = {{5}, {1000}, {3, 7}, {7, 3}, {2, 1300}, {1300, 2}, {4, 5, 6}, {3, 1, 700}, {1, 1}, {600, 3, 2}};
  for (const Shape& shape : shapes) {
    std::vector<std::int64_t> x = counting(count_of(shape));
    const hpcpp::expr::Bindings in{{"x", ArrayRef::contiguous(x.data(), DType::Int64, shape)}};
    for (std::size_t axis = 0; axis < shape.size(); ++axis)
      for (int threads = 1; threads <= 3; ++threads) {
        const auto text = "sum(3*x + 1, axis=" + std::to_string(axis) + ")";
        EXPECT_EQ(hpcpp::testing::eval<std::int64_t>(text, in, threads), expected_sums(x, shape, axis))
            << text << " shape " << hpcpp::expr::shape_text(shape) << " threads " << threads;
        const auto negative = "sum(3*x + 1, axis=" + std::to_string(static_cast<int>(axis) - static_cast<int>(shape.size())) + ")";
        EXPECT_EQ(hpcpp::testing::eval<std::int64_t>(negative, in, threads), expected_sums(x, shape, axis)) << negative;
      }
  }
}

TEST(ExprAxisReduction, ProductAlongEachAxisOfAStridedView) {
  // x[::2, ::-1] of a 6x5 array: rows 0, 2, 4, columns reversed.
  std::vector<double> x(30);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = 1.0 + static_cast<double>(i % 4);
  const hpcpp::expr::Bindings in{{"x", ArrayRef::contiguous(x.data(), DType::Float64, {6, 5})}};
  auto at = [&](int r, int c) { return x[static_cast<std::size_t>(2 * r * 5 + (4 - c))]; };
  std::vector<double> down(5, 1.0), across(3, 1.0);
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 5; ++c) {
      down[static_cast<std::size_t>(c)] *= at(r, c);
      across[static_cast<std::size_t>(r)] *= at(r, c);
    }
  for (int threads = 1; threads <= 2; ++threads) {
    EXPECT_EQ(hpcpp::testing::eval<double>("prod(x[::2, ::-1], axis=0)", in, threads), down);
    EXPECT_EQ(hpcpp::testing::eval<double>("prod(x[::2, ::-1], 1)", in, threads), across);
  }
}

TEST(ExprAxisReduction, IntoAStridedOut) {
  std::vector<std::int32_t> x(12);
  std::iota(x.begin(), x.end(), 0);
  const hpcpp::expr::Bindings in{{"x", ArrayRef::contiguous(x.data(), DType::Int32, {3, 4})}};
  std::vector<std::int32_t> out(8, -1);
  ArrayRef every_other{out.data(), DType::Int32, {4}, {8}};
  const auto p = hpcpp::expr::compile("sum(x, axis=0)", hpcpp::expr::signature_of(in));
  hpcpp::expr::evaluate(p, in, every_other, {2});
  EXPECT_EQ(out, (std::vector<std::int32_t>{12, -1, 15, -1, 18, -1, 21, -1}));
}

TEST(ExprAxisReduction, EmptyAxisGivesTheIdentity) {
  std::vector<double> x(1);
  const hpcpp::expr::Bindings in{{"x", ArrayRef::contiguous(x.data(), DType::Float64, {3, 0})}};
  EXPECT_EQ(hpcpp::testing::eval<double>("sum(x, axis=1)", in), std::vector<double>(3, 0.0));
  EXPECT_EQ(hpcpp::testing::eval<double>("prod(x, axis=1)", in), std::vector<double>(3, 1.0));
  EXPECT_TRUE(hpcpp::testing::eval<double>("sum(x, axis=0)", in).empty());
}

TEST(ExprAxisReduction, BadAxesAreOneLineErrors) {
  std::vector<double> x(6);
  const hpcpp::expr::Bindings in{{"x", ArrayRef::contiguous(x.data(), DType::Float64, {2, 3})}};
  auto message = [&](const std::string& text) {
    try {
      hpcpp::testing::eval<double>(text, in);
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(message("sum(x, axis=2)"), "sum(): axis 2 is out of bounds for 2 dimensions");
  EXPECT_EQ(message("prod(x, -3)"), "prod(): axis -3 is out of bounds for 2 dimensions");
  EXPECT_NE(message("sum(x, axis=1.5)").find("expected an integer axis"), std::string::npos);
  EXPECT_NE(message("sum(x, ax=1)").find("expected 'axis=' or an integer axis"), std::string::npos);
  EXPECT_NE(message("sum(x, axis=y)").find("expected an integer axis"), std::string::npos);
  EXPECT_EQ(message("sum(x, axis=0) + 1"), "sum() must be the outermost operation");
  EXPECT_NE(message("sin(x, axis=0)").find("column 12: expected ')'"), std::string::npos);
}

}  // namespace
