#pragma once
// Python's grammar and precedence for numexpr's language, plus numpy subscripts on names.
#include <string_view>

#include "hpcpp/expr/compiler/ast.hpp"

namespace hpcpp::expr {

// Throws SyntaxError (with a caret) for malformed text, hpcpp::Error for unknown
// functions, wrong argument counts, and expressions too long or too deep.
NodePtr parse(std::string_view text);

}  // namespace hpcpp::expr
