#pragma once
// The arrays a program reads, as it reads them: each input sliced as written, then
// broadcast to the common shape (stride 0 along the axes it is broadcast over).
#include <cstdint>
#include <vector>

#include "hpcpp/expr/array_ref.hpp"
#include "hpcpp/expr/program.hpp"

namespace hpcpp::expr {

struct InputViews {
  std::vector<ArrayRef> views;      // per program input; 0-d inputs stay 0-d
  std::vector<std::int64_t> shape;  // the common shape (empty when every input is 0-d)
};

// Throws a one-line Error for a missing input, a wrong type, or shapes that do not broadcast.
InputViews resolve_inputs(const Program& program, const Bindings& inputs);

}  // namespace hpcpp::expr
