// numexpr's casting rules, and the integer corner cases as numexpr defines them.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "expr_fixtures.hpp"

using namespace hpcpp::expr;
using hpcpp::testing::eval;
using hpcpp::testing::view_of;

namespace {

DType type_of(const std::string& text) {
  const Signature s{{"b", DType::Bool},    {"i4", DType::Int32},   {"i8", DType::Int64},
                    {"f4", DType::Float32}, {"f8", DType::Float64}, {"c", DType::Complex128}};
  return compile(text, s).result_dtype;
}

}  // namespace

TEST(ExprTypes, BinaryOperationsWorkInTheLaterKind) {
  EXPECT_EQ(type_of("i4 + i8"), DType::Int64);
  EXPECT_EQ(type_of("i8 + f4"), DType::Float32);
  EXPECT_EQ(type_of("f4 * 2"), DType::Float32);
  EXPECT_EQ(type_of("f4 * 2.5"), DType::Float64);
  EXPECT_EQ(type_of("i4 * 2"), DType::Int32);
  EXPECT_EQ(type_of("i4 * 3000000000"), DType::Int64);
  EXPECT_EQ(type_of("b * i4"), DType::Int32);
  EXPECT_EQ(type_of("f8 + c"), DType::Complex128);
  EXPECT_EQ(type_of("where(b, i4, f4)"), DType::Float32);
}

TEST(ExprTypes, DivisionAndFunctionsOfIntegersAreFloat64) {
  EXPECT_EQ(type_of("i4 / i4"), DType::Float64);
  EXPECT_EQ(type_of("sin(i8)"), DType::Float64);
  EXPECT_EQ(type_of("sin(f4)"), DType::Float32);
  EXPECT_EQ(type_of("abs(i4)"), DType::Int32);  // as numpy and numexpr 2.14
  EXPECT_EQ(type_of("sign(i8)"), DType::Int64);
  EXPECT_EQ(type_of("round(f4)"), DType::Float64);  // numexpr 2.14 computes it in float64
  EXPECT_EQ(type_of("trunc(i4)"), DType::Float64);
  EXPECT_EQ(type_of("isnan(f4)"), DType::Bool);
  EXPECT_EQ(type_of("log2(f4)"), DType::Float32);
  EXPECT_EQ(type_of("ones_like(b)"), DType::Bool);
  EXPECT_EQ(type_of("i4 ^ i8"), DType::Int64);
  EXPECT_EQ(type_of("b + b"), DType::Bool);
  EXPECT_EQ(type_of("i4 // i4"), DType::Int32);
  EXPECT_EQ(type_of("2**40"), DType::Int64);
  EXPECT_EQ(type_of("3000000000 >> 3"), DType::Int32);
  EXPECT_EQ(type_of("i4 ** 2"), DType::Int32);
  EXPECT_EQ(type_of("i4 ** 2.5"), DType::Float64);
  // Literal powers are expanded before typing, as numexpr does.
  EXPECT_EQ(type_of("f4 ** 0.5"), DType::Float32);
  EXPECT_EQ(type_of("f4 ** -2"), DType::Float32);
  EXPECT_EQ(type_of("f4 ** 0.0"), DType::Float32);
  EXPECT_EQ(type_of("f4 ** 60"), DType::Float32);
  EXPECT_EQ(type_of("f4 ** 0.3"), DType::Float64);
  EXPECT_EQ(type_of("f4 < 1.5"), DType::Bool);
  EXPECT_EQ(type_of("real(f8)"), DType::Float64);
  EXPECT_EQ(type_of("complex(i4, f4)"), DType::Complex128);
  EXPECT_EQ(type_of("abs(c)"), DType::Complex128);
  EXPECT_EQ(type_of("sum(i4)"), DType::Int32);
  EXPECT_EQ(type_of("2"), DType::Int32);
  EXPECT_EQ(type_of("True"), DType::Bool);
}

TEST(ExprTypes, IntegerCornerCasesAsNumexpr214) {
  std::vector<std::int32_t> x{7, -7, 0, 5, std::numeric_limits<std::int32_t>::max()}, zero(5, 0);
  const Bindings in{{"x", view_of(x)}, {"z", view_of(zero)}};
  EXPECT_EQ(eval<std::int32_t>("x % z", in), std::vector<std::int32_t>(5, 0));
  EXPECT_EQ(eval<std::int32_t>("x % 3", in), (std::vector<std::int32_t>{1, 2, 0, 2, 1}));  // Python's sign rule
  EXPECT_EQ(eval<std::int32_t>("x // -2", in), (std::vector<std::int32_t>{-4, 3, 0, -3, -1073741824}));
  EXPECT_EQ(eval<std::int32_t>("x + 1", in).back(), std::numeric_limits<std::int32_t>::min());  // wraps
  const auto q = eval<double>("x / z", in);
  EXPECT_EQ(q[0], INFINITY);
  EXPECT_EQ(q[1], -INFINITY);
  EXPECT_TRUE(std::isnan(q[2]));
  EXPECT_EQ(eval<std::int32_t>("x << 2", in)[1], -28);
  EXPECT_EQ(eval<std::int32_t>("x >> 1", in)[1], -4);
  EXPECT_EQ(eval<std::int32_t>("x ** 3", in)[1], -343);
}

TEST(ExprTypes, FloatModuloTakesTheDivisorsSign) {
  std::vector<double> x{1.5, -2, 0, 3};
  const Bindings in{{"x", view_of(x)}};
  const auto r = eval<double>("x % -3", in);
  EXPECT_EQ(r, (std::vector<double>{-1.5, -2, 0, 0}));
}

TEST(ExprTypes, Float32StaysFloat32) {
  std::vector<float> x{0.1f, 0.2f};
  const Bindings in{{"x", view_of(x)}};
  const auto r = eval<float>("x * x + sin(x)", in);
  EXPECT_EQ(r[0], 0.1f * 0.1f + std::sin(0.1f));
}

TEST(ExprTypes, ComplexArithmetic) {
  std::vector<double> re{1, 2}, im{3, -1};
  const Bindings in{{"re", view_of(re)}, {"im", view_of(im)}};
  const auto z = eval<complex128>("complex(re, im) * complex(re, im)", in);
  EXPECT_EQ(z[0], complex128(1, 3) * complex128(1, 3));
  EXPECT_EQ(eval<double>("imag(conj(complex(re, im)))", in)[1], 1);
  EXPECT_EQ(eval<complex128>("abs(complex(re, im))", in)[0], complex128(std::abs(complex128(1, 3)), 0));
}
