#include "hpcpp/expr/compiler/parser.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/expr/compiler/lexer.hpp"
#include "hpcpp/expr/syntax_error.hpp"

namespace hpcpp::expr {
namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text), tokens_(tokenize(text)) {}

  NodePtr parse_all() {
    NodePtr root = comparison();
    if (peek().kind == TokenKind::Name && (peek().text == "and" || peek().text == "or"))
      throw Error(fmt::format("'{}' asks for one truth value of an array, which it has not: use '{}' elementwise",
                              peek().text, peek().text == "and" ? "&" : "|"));
    if (peek().kind != TokenKind::End) fail(peek().text == ")" ? "unmatched ')'" : "unexpected token");
    return root;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  bool at(std::string_view op) const { return peek().kind == TokenKind::Operator && peek().text == op; }
  const Token& next() { return tokens_[pos_++]; }
  [[noreturn]] void fail(const std::string& problem) const { throw SyntaxError(problem, text_, peek().column); }
  void expect(std::string_view op) {
    if (!at(op)) fail(fmt::format("expected '{}'", op));
    ++pos_;
  }

  // Counts one level of nesting while alive.
  struct Nesting {
    Parser& p;
    explicit Nesting(Parser& parser) : p(parser) {
      if (++p.depth_ > max_nesting) p.fail(fmt::format("nested deeper than {} levels", max_nesting));
    }
    ~Nesting() { --p.depth_; }
  };

  NodePtr make(Op op, std::vector<NodePtr> args, std::size_t column) {
    NodePtr n = Node::operation(op, std::move(args), column);
    if (n->height > max_tree_height)
      throw Error(fmt::format("expression too deep: more than {} nested operations", max_tree_height));
    return n;
  }
  NodePtr binary(Op op, NodePtr a, NodePtr b, std::size_t column) {
    std::vector<NodePtr> args;
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    return make(op, std::move(args), column);
  }

  static std::optional<Op> comparison_op(std::string_view t) {
    if (t == "<") return Op::Lt;
    if (t == "<=") return Op::Le;
    if (t == "==") return Op::Eq;
    if (t == "!=") return Op::Ne;
    if (t == ">=") return Op::Ge;
    if (t == ">") return Op::Gt;
    return std::nullopt;
  }

  NodePtr comparison() {
    NodePtr left = bit_or();
    if (peek().kind != TokenKind::Operator) return left;
    if (auto op = comparison_op(peek().text)) {
      const std::size_t column = next().column;
      left = binary(*op, std::move(left), bit_or(), column);
      if (peek().kind == TokenKind::Operator && comparison_op(peek().text))
        fail("chained comparisons are not supported (use '&')");
    }
    return left;
  }

  // One level of a left-associative operator: a op b op c.
  NodePtr left_associative(std::string_view symbol, Op op, NodePtr (Parser::*operand)()) {
    NodePtr left = (this->*operand)();
    while (at(symbol)) {
      const std::size_t column = next().column;
      left = binary(op, std::move(left), (this->*operand)(), column);
    }
    return left;
  }

  NodePtr bit_or() { return left_associative("|", Op::Or, &Parser::bit_xor); }
  NodePtr bit_xor() { return left_associative("^", Op::Xor, &Parser::bit_and); }
  NodePtr bit_and() { return left_associative("&", Op::And, &Parser::shift); }

  NodePtr shift() {
    NodePtr left = arith();
    while (at("<<") || at(">>")) {
      const Op op = peek().text == "<<" ? Op::Shl : Op::Shr;
      const std::size_t column = next().column;
      left = binary(op, std::move(left), arith(), column);
    }
    return left;
  }

  NodePtr arith() {
    NodePtr left = term();
    while (at("+") || at("-")) {
      const Op op = peek().text == "+" ? Op::Add : Op::Sub;
      const std::size_t column = next().column;
      left = binary(op, std::move(left), term(), column);
    }
    return left;
  }

  NodePtr term() {
    NodePtr left = factor();
    while (at("*") || at("/") || at("%") || at("//")) {
      const std::string_view t = peek().text;
      const Op op = t == "*" ? Op::Mul : t == "/" ? Op::Div : t == "//" ? Op::FloorDiv : Op::Mod;
      const std::size_t column = next().column;
      left = binary(op, std::move(left), factor(), column);
    }
    return left;
  }

  NodePtr factor() {
    if (at("-") || at("~") || at("+")) {
      Nesting nesting(*this);
      const Token& t = next();
      NodePtr operand = factor();
      if (t.text == "+") return operand;
      std::vector<NodePtr> args;
      args.push_back(std::move(operand));
      return make(t.text == "-" ? Op::Neg : Op::Invert, std::move(args), t.column);
    }
    return power();
  }

  NodePtr power() {
    NodePtr base = attributes(primary());
    if (!at("**")) return base;
    Nesting nesting(*this);
    const std::size_t column = next().column;
    return binary(Op::Pow, std::move(base), factor(), column);
  }

  NodePtr primary() {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::Integer: return integer_literal(next());
      case TokenKind::Float:
      case TokenKind::Imaginary: return float_literal(next());
      case TokenKind::Name: return name_or_call();
      case TokenKind::String: {
        const Token& s = next();
        return Node::constant(Scalar::of_bytes(string_literal_bytes(s, text_)), s.column);
      }
      case TokenKind::End: fail("unexpected end of expression");
      case TokenKind::Operator: break;
    }
    if (at("[")) throw Error("a list is not a value of the language: name an array instead");
    if (!at("(")) fail("unexpected token");
    Nesting nesting(*this);
    next();
    NodePtr inner = comparison();
    expect(")");
    return inner;
  }

  // x.real and x.imag, as numexpr reads them: real(x) and imag(x).
  NodePtr attributes(NodePtr n) {
    while (at(".")) {
      next();
      const Token& name = peek();
      if (name.kind != TokenKind::Name || (name.text != "real" && name.text != "imag"))
        fail("only .real and .imag follow a value");
      next();
      std::vector<NodePtr> args;
      args.push_back(std::move(n));
      n = make(name.text == "real" ? Op::Real : Op::Imag, std::move(args), name.column);
    }
    return n;
  }

  NodePtr integer_literal(const Token& t) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), value);
    if (ec != std::errc() || end != t.text.data() + t.text.size())
      throw SyntaxError("integer constant does not fit in int64", text_, t.column);
    if (value <= std::numeric_limits<std::int32_t>::max())
      return Node::constant(Scalar::of(static_cast<std::int32_t>(value)), t.column);
    return Node::constant(Scalar::of(value), t.column);
  }

  NodePtr float_literal(const Token& t) {
    const bool imaginary = t.kind == TokenKind::Imaginary;
    const std::string digits(t.text.substr(0, t.text.size() - (imaginary ? 1 : 0)));
    const double value = std::strtod(digits.c_str(), nullptr);  // overflow gives inf, as Python
    if (imaginary) return Node::constant(Scalar::of(complex128(0.0, value)), t.column);
    return Node::constant(Scalar::of(value), t.column);
  }

  NodePtr name_or_call() {
    const Token& t = next();
    if (t.text == "not") throw Error("'not' asks for one truth value of an array, which it has not: use '~' elementwise");
    if (at("(")) return call(t);
    if (t.text == "True" || t.text == "False") return Node::constant(Scalar::of(t.text == "True"), t.column);
    auto n = std::make_unique<Node>();
    n->kind = NodeKind::Variable;
    n->name = std::string(t.text);
    n->column = t.column;
    if (at("[")) n->slices = subscript();
    n->spelling = std::string(text_.substr(t.column, peek().column - t.column));
    while (!n->spelling.empty() && n->spelling.back() == ' ') n->spelling.pop_back();
    return n;
  }

  NodePtr call(const Token& name) {
    const auto op = function_named(name.text);
    if (!op) {
      std::vector<std::string> names;
      for (int i = static_cast<int>(Op::Where); i <= static_cast<int>(Op::Max); ++i)
        names.emplace_back(op_info(static_cast<Op>(i)).name);
      throw Error(fmt::format("unknown function '{}' (did you mean '{}'?)", name.text, closest_name(name.text, names)));
    }
    Nesting nesting(*this);
    expect("(");
    std::vector<NodePtr> args;
    std::optional<std::int64_t> axis;
    if (!at(")")) {
      args.push_back(comparison());
      while (at(",")) {
        next();
        if (is_reduction(*op) && args.size() == 1) {
          axis = reduction_axis();
          break;
        }
        args.push_back(comparison());
      }
    }
    expect(")");
    const int arity = op_info(*op).arity;
    if (static_cast<int>(args.size()) != arity)
      throw Error(fmt::format("{}() takes {} argument{}, got {}", name.text, arity, arity == 1 ? "" : "s", args.size()));
    NodePtr n = make(*op, std::move(args), name.column);
    n->axis = axis;
    return n;
  }

  // The second argument of a reduction: `axis=K` or `K`, K an integer constant, or None
  // (the whole array, as without an axis).
  std::optional<std::int64_t> reduction_axis() {
    if (peek().kind == TokenKind::Name && peek().text != "None") {
      if (peek().text != "axis") fail("expected 'axis=' or an integer axis");
      next();
      expect("=");
    }
    if (peek().kind == TokenKind::Name && peek().text == "None") {
      next();
      return std::nullopt;
    }
    const std::size_t column = peek().column;
    const auto axis = slice_bound();
    if (!axis) fail("expected an integer axis");
    if (*axis < -32 || *axis >= 32) throw SyntaxError("axis out of range", text_, column);
    return *axis;
  }

  std::optional<std::int64_t> slice_bound() {
    const bool negative = at("-");
    if (negative) next();
    if (peek().kind != TokenKind::Integer) {
      if (negative) fail("expected an integer");
      return std::nullopt;
    }
    const Token& t = next();
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), value);
    if (ec != std::errc() || end != t.text.data() + t.text.size())
      throw SyntaxError("index does not fit in int64", text_, t.column);
    return negative ? -value : value;
  }

  std::vector<AxisSlice> subscript() {
    expect("[");
    std::vector<AxisSlice> slices;
    do {
      if (at(",")) next();
      if (slices.size() == 32) fail("too many subscripts");
      AxisSlice s;
      s.start = slice_bound();
      if (at(":")) {
        next();
        s.stop = slice_bound();
        if (at(":")) {
          next();
          const std::size_t column = peek().column;
          s.step = slice_bound();
          if (s.step == 0) throw SyntaxError("slice step cannot be zero", text_, column);
        }
      } else {
        if (!s.start) fail("expected an integer or a slice");
        s.is_index = true;
      }
      slices.push_back(s);
    } while (at(","));
    expect("]");
    return slices;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

NodePtr parse(std::string_view text) {
  if (text.size() > max_expression_length)
    throw Error(fmt::format("expression too long: {} characters (at most {})", text.size(), max_expression_length));
  return Parser(text).parse_all();
}

}  // namespace hpcpp::expr
