#include <fmt/core.h>

#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/expr/kernels.hpp"
#include "hpcpp/expr/passes.hpp"

namespace hpcpp::expr {
namespace {

std::string describe_op(Op op) {
  const auto name = op_info(op).name;
  if (op >= Op::Where) return fmt::format("{}()", name);
  return fmt::format("operator '{}'", name);
}

// The type an operation's operands are brought to.
DType operand_dtype(const Node& n) {
  const std::size_t first = n.op == Op::Where ? 1 : 0;  // where's condition stays bool
  DType common = n.args[first]->dtype;
  for (std::size_t i = first + 1; i < n.args.size(); ++i) common = common_dtype(common, n.args[i]->dtype);
  switch (n.op) {
    case Op::Conj:
    case Op::Real:
    case Op::Imag: return DType::Complex128;
    case Op::Complex:
      if (common == DType::Complex128) throw Error("complex() takes real arguments, got complex128");
      return DType::Float64;
    default: break;
  }
  if (computes_in_float(n.op) && common < DType::Float32) return DType::Float64;
  return common;
}

void cast_argument(NodePtr& arg, DType to) {
  if (arg->dtype != to) arg = Node::cast(std::move(arg), to);
}

void infer(Node& n, const Signature& signature, bool is_root) {
  if (n.kind == NodeKind::Constant) return;
  if (n.kind == NodeKind::Variable) {
    const auto it = signature.find(n.name);
    if (it == signature.end()) {
      std::vector<std::string> names;
      for (const auto& [name, dtype] : signature) names.push_back(name);
      if (names.empty()) throw Error(fmt::format("unknown name '{}'", n.name));
      throw Error(fmt::format("unknown name '{}' (did you mean '{}'?)", n.name, closest_name(n.name, names)));
    }
    n.dtype = it->second;
    return;
  }
  for (auto& arg : n.args) infer(*arg, signature, false);
  if (is_reduction(n.op)) {
    if (!is_root) throw Error(fmt::format("{}() must be the outermost operation", op_info(n.op).name));
    if (!reduce_kernel(n.op, n.args[0]->dtype))
      throw Error(fmt::format("{}() is not defined for {}", op_info(n.op).name, dtype_name(n.args[0]->dtype)));
    n.dtype = n.args[0]->dtype;
    return;
  }
  if (n.op == Op::Where && n.args[0]->dtype != DType::Bool)
    throw Error(fmt::format("where() needs a bool condition, got {}", dtype_name(n.args[0]->dtype)));
  const DType operand = operand_dtype(n);
  for (std::size_t i = (n.op == Op::Where ? 1 : 0); i < n.args.size(); ++i) cast_argument(n.args[i], operand);
  if (!elementwise_kernel(n.op, operand))
    throw Error(fmt::format("{} is not defined for {}", describe_op(n.op), dtype_name(operand)));
  n.dtype = result_dtype(n.op, operand);
}

}  // namespace

void infer_types(Node& root, const Signature& signature) { infer(root, signature, true); }

}  // namespace hpcpp::expr
