#pragma once
// The syntax tree: constants, (sliced) variables and operations. The passes annotate it
// with types and rewrite it in place.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hpcpp/expr/axis_slice.hpp"
#include "hpcpp/expr/dtype.hpp"
#include "hpcpp/expr/ops.hpp"
#include "hpcpp/expr/scalar.hpp"

namespace hpcpp::expr {

enum class NodeKind { Constant, Variable, Operation };

struct Node {
  NodeKind kind = NodeKind::Constant;
  DType dtype = DType::Int32;
  std::size_t column = 0;
  int height = 1;  // of the subtree, kept so no pass recurses deeper than the parser allowed

  Scalar value;                     // Constant
  std::string name;                 // Variable
  std::vector<AxisSlice> slices;    // Variable
  std::string spelling;             // Variable, as written: "u[1:-1, 2:]"
  Op op = Op::Copy;                 // Operation
  std::vector<std::unique_ptr<Node>> args;
  std::optional<std::int64_t> axis;  // sum/prod: the axis reduced, as written (may be negative)

  static std::unique_ptr<Node> constant(Scalar value, std::size_t column);
  static std::unique_ptr<Node> operation(Op op, std::vector<std::unique_ptr<Node>> args, std::size_t column);
  static std::unique_ptr<Node> cast(std::unique_ptr<Node> arg, DType to);
};

using NodePtr = std::unique_ptr<Node>;

// The parser refuses trees deeper than this (casts the passes add at most double it), so
// the recursive passes stay far from the stack's limit.
inline constexpr int max_tree_height = 1000;
// Parentheses, calls and unary operators nested deeper than this are refused.
inline constexpr int max_nesting = 200;
// Longer expressions are refused before parsing.
inline constexpr std::size_t max_expression_length = 100000;

}  // namespace hpcpp::expr
