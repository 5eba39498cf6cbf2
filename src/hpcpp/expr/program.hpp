#pragma once
// A compiled expression: register-based code of elementwise kernels over one block.
// Inputs and constants own fixed registers; temporaries share registers once dead.
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hpcpp/expr/array_ref.hpp"
#include "hpcpp/expr/ast.hpp"
#include "hpcpp/expr/bytes_kernels.hpp"
#include "hpcpp/expr/fused_kernel.hpp"
#include "hpcpp/expr/kernels.hpp"

namespace hpcpp::expr {

struct Instruction {
  Op op;
  Kernel kernel;
  int out;
  std::array<int, 3> in;  // -1 where unused
  DType out_dtype;
  DType operand_dtype;
  BytesKernel bytes_kernel = nullptr;  // instead of `kernel` where the operands are bytes
};

struct InputSlot {
  std::string name;
  std::vector<AxisSlice> slices;
  std::string spelling;  // for messages: "u[1:-1, 2:]"
  DType dtype;
  int reg;
};

struct ConstantSlot {
  Scalar value;
  int reg;
};

struct Program {
  std::string text;
  std::vector<InputSlot> inputs;
  std::vector<ConstantSlot> constants;
  std::vector<Instruction> code;
  int register_count = 0;
  int result_register = 0;
  DType result_dtype = DType::Float64;
  std::optional<Op> reduction;  // the whole expression is sum(...) or prod(...)
  std::optional<std::int64_t> reduction_axis;  // sum(x, axis=k): the axis, as written
  Reducer reducer = nullptr;
  std::shared_ptr<FusedKernelCache> fused = std::make_shared<FusedKernelCache>();

  // One line per instruction ("r3 = mul.float64 r0 r2"), for tests and --explain.
  std::string listing() const;
};

// Parses, types, folds constants, expands constant powers, merges common subexpressions
// and allocates registers.
Program compile(std::string_view text, const Signature& signature);
// The variable names `text` uses, each once, in order of first use (parses only).
std::vector<std::string> names_used(std::string_view text);

}  // namespace hpcpp::expr
