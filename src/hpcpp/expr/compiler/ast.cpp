#include "hpcpp/expr/compiler/ast.hpp"

#include <algorithm>


namespace hpcpp::expr {

NodePtr Node::constant(Scalar value, std::size_t column) {
  auto n = std::make_unique<Node>();
  n->kind = NodeKind::Constant;
  n->value = value;
  n->dtype = value.dtype;
  n->column = column;
  return n;
}

NodePtr Node::operation(Op op, std::vector<NodePtr> args, std::size_t column) {
  auto n = std::make_unique<Node>();
  n->kind = NodeKind::Operation;
  n->op = op;
  n->column = column;
  for (const auto& a : args) n->height = std::max(n->height, a->height + 1);
  n->args = std::move(args);
  return n;
}

NodePtr Node::cast(NodePtr arg, DType to) {
  const std::size_t column = arg->column;
  std::vector<NodePtr> args;
  args.push_back(std::move(arg));
  auto n = operation(Op::Cast, std::move(args), column);
  n->dtype = to;
  return n;
}

}  // namespace hpcpp::expr
