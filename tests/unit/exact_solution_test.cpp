// hpcpp's field against the exact discrete solution of the scheme (sine modes).
#include "hpcpp/diffusion/exact_solution.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "diffusion_fixtures.hpp"
#include "hpcpp/diffusion/backend.hpp"

using namespace hpcpp::diffusion;

namespace {

double max_abs(const Field& f) {
  double m = 0;
  for (std::int64_t i = 0; i < f.rows(); ++i)
    for (std::int64_t j = 0; j < f.cols(); ++j) m = std::max(m, std::abs(f.at(i, j)));
  return m;
}

double max_abs_difference(const Field& a, const Field& b) {
  double m = 0;
  for (std::int64_t i = 0; i < a.rows(); ++i)
    for (std::int64_t j = 0; j < a.cols(); ++j) m = std::max(m, std::abs(a.at(i, j) - b.at(i, j)));
  return m;
}

}  // namespace

TEST(ExactSolution, ZeroStepsReproducesTheInitialField) {
  const Problem problem = hpcpp::testing::problem_with_rows(15);
  const Field initial = problem.initial_field();
  EXPECT_LT(max_abs_difference(exact_discrete_solution(initial, problem.coefficient, 0), initial), 1e-15);
}

TEST(ExactSolution, OneStepIsTheStencil) {
  const Problem problem = hpcpp::testing::problem_with_rows(9);
  const Field initial = hpcpp::testing::random_field(11, 11, 7);
  Field stepped = hpcpp::testing::copy_of(initial);
  make_backend("reference", problem)->advance(stepped, 1);
  EXPECT_LT(max_abs_difference(exact_discrete_solution(initial, problem.coefficient, 1), stepped), 1e-15);
}

// After 1000 steps on a 31x31 interior, every backend agrees with the closed form to
// 1e-12 relative to the field's size.
TEST(ExactSolution, BackendsAfterManyStepsAgreeTo1e12) {
  const Problem problem = hpcpp::testing::problem_with_rows(31);
  const std::int64_t steps = 1000;
  const Field exact = exact_discrete_solution(problem.initial_field(), problem.coefficient, steps);
  ASSERT_GT(max_abs(exact), 1e-6);  // the solution has not decayed to nothing
  for (const auto& info : backends()) {
    if (info.needs_mpi_job) continue;  // tests/mpi runs it under mpirun, bit-identical to these
    Field field = problem.initial_field();
    make_backend(info.name, problem)->advance(field, steps);
    EXPECT_LT(max_abs_difference(field, exact) / max_abs(exact), 1e-12) << info.name;
  }
}
