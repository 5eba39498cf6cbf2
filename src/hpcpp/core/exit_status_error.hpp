#pragma once
// An error whose command-line exit code is not 2 (bad input): 127 for a program that
// cannot be run, 128 + n for a run stopped by signal n, as a shell reports them.
#include "hpcpp/core/error.hpp"

namespace hpcpp {

class ExitStatusError : public Error {
 public:
  ExitStatusError(const std::string& message, int exit_code) : Error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace hpcpp
