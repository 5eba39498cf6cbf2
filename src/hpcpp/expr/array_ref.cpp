#include "hpcpp/expr/array_ref.hpp"

#include <string>

namespace hpcpp::expr {

std::int64_t ArrayRef::size() const {
  std::int64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

ArrayRef ArrayRef::contiguous(void* data, DType dtype, std::vector<std::int64_t> shape) {
  std::vector<std::int64_t> strides(shape.size());
  auto step = static_cast<std::int64_t>(dtype_size(dtype));
  for (std::size_t i = shape.size(); i-- > 0;) {
    strides[i] = step;
    step *= shape[i];
  }
  return ArrayRef{data, dtype, std::move(shape), std::move(strides)};
}

Signature signature_of(const Bindings& bindings) {
  Signature s;
  for (const auto& [name, array] : bindings) s.emplace(name, array.dtype);
  return s;
}

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + (shape.size() == 1 ? ",)" : ")");
}

}  // namespace hpcpp::expr
