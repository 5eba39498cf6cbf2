#include "hpcpp/expr/array_ref.hpp"

#include <string>

namespace hpcpp::expr {

std::int64_t ArrayRef::size() const {
  std::int64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

std::int64_t ArrayRef::item_bytes() const {
  return dtype == DType::Bytes ? item_size : static_cast<std::int64_t>(dtype_size(dtype));
}

namespace {

std::vector<std::int64_t> c_order_strides(const std::vector<std::int64_t>& shape, std::int64_t item_bytes) {
  std::vector<std::int64_t> strides(shape.size());
  for (std::size_t i = shape.size(); i-- > 0;) {
    strides[i] = item_bytes;
    item_bytes *= shape[i];
  }
  return strides;
}

}  // namespace

ArrayRef ArrayRef::contiguous(void* data, DType dtype, std::vector<std::int64_t> shape) {
  auto strides = c_order_strides(shape, static_cast<std::int64_t>(dtype_size(dtype)));
  return ArrayRef{data, dtype, std::move(shape), std::move(strides)};
}

ArrayRef ArrayRef::bytes(void* data, std::int64_t item_size, std::vector<std::int64_t> shape) {
  auto strides = c_order_strides(shape, item_size);
  return ArrayRef{data, DType::Bytes, std::move(shape), std::move(strides), item_size};
}

Signature signature_of(const Bindings& bindings) {
  Signature s;
  for (const auto& [name, array] : bindings) s.emplace(name, array.dtype);
  return s;
}

}  // namespace hpcpp::expr
