#pragma once
// Small arrays and a one-call evaluation for the expr tests.
#include <string>
#include <type_traits>
#include <vector>

#include "hpcpp/expr/expr.hpp"

namespace hpcpp::testing {

template <class T>
expr::ArrayRef view_of(std::vector<T>& v) {
  return expr::ArrayRef::contiguous(v.data(), expr::dtype_of<T>::value, {static_cast<std::int64_t>(v.size())});
}

// Evaluates `text` elementwise into a vector of R shaped like the result (bytes for bool).
template <class R, class Stored = std::conditional_t<std::is_same_v<R, bool>, unsigned char, R>>
std::vector<Stored> eval(const std::string& text, const expr::Bindings& inputs, int threads = 1) {
  const expr::Program p = expr::compile(text, expr::signature_of(inputs));
  std::int64_t n = 1;
  for (auto d : expr::result_shape(p, inputs)) n *= d;
  std::vector<Stored> out(static_cast<std::size_t>(n));
  expr::evaluate(p, inputs, expr::ArrayRef::contiguous(out.data(), expr::dtype_of<R>::value, expr::result_shape(p, inputs)),
                 {threads});
  return out;
}

inline std::string error_of(const std::string& text, const expr::Signature& signature) {
  try {
    expr::compile(text, signature);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace hpcpp::testing
