#pragma once
// Turns the typed tree into a program: equal subtrees become one value (common
// subexpression elimination), values are ordered operands first, and temporaries get
// registers that are reused once their last reader has run.
#include "hpcpp/expr/compiler/ast.hpp"
#include "hpcpp/expr/program.hpp"

namespace hpcpp::expr {

void lower_into(const Node& root, Program& program);

}  // namespace hpcpp::expr
