#pragma once
// An expression refused for a value its operation cannot take rather than for its grammar
// or its types (an integer array to a negative integer power). numexpr and numpy raise a
// ValueError for these, not the NotImplementedError of an operation no type has, and
// numexpr's tests tell the two apart.
#include "hpcpp/core/error.hpp"

namespace hpcpp::expr {

class InvalidValueError : public Error {
 public:
  using Error::Error;
};

}  // namespace hpcpp::expr
