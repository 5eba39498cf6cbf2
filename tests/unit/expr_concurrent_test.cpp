// Evaluations started from several threads at once: none waits for another, and each gives
// the bits it gives alone (the busy shared pool's parts run on the caller's thread).
#include <gtest/gtest.h>

#include <cmath>
#include <thread>
#include <vector>

#include "expr_fixtures.hpp"

using namespace hpcpp::expr;
using hpcpp::testing::view_of;

TEST(ExprConcurrent, CallersAtOnceGetTheirLoneResults) {
  const std::size_t n = 50 * block_elements + 3;
  std::vector<double> a(n), b(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = std::sin(static_cast<double>(i)) * 1e3;
    b[i] = 1.0 + static_cast<double>(i % 97) * 1e-3;
  }
  const Bindings in{{"a", view_of(a)}, {"b", view_of(b)}};
  const Program total = compile("sum(a * b)", signature_of(in));
  const Program elementwise = compile("a / b - a * 0.25", signature_of(in));
  const EvaluateOptions two_threads{2};
  double alone_total = 0;
  std::vector<double> alone(n);
  evaluate(total, in, ArrayRef::scalar(&alone_total, DType::Float64), two_threads);
  evaluate(elementwise, in, view_of(alone), two_threads);

  constexpr int callers = 4, rounds = 50;
  std::vector<int> mismatches(callers, 0);
  std::vector<std::thread> threads;
  for (int c = 0; c < callers; ++c)
    threads.emplace_back([&, c] {
      std::vector<double> mine(n);
      for (int r = 0; r < rounds; ++r) {
        double t = 0;
        evaluate(total, in, ArrayRef::scalar(&t, DType::Float64), two_threads);
        evaluate(elementwise, in, view_of(mine), two_threads);
        if (t != alone_total || mine != alone) ++mismatches[static_cast<std::size_t>(c)];
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches, std::vector<int>(callers, 0));
}
