#pragma once
// numexpr's name for an operation on given operand types, as its NotImplementedError
// spells it ("add_sss": add, giving bytes, of bytes and bytes): scripts written for numexpr
// look for it in the message of an operation no type has.
#include <span>
#include <string>

#include "hpcpp/expr/dtype.hpp"
#include "hpcpp/expr/ops.hpp"

namespace hpcpp::expr {

// The operation's name in numexpr, its result's type code, then each operand's type code
// as written (before any cast); reductions end in 'n' (numexpr's axis slot). `a < b` is
// numexpr's gt(b, a), and `a <= b` its ge(b, a).
std::string opcode_signature(Op op, std::span<const DType> operands);

}  // namespace hpcpp::expr
