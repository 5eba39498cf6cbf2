#include "hpcpp/expr/compiler/lowering.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <unordered_map>

namespace hpcpp::expr {
namespace {

struct Value {
  const Node* node;
  std::array<int, 3> operands{-1, -1, -1};
};

// Numbers values so that structurally equal subtrees share one number.
class ValueNumbering {
 public:
  int number(const Node& n) {
    Value v{&n};
    std::string key;
    switch (n.kind) {
      case NodeKind::Constant:
        key = fmt::format("c{}:", static_cast<int>(n.dtype));
        for (unsigned char b : n.value.bytes) key += fmt::format("{:02x}", b);
        for (unsigned char b : n.value.text) key += fmt::format("{:02x}", b);
        break;
      case NodeKind::Variable:
        key = "v" + n.name;
        for (const auto& s : n.slices)
          key += fmt::format("[{}{},{},{}", s.is_index ? "i" : "", s.start.value_or(INT64_MIN), s.stop.value_or(INT64_MIN),
                             s.step.value_or(INT64_MIN));
        break;
      case NodeKind::Operation:
        key = fmt::format("o{}:{}", static_cast<int>(n.op), static_cast<int>(n.dtype));
        for (std::size_t i = 0; i < n.args.size(); ++i) {
          v.operands[i] = number(*n.args[i]);
          key += fmt::format(",{}", v.operands[i]);
        }
        break;
    }
    const auto [it, inserted] = known_.emplace(std::move(key), static_cast<int>(values_.size()));
    if (inserted) values_.push_back(v);
    return it->second;
  }
  const std::vector<Value>& values() const { return values_; }

 private:
  std::unordered_map<std::string, int> known_;
  std::vector<Value> values_;
};

}  // namespace

void lower_into(const Node& root, Program& program) {
  const bool reduce = root.kind == NodeKind::Operation && is_reduction(root.op);
  const Node& top = reduce ? *root.args[0] : root;
  ValueNumbering numbering;
  const int result = numbering.number(top);
  const auto& values = numbering.values();

  std::vector<int> last_use(values.size(), -1);
  for (std::size_t i = 0; i < values.size(); ++i)
    for (int operand : values[i].operands)
      if (operand >= 0) last_use[static_cast<std::size_t>(operand)] = static_cast<int>(i);

  std::vector<int> reg(values.size(), -1);
  std::vector<int> free_registers;
  int next_register = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const Node& n = *values[i].node;
    if (n.kind == NodeKind::Constant) {
      reg[i] = next_register++;
      program.constants.push_back({n.value, reg[i]});
    } else if (n.kind == NodeKind::Variable) {
      reg[i] = next_register++;
      program.inputs.push_back({n.name, n.slices, n.spelling, n.dtype, reg[i]});
    } else {
      // The output register is taken before the operands' are freed: kernels never write
      // over their own operands.
      if (free_registers.empty()) {
        reg[i] = next_register++;
      } else {
        reg[i] = free_registers.back();
        free_registers.pop_back();
      }
      Instruction ins{n.op, reg[i], {-1, -1, -1}, n.dtype, n.args.back()->dtype};
      for (std::size_t k = 0; k < 3; ++k)
        if (values[i].operands[k] >= 0) ins.in[k] = reg[static_cast<std::size_t>(values[i].operands[k])];
      program.code.push_back(ins);
      for (int operand : values[i].operands) {
        if (operand < 0 || last_use[static_cast<std::size_t>(operand)] != static_cast<int>(i)) continue;
        const Node& o = *values[static_cast<std::size_t>(operand)].node;
        const int r = reg[static_cast<std::size_t>(operand)];
        // An operand used twice by this instruction is freed once.
        if (o.kind == NodeKind::Operation && std::find(free_registers.begin(), free_registers.end(), r) == free_registers.end())
          free_registers.push_back(r);
      }
    }
  }
  program.result_register = reg[static_cast<std::size_t>(result)];
  program.result_dtype = top.dtype;
  if (reduce) {
    program.reduction = root.op;
    program.reduction_axis = root.axis;
  } else if (top.kind != NodeKind::Operation) {
    // The result is written by the last instruction; a bare input or constant needs one.
    program.code.push_back(Instruction{Op::Copy, next_register, {program.result_register, -1, -1}, top.dtype, top.dtype});
    program.result_register = next_register++;
  }
  program.register_count = next_register;
}

}  // namespace hpcpp::expr
