#include <cmath>

#include "hpcpp/expr/kernels/kernels.hpp"
#include "hpcpp/expr/compiler/passes.hpp"

namespace hpcpp::expr {
namespace {

constexpr double largest_expanded_power = 50;  // beyond, pow() is as fast
// Expansion copies the base up to ~15 times; nested powers of big bases would grow the
// tree geometrically, so bases larger than this keep pow().
constexpr std::size_t largest_expanded_base = 500;

std::size_t node_count(const Node& n, std::size_t limit) {
  std::size_t count = 1;
  for (const auto& arg : n.args) {
    if (count > limit) break;
    count += node_count(*arg, limit);
  }
  return count;
}

NodePtr clone(const Node& n) {
  auto copy = std::make_unique<Node>();
  copy->kind = n.kind;
  copy->dtype = n.dtype;
  copy->column = n.column;
  copy->height = n.height;
  copy->value = n.value;
  copy->name = n.name;
  copy->slices = n.slices;
  copy->spelling = n.spelling;
  copy->axis = n.axis;
  copy->op = n.op;
  for (const auto& arg : n.args) copy->args.push_back(clone(*arg));
  return copy;
}

NodePtr untyped(Op op, NodePtr a, NodePtr b = nullptr) {
  std::vector<NodePtr> args;
  args.push_back(std::move(a));
  if (b) args.push_back(std::move(b));
  const std::size_t column = args[0]->column;
  return Node::operation(op, std::move(args), column);
}

}  // namespace

NodePtr expand_constant_power(const Node& base, double x) {
  const bool whole_or_half = std::isfinite(x) && std::floor(2 * x) == 2 * x;
  if (!whole_or_half || std::fabs(x) > largest_expanded_power) return nullptr;
  if (node_count(base, largest_expanded_base) > largest_expanded_base) return nullptr;
  if (x == 0) {
    // numexpr's ones_like: ones of the base's type and shape.
    const Scalar one = visit_dtype(base.dtype, [](auto t) { return Scalar::of(static_cast<decltype(t)>(1)); });
    std::vector<NodePtr> args;
    args.push_back(untyped(Op::Eq, clone(base), clone(base)));
    args.push_back(Node::constant(one, base.column));
    args.push_back(Node::constant(one, base.column));
    return Node::operation(Op::Where, std::move(args), base.column);
  }
  // By squaring: the same products for the same x, whatever the base.
  const auto whole = static_cast<long>(std::fabs(x));
  const bool half = std::fabs(x) - static_cast<double>(whole) == 0.5;
  NodePtr result, square = clone(base);
  for (long bits = whole; bits != 0; bits >>= 1) {
    if (bits & 1) result = result ? untyped(Op::Mul, std::move(result), clone(*square)) : clone(*square);
    if (bits > 1) square = untyped(Op::Mul, clone(*square), clone(*square));
  }
  if (half) {
    NodePtr root = untyped(Op::Sqrt, clone(base));
    result = result ? untyped(Op::Mul, std::move(result), std::move(root)) : std::move(root);
  }
  if (x < 0) result = untyped(Op::Div, Node::constant(Scalar::of(std::int32_t{1}), base.column), std::move(result));
  return result;
}

}  // namespace hpcpp::expr
