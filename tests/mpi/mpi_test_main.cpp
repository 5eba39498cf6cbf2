// GoogleTest under mpirun: every rank runs every test; a failure on any rank fails the job.
#include <gtest/gtest.h>

#include "mpi_fixtures.hpp"

namespace {
const hpcpp::mpi::Environment* the_environment = nullptr;
}

const hpcpp::mpi::Environment& test_environment() { return *the_environment; }

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  const hpcpp::mpi::Environment env("mpi_test");
  the_environment = &env;
  // Only rank 0 reports, so the log reads as one run.
  auto& listeners = ::testing::UnitTest::GetInstance()->listeners();
  if (env.rank() != 0) delete listeners.Release(listeners.default_result_printer());
  return RUN_ALL_TESTS();
}
