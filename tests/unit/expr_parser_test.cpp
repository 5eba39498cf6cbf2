// The language's syntax and its errors.
#include <gtest/gtest.h>

#include "expr_fixtures.hpp"

using namespace hpcpp::expr;
using hpcpp::testing::error_of;

namespace {
const Signature ab{{"a", DType::Float64}, {"b", DType::Float64}, {"i", DType::Int32}, {"m", DType::Bool}};
}

TEST(ExprParser, SyntaxErrorPutsACaretUnderTheColumn) {
  const std::string message = error_of("a + (b * ", ab);
  const auto newline = message.find('\n');
  ASSERT_NE(newline, std::string::npos);
  const std::string first = message.substr(0, newline), caret = message.substr(newline + 1);
  EXPECT_EQ(first, "syntax error at column 10: unexpected end of expression: a + (b * ");
  EXPECT_EQ(caret.find('^'), first.find("a + (b") + 9);
  EXPECT_EQ(caret.find_first_not_of(' '), caret.find('^'));
}

TEST(ExprParser, ControlCharactersInTheExpressionAreEscapedAndTheCaretFollows) {
  for (const auto& [text, shown] : {std::pair<std::string, std::string>{"a\t+ \x1b[2J", "a\\t+ \\x1b[2J"},
                                    {"a\t+ \xc2\x9b", "a\\t+ \\x9b"}}) {
    const std::string message = error_of(text, ab);
    const std::string first = message.substr(0, message.find('\n')), caret = message.substr(message.find('\n') + 1);
    EXPECT_EQ(first, "syntax error at column 5: unexpected character: " + shown);
    EXPECT_EQ(caret.find('^'), first.rfind('\\'));
  }
}

TEST(ExprParser, CaretCanBeIndentedForAPrefix) {
  try {
    compile("a $ b", ab);
    FAIL();
  } catch (const SyntaxError& e) {
    const std::string shifted = e.with_indent(7), plain = e.what();
    EXPECT_EQ(shifted.substr(shifted.find('\n') + 1), std::string(7, ' ') + plain.substr(plain.find('\n') + 1));
    EXPECT_EQ(e.column(), 2u);
  }
}

TEST(ExprParser, OneLineErrorsForNamesFunctionsAndArity) {
  EXPECT_EQ(error_of("a + bb", ab), "unknown name 'bb' (did you mean 'b'?)");
  EXPECT_EQ(error_of("sine(a)", ab), "unknown function 'sine' (did you mean 'sin'?)");
  EXPECT_EQ(error_of("arctan2(a)", ab), "arctan2() takes 2 arguments, got 1");
  EXPECT_EQ(error_of("where(a, a, b)", ab), "where() needs a bool condition, got float64");
  EXPECT_EQ(error_of("a & b", ab), "operator '&' is not defined for float64 (opcode 'and_ddd')");
  EXPECT_EQ(error_of("sum(m)", ab), "sum() is not defined for bool (opcode 'sum_bbn')");
  EXPECT_EQ(error_of("1 + sum(a)", ab), "sum() must be the outermost operation");
  EXPECT_EQ(error_of("i ** -2", ab), "integers to negative integer powers are not allowed");
  EXPECT_EQ(error_of("m - m", ab), "operator '-' is not defined for bool (opcode 'sub_bbb')");
}

TEST(ExprParser, RefusesUnsupportedPythonOperators) {
  EXPECT_NE(error_of("(a > 1) and (b < 2)", ab).find("use '&' elementwise"), std::string::npos);
  EXPECT_NE(error_of("a or b", ab).find("use '|' elementwise"), std::string::npos);
  EXPECT_NE(error_of("not a", ab).find("use '~' elementwise"), std::string::npos);
  EXPECT_NE(error_of("a < [0, 0]", ab).find("a list is not a value"), std::string::npos);
  EXPECT_NE(error_of("a < b < 1", ab).find("chained comparisons"), std::string::npos);
  EXPECT_NE(error_of("a[1:2:0]", ab).find("step cannot be zero"), std::string::npos);
  EXPECT_NE(error_of("99999999999999999999 + a", ab).find("does not fit in int64"), std::string::npos);
}

TEST(ExprParser, RefusesDeepNestingAndHugeInput) {
  std::string deep = std::string(250, '(') + "a" + std::string(250, ')');
  EXPECT_NE(error_of(deep, ab).find("nested deeper than 200 levels"), std::string::npos);
  std::string minus(300, '-');
  EXPECT_NE(error_of(minus + "a", ab).find("nested deeper"), std::string::npos);
  std::string chain = "a";
  for (int k = 0; k < 1500; ++k) chain += "+a";
  EXPECT_NE(error_of(chain, ab).find("expression too deep"), std::string::npos);
  EXPECT_NE(error_of(std::string(100001, 'a'), ab).find("expression too long"), std::string::npos);
  std::string fine = std::string(150, '(') + "a" + std::string(150, ')');
  EXPECT_EQ(error_of(fine, ab), "");
}

TEST(ExprParser, PythonPrecedence) {
  std::vector<double> a{2}, b{3};
  const Bindings in{{"a", hpcpp::testing::view_of(a)}, {"b", hpcpp::testing::view_of(b)}};
  using hpcpp::testing::eval;
  EXPECT_EQ(eval<double>("-a**2", in)[0], -4);
  EXPECT_EQ(eval<double>("a**b**2", in)[0], 512);
  EXPECT_EQ(eval<double>("a - b - 1", in)[0], -2);
  EXPECT_EQ(eval<double>("a / b * 3", in)[0], 2.0 / 3.0 * 3);
  EXPECT_EQ(eval<double>("a**-1", in)[0], 0.5);
  EXPECT_EQ(eval<bool>("(a < b) & (b < 3)", in)[0], false);
  EXPECT_EQ(eval<bool>("(a < b) | (b < 3)", in)[0], true);
  EXPECT_EQ(eval<double>("a * (1 << 3)", in)[0], 16);
}
