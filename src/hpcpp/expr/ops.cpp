#include "hpcpp/expr/ops.hpp"

#include <array>

namespace hpcpp::expr {
namespace {

constexpr std::array<OpInfo, static_cast<int>(Op::Max) + 1> infos = {{
    {"copy", 1},      {"cast", 1},      {"-", 1},         {"~", 1},        {"+", 2},       {"-", 2},
    {"*", 2},         {"/", 2},         {"**", 2},        {"%", 2},        {"//", 2},      {"<<", 2},
    {">>", 2},        {"&", 2},         {"|", 2},         {"^", 2},        {"<", 2},       {"<=", 2},
    {"==", 2},        {"!=", 2},        {">=", 2},        {">", 2},        {"where", 3},   {"sin", 1},
    {"cos", 1},       {"tan", 1},       {"arcsin", 1},    {"arccos", 1},   {"arctan", 1},  {"arctan2", 2},
    {"sinh", 1},      {"cosh", 1},      {"tanh", 1},      {"arcsinh", 1},  {"arccosh", 1}, {"arctanh", 1},
    {"log", 1},       {"log10", 1},     {"log1p", 1},     {"exp", 1},      {"expm1", 1},   {"sqrt", 1},
    {"ceil", 1},      {"floor", 1},     {"fmod", 2},      {"abs", 1},      {"conj", 1},    {"real", 1},
    {"imag", 1},      {"complex", 2},   {"maximum", 2},   {"minimum", 2},  {"log2", 1},    {"isnan", 1},
    {"isfinite", 1},  {"isinf", 1},     {"signbit", 1},   {"sign", 1},     {"round", 1},   {"trunc", 1},
    {"hypot", 2},     {"copysign", 2},  {"nextafter", 2}, {"ones_like", 1}, {"contains", 2}, {"sum", 1},
    {"prod", 1},      {"min", 1},       {"max", 1},
}};

}  // namespace

const OpInfo& op_info(Op op) { return infos[static_cast<std::size_t>(op)]; }

std::optional<Op> function_named(std::string_view name) {
  if (name == "copy") return Op::Copy;
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
bool computes_in_float(Op op) {
  return op == Op::Div || (op >= Op::Sin && op <= Op::Abs) || (op >= Op::Log2 && op <= Op::Nextafter);
}
bool computes_in_double(Op op) { return op >= Op::Isnan && op <= Op::Nextafter; }
bool keeps_integers(Op op) { return op == Op::Abs || op == Op::Sign || op == Op::Round || op == Op::OnesLike; }
bool is_predicate(Op op) { return op >= Op::Isnan && op <= Op::Signbit; }

}  // namespace hpcpp::expr
