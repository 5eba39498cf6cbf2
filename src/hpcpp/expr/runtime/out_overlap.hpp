#pragma once
// Whether `out` may be written while the inputs are read.
#include "hpcpp/expr/array_ref.hpp"
#include "hpcpp/expr/program.hpp"

namespace hpcpp::expr {

// Whether writing the result straight into `out` could overwrite an element of an input
// before it is read: out overlaps an input that is not the same view element for element.
bool out_overlaps_an_input(const Program& program, const Bindings& inputs, const ArrayRef& out);

}  // namespace hpcpp::expr
