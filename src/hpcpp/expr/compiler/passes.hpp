#pragma once
// The compiler's passes over the syntax tree, in the order compile() runs them.
#include "hpcpp/expr/array_ref.hpp"
#include "hpcpp/expr/compiler/ast.hpp"

namespace hpcpp::expr {

// Folds operations on integer literals as Python does before numexpr sees the expression
// (unbounded integers, floor division), and types each result by its value: int32 where it
// fits, else int64.
void fold_integer_literals(NodePtr& root);
// Gives every node its type by numexpr's rules and inserts explicit casts, so each
// operation sees operands of one type. Unknown names and operations a type does not
// have are hpcpp::Errors. x**c for a literal c is expanded first (below), as numexpr
// does, so c takes no part in the type: f4**2 and f4**0.5 stay float32.
void infer_types(NodePtr& root, const Signature& signature);
// Replaces every operation whose operands are all constants by its value, computed by the
// same kernels the evaluator runs.
void fold_constants(NodePtr& root);
// base**c for c a whole or half number up to 50 in size, as multiplications (and a sqrt,
// and a division for negative c), or nullptr for other c. The new nodes are untyped;
// `base` is copied.
NodePtr expand_constant_power(const Node& base, double c);

}  // namespace hpcpp::expr
