#include <cmath>

#include "hpcpp/core/error.hpp"
#include "hpcpp/expr/kernels.hpp"
#include "hpcpp/expr/passes.hpp"

namespace hpcpp::expr {
namespace {

constexpr double largest_expanded_power = 50;  // beyond, pow() is as fast

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
  copy->op = n.op;
  for (const auto& arg : n.args) copy->args.push_back(clone(*arg));
  return copy;
}

NodePtr typed(Op op, std::vector<NodePtr> args, DType dtype, std::size_t column) {
  NodePtr n = Node::operation(op, std::move(args), column);
  n->dtype = dtype;
  return n;
}

NodePtr times(NodePtr a, NodePtr b) {
  const DType t = a->dtype;
  const std::size_t column = a->column;
  std::vector<NodePtr> args;
  args.push_back(std::move(a));
  args.push_back(std::move(b));
  return typed(Op::Mul, std::move(args), t, column);
}

double exponent_value(const Scalar& s) {
  return visit_dtype(s.dtype, [&](auto t) -> double {
    using T = decltype(t);
    if constexpr (std::is_same_v<T, complex128>) return s.as<T>().imag() == 0 ? s.as<T>().real() : NAN;
    else return static_cast<double>(s.as<T>());
  });
}

// base**x by squaring: the same products for the same x, whatever the base.
NodePtr expanded_power(const Node& base, double x) {
  const auto whole = static_cast<long>(std::fabs(x));
  const bool half = std::fabs(x) - static_cast<double>(whole) == 0.5;
  NodePtr result, square = clone(base);
  for (long bits = whole; bits != 0; bits >>= 1) {
    if (bits & 1) result = result ? times(std::move(result), clone(*square)) : clone(*square);
    if (bits > 1) square = times(clone(*square), clone(*square));
  }
  if (half) {
    std::vector<NodePtr> args;
    args.push_back(clone(base));
    NodePtr root = typed(Op::Sqrt, std::move(args), base.dtype, base.column);
    result = result ? times(std::move(result), std::move(root)) : std::move(root);
  }
  if (x < 0) {
    std::vector<NodePtr> args;
    args.push_back(Node::constant(visit_dtype(base.dtype, [](auto t) { return Scalar::of(static_cast<decltype(t)>(1)); }), base.column));
    args.push_back(std::move(result));
    result = typed(Op::Div, std::move(args), base.dtype, base.column);
  }
  return result;
}

}  // namespace

void expand_powers(NodePtr& n) {
  if (n->kind != NodeKind::Operation) return;
  for (auto& arg : n->args) expand_powers(arg);
  if (n->op != Op::Pow || n->args[1]->kind != NodeKind::Constant) return;
  const double x = exponent_value(n->args[1]->value);
  if (is_integer(n->dtype) && x < 0) throw Error("integers to negative integer powers are not allowed");
  const bool whole_or_half = std::isfinite(x) && std::floor(2 * x) == 2 * x;
  if (!whole_or_half || x == 0 || std::fabs(x) > largest_expanded_power) return;
  n = expanded_power(*n->args[0], x);
}

}  // namespace hpcpp::expr
