#pragma once
// What a compiled loop needs to know of a program besides its instructions: which
// registers are streamed from memory, which extra registers hold the sign-bit and
// all-ones constants, and whether the result is bool. The same for every instruction set.
#include <cstdint>
#include <optional>
#include <vector>

#include "hpcpp/expr/program.hpp"

namespace hpcpp::expr {

// The streamed inputs' block pointers live in these general-purpose registers during the
// loop (by encoding number: rcx, r8, r9, r10, r11).
inline constexpr int stream_pointer_registers[] = {1, 8, 9, 10, 11};

struct FusionLayout {
  std::vector<int> streams;  // registers loaded from memory every element
  int sign_register = -1;    // -0.0 in every lane (for - and abs), or -1
  int ones_register = -1;    // all bits set (for ~), or -1
  bool bool_result = false;
};

// Empty where the program has an operation or type the compiler does not handle, or
// needs more than `vector_registers` vector registers. `constants`: bit r set where
// register r holds a constant (a 0-d input becomes one at evaluation time).
std::optional<FusionLayout> fusion_layout(const Program& plan, std::uint32_t constants, int vector_registers);

}  // namespace hpcpp::expr
