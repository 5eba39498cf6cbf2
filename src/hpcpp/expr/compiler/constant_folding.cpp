#include "hpcpp/expr/kernels/kernels.hpp"
#include "hpcpp/expr/compiler/passes.hpp"

namespace hpcpp::expr {

void fold_constants(NodePtr& n) {
  if (n->kind != NodeKind::Operation) return;
  bool all_constant = true;
  for (auto& arg : n->args) {
    fold_constants(arg);
    all_constant = all_constant && arg->kind == NodeKind::Constant;
  }
  // Operations on bytes are left to the evaluator, which knows the strings' lengths.
  if (!all_constant || is_reduction(n->op) || n->args[0]->dtype == DType::Bytes) return;
  const void* in[3] = {};
  for (std::size_t i = 0; i < n->args.size(); ++i) in[i] = n->args[i]->value.bytes;
  Scalar result;
  result.dtype = n->dtype;
  const Kernel kernel = n->op == Op::Cast ? cast_kernel(n->args[0]->dtype, n->dtype)
                                          : elementwise_kernel(n->op, n->args.back()->dtype);
  kernel(1, result.bytes, in);
  n = Node::constant(result, n->column);
}

}  // namespace hpcpp::expr
