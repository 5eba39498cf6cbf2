#include "hpcpp/expr/ops.hpp"

#include <array>

namespace hpcpp::expr {
namespace {

constexpr std::array<OpInfo, static_cast<int>(Op::Max) + 1> infos = {{
    {"copy", 1},    {"cast", 1},    {"-", 1},       {"~", 1},       {"+", 2},       {"-", 2},
    {"*", 2},       {"/", 2},       {"**", 2},      {"%", 2},       {"<<", 2},      {">>", 2},
    {"&", 2},       {"|", 2},       {"<", 2},       {"<=", 2},      {"==", 2},      {"!=", 2},
    {">=", 2},      {">", 2},       {"where", 3},   {"sin", 1},     {"cos", 1},     {"tan", 1},
    {"arcsin", 1},  {"arccos", 1},  {"arctan", 1},  {"arctan2", 2}, {"sinh", 1},    {"cosh", 1},
    {"tanh", 1},    {"arcsinh", 1}, {"arccosh", 1}, {"arctanh", 1}, {"log", 1},     {"log10", 1},
    {"log1p", 1},   {"exp", 1},     {"expm1", 1},   {"sqrt", 1},    {"ceil", 1},    {"floor", 1},
    {"fmod", 2},    {"abs", 1},     {"conj", 1},    {"real", 1},    {"imag", 1},    {"complex", 2},
    {"maximum", 2}, {"minimum", 2}, {"contains", 2}, {"sum", 1},    {"prod", 1},    {"min", 1},
    {"max", 1},
}};

}  // namespace

const OpInfo& op_info(Op op) { return infos[static_cast<std::size_t>(op)]; }

std::optional<Op> function_named(std::string_view name) {
  for (int i = static_cast<int>(Op::Where); i <= static_cast<int>(Op::Max); ++i)
    if (infos[static_cast<std::size_t>(i)].name == name) return static_cast<Op>(i);
  return std::nullopt;
}

bool is_reduction(Op op) { return op >= Op::Sum; }

Op fold_of(Op reduction) {
  switch (reduction) {
    case Op::Sum: return Op::Add;
    case Op::Prod: return Op::Mul;
    case Op::Min: return Op::Minimum;
    default: return Op::Maximum;
  }
}
bool is_comparison(Op op) { return op >= Op::Lt && op <= Op::Gt; }
bool computes_in_float(Op op) { return op == Op::Div || (op >= Op::Sin && op <= Op::Abs); }

}  // namespace hpcpp::expr
