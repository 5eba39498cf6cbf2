#include <fmt/core.h>

#include <algorithm>

#include "hpcpp/expr/compiler/lowering.hpp"
#include "hpcpp/expr/compiler/parser.hpp"
#include "hpcpp/expr/compiler/passes.hpp"
#include "hpcpp/expr/program.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::expr {

Program compile(std::string_view text, const Signature& signature) {
  HPCPP_PROFILE_REGION("expr.compile");
  NodePtr tree;
  {
    HPCPP_PROFILE_REGION("expr.parse");
    tree = parse(text);
  }
  fold_integer_literals(tree);
  {
    HPCPP_PROFILE_REGION("expr.type");
    infer_types(tree, signature);
  }
  {
    HPCPP_PROFILE_REGION("expr.fold");
    fold_constants(tree);
  }
  Program program;
  program.text = std::string(text);
  HPCPP_PROFILE_REGION("expr.lower");
  lower_into(*tree, program);
  return program;
}

namespace {

void collect_names(const Node& n, std::vector<std::string>& names) {
  if (n.kind == NodeKind::Variable && std::find(names.begin(), names.end(), n.name) == names.end()) names.push_back(n.name);
  for (const auto& arg : n.args) collect_names(*arg, names);
}

}  // namespace

std::vector<std::string> names_used(std::string_view text) {
  std::vector<std::string> names;
  collect_names(*parse(text), names);
  return names;
}

std::string Program::listing() const {
  std::string out;
  for (const auto& in : inputs) out += fmt::format("r{} = {} ({})\n", in.reg, in.spelling, dtype_name(in.dtype));
  for (const auto& c : constants) out += fmt::format("r{} = constant {}\n", c.reg, dtype_name(c.value.dtype));
  for (const auto& ins : code) {
    out += fmt::format("r{} = {}.{}", ins.out, ins.op == Op::Cast ? "cast" : op_info(ins.op).name, dtype_name(ins.out_dtype));
    for (int r : ins.in)
      if (r >= 0) out += fmt::format(" r{}", r);
    out += "\n";
  }
  if (reduction && reduction_axis) out += fmt::format("{}(r{}, axis={})\n", op_info(*reduction).name, result_register, *reduction_axis);
  else if (reduction) out += fmt::format("{}(r{})\n", op_info(*reduction).name, result_register);
  return out;
}

}  // namespace hpcpp::expr
