#pragma once
// The compiler's passes over the syntax tree, in the order compile() runs them.
#include "hpcpp/expr/array_ref.hpp"
#include "hpcpp/expr/ast.hpp"

namespace hpcpp::expr {

// Gives every node its type by numexpr's rules and inserts explicit casts, so each
// operation sees operands of one type. Unknown names and operations a type does not
// have are hpcpp::Errors.
void infer_types(Node& root, const Signature& signature);
// Replaces every operation whose operands are all constants by its value, computed by the
// same kernels the evaluator runs.
void fold_constants(NodePtr& root);
// Rewrites x**c for constant c that is a whole or half number up to 50 in size into
// multiplications (and a sqrt, and a division for negative c), as numexpr does.
void expand_powers(NodePtr& root);

}  // namespace hpcpp::expr
