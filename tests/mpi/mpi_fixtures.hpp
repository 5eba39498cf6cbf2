#pragma once
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "hpcpp/mpi/environment.hpp"

// The MPI environment of the test program (initialised once, in its main).
const hpcpp::mpi::Environment& test_environment();

// The rank count mpirun was asked for: a launcher that does not match the MPI library
// starts that many singletons, each of which would pass alone.
inline int expected_ranks() {
  const char* text = std::getenv("HPCPP_EXPECTED_RANKS");
  return text == nullptr ? -1 : std::stoi(text);
}
