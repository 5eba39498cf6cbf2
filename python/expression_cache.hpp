#pragma once
// Expressions parsed once, and compiled once for each combination of input types: a call
// repeated in a loop costs a lookup, not a parse (numexpr caches the same way).
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hpcpp/expr/program.hpp"

namespace hpcpp::python {

class CachedExpression {
 public:
  // Parses `text`: throws expr::SyntaxError or hpcpp::Error.
  explicit CachedExpression(std::string text);

  const std::string& text() const { return text_; }
  // The names the expression reads, in order of first use.
  const std::vector<std::string>& names() const { return names_; }
  // True when the whole expression is one name ("s"): numexpr then returns a copy of its
  // value, strings included, which the engine otherwise only compares.
  bool is_one_name() const { return one_name_; }
  // The program for inputs of these types (one per name), compiled on first use.
  // Throws hpcpp::Error where the types do not fit the expression.
  std::shared_ptr<const expr::Program> program_for(const std::vector<expr::DType>& types);

 private:
  static constexpr std::size_t max_programs = 16;

  std::string text_;
  std::vector<std::string> names_;
  bool one_name_ = false;
  std::mutex mutex_;
  std::vector<std::pair<std::vector<expr::DType>, std::shared_ptr<const expr::Program>>> programs_;
};

// The cached entry for `text`, parsed on first use. Thread-safe; at most a few hundred
// texts are kept.
std::shared_ptr<CachedExpression> cached_expression(std::string_view text);

}  // namespace hpcpp::python
