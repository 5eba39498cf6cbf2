#pragma once
// A compiled expression: register-based code of operations over one block, by opcode and
// type only (the runtime chooses the kernels). Inputs and constants own fixed registers;
// temporaries share registers once dead.
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hpcpp/expr/array_ref.hpp"
#include "hpcpp/expr/axis_slice.hpp"
#include "hpcpp/expr/ops.hpp"
#include "hpcpp/expr/scalar.hpp"

namespace hpcpp::expr {

class FusedKernelCache;
std::shared_ptr<FusedKernelCache> make_fused_kernel_cache();

struct Instruction {
  Op op;
  int out;
  std::array<int, 3> in;  // -1 where unused
  DType out_dtype;
  DType operand_dtype;
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
  // The machine code compiled for this program, shared by its copies (jit/).
  std::shared_ptr<FusedKernelCache> fused = make_fused_kernel_cache();

  // One line per instruction ("r3 = mul.float64 r0 r2"), for tests and --explain.
  std::string listing() const;
};

// Parses, types, folds constants, expands constant powers, merges common subexpressions
// and allocates registers.
Program compile(std::string_view text, const Signature& signature);
// The variable names `text` uses, each once, in order of first use (parses only).
std::vector<std::string> names_used(std::string_view text);

}  // namespace hpcpp::expr
