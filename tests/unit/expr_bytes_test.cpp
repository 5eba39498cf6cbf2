// Bytes (numpy's 'S' strings): literals, numexpr's comparison and contains() rules, and
// evaluation on strided and 0-d views.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "expr_fixtures.hpp"
#include "hpcpp/expr/kernels/bytes_kernels.hpp"
#include "hpcpp/expr/compiler/lexer.hpp"
#include "hpcpp/expr/syntax_error.hpp"

namespace {

using hpcpp::expr::ArrayRef;
using hpcpp::expr::DType;

std::string literal(const std::string& text) {
  const auto tokens = hpcpp::expr::tokenize(text);
  EXPECT_EQ(tokens[0].kind, hpcpp::expr::TokenKind::String) << text;
  return hpcpp::expr::string_literal_bytes(tokens[0], text);
}

std::string literal_error(const std::string& text) {
  try {
    literal(text);
  } catch (const hpcpp::expr::SyntaxError& e) {
    return e.what();
  }
  return "";
}

TEST(ExprBytes, LiteralsDecodePythonEscapes) {
  EXPECT_EQ(literal("'abc'"), "abc");
  EXPECT_EQ(literal("b\"a'b\""), "a'b");
  EXPECT_EQ(literal(R"('a\'b\\c')"), "a'b\\c");
  EXPECT_EQ(literal(R"(b'\x00\xff\n\t')"), std::string("\0\xff\n\t", 4));
  EXPECT_EQ(literal("''"), "");
  EXPECT_NE(literal_error("'abc").find("unterminated string"), std::string::npos);
  EXPECT_NE(literal_error(R"('\xff')").find("string constants must be ASCII"), std::string::npos);
  EXPECT_NE(literal_error(R"('\x4')").find("two hexadecimal digits"), std::string::npos);
  EXPECT_NE(literal_error(R"('\q')").find("unsupported escape sequence"), std::string::npos);
  EXPECT_NE(literal_error("'\xc3\xa9'").find("string constants must be ASCII"), std::string::npos);
}

TEST(ExprBytes, ComparisonPadsWithNulsAndIsSigned) {
  using hpcpp::expr::compare_bytes;
  EXPECT_EQ(compare_bytes("ab", 2, "ab\0\0", 4), 0);
  EXPECT_LT(compare_bytes("ab", 2, "abc", 3), 0);
  EXPECT_GT(compare_bytes("b", 1, "abc", 3), 0);
  EXPECT_LT(compare_bytes("\x80", 1, "a", 1), 0);  // -128 < 97, as numexpr's char
  EXPECT_EQ(compare_bytes("", 0, "\0", 1), 0);
}

TEST(ExprBytes, ContainsStopsAtTheFirstNul) {
  using hpcpp::expr::bytes_contain;
  EXPECT_TRUE(bytes_contain("xbcx", 4, "bc", 2));
  EXPECT_FALSE(bytes_contain("a\0b", 3, "b", 1));
  EXPECT_TRUE(bytes_contain("zz", 2, "\0b", 2));  // the needle is empty up to its NUL
  EXPECT_TRUE(bytes_contain("", 0, "", 0));
  EXPECT_FALSE(bytes_contain("", 0, "a", 1));
  EXPECT_FALSE(bytes_contain("zzz", 3, "zzzz", 4));
}

TEST(ExprBytes, EvaluatesOnReversedViewsAndZeroDimensionalStrings) {
  char s[] = "ab\0bc\0ca\0";  // three strings of three bytes: "ab", "bc", "ca"
  char needle[] = "a";
  const hpcpp::expr::Bindings in{{"s", ArrayRef::bytes(s, 3, {3})}, {"k", ArrayRef{needle, DType::Bytes, {}, {}, 1}}};
  using Bools = std::vector<unsigned char>;
  EXPECT_EQ(hpcpp::testing::eval<bool>("contains(s, k)", in), (Bools{1, 0, 1}));
  EXPECT_EQ(hpcpp::testing::eval<bool>("contains(s[::-1], 'b')", in), (Bools{0, 1, 1}));
  EXPECT_EQ(hpcpp::testing::eval<bool>("s[::-1] < s", in), (Bools{0, 0, 1}));
  EXPECT_EQ(hpcpp::testing::eval<bool>("(s >= 'bc') | (s == b'ab')", in), (Bools{1, 1, 1}));
  EXPECT_EQ(hpcpp::testing::eval<bool>("contains('xbcx', s[1:2])", in), (Bools{1}));
}

TEST(ExprBytes, OnlyComparisonsAndContainsTakeBytes) {
  char s[] = "ab";
  const hpcpp::expr::Signature sig{{"s", DType::Bytes}, {"x", DType::Float64}};
  EXPECT_EQ(hpcpp::testing::error_of("s + s", sig), "operator '+' is not defined for bytes (opcode 'add_sss')");
  EXPECT_EQ(hpcpp::testing::error_of("s == x", sig), "operator '==' takes bytes with bytes only, got bytes and float64 (opcode 'eq_bsd')");
  EXPECT_EQ(hpcpp::testing::error_of("contains(x, s)", sig), "contains() takes bytes with bytes only, got float64 and bytes (opcode 'contains_bds')");
  EXPECT_EQ(hpcpp::testing::error_of("sum(s)", sig), "sum() is not defined for bytes (opcode 'sum_ssn')");
  EXPECT_EQ(hpcpp::testing::error_of("where(s == s, s, s)", sig), "where() is not defined for bytes (opcode 'where_sbss')");
  EXPECT_EQ(hpcpp::testing::error_of("s", sig),
            "the expression gives bytes, which are only compared or searched: use ==, <, ... or contains()");
  EXPECT_EQ(hpcpp::testing::error_of("contains(s, s) & (s != 'x')", sig), "");
  (void)s;
}

TEST(ExprBroadcast, ShapesAlignAtTheirLastAxes) {
  std::vector<double> column{1, 2, 3}, row{10, 20, 30, 40};
  const hpcpp::expr::Bindings in{{"c", ArrayRef::contiguous(column.data(), DType::Float64, {3, 1})},
                                 {"r", ArrayRef::contiguous(row.data(), DType::Float64, {4})}};
  std::vector<double> expected;
  for (double c : column)
    for (double r : row) expected.push_back(c * r + c);
  EXPECT_EQ(hpcpp::testing::eval<double>("c*r + c", in, 2), expected);
  EXPECT_EQ(hpcpp::testing::eval<double>("sum(c*r + c, axis=0)", in), (std::vector<double>{66, 126, 186, 246}));
  std::vector<double> five(5);
  const hpcpp::expr::Bindings bad{{"r", in.at("r")}, {"v", ArrayRef::contiguous(five.data(), DType::Float64, {5})}};
  try {
    hpcpp::testing::eval<double>("r + v", bad);
    FAIL() << "(4,) and (5,) broadcast";
  } catch (const std::exception& e) {
    EXPECT_STREQ(e.what(), "shape mismatch: r has shape (4,) but v has shape (5,)");
  }
}

}  // namespace
