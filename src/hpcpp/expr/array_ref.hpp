#pragma once
// Zero-copy views of the caller's arrays: a pointer, a type, a shape and byte strides
// (numpy's model). A view with an empty shape is a scalar and broadcasts.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "hpcpp/core/shape_text.hpp"
#include "hpcpp/expr/dtype.hpp"

namespace hpcpp::expr {

struct ArrayRef {
  void* data = nullptr;
  DType dtype = DType::Float64;
  std::vector<std::int64_t> shape;
  std::vector<std::int64_t> strides;  // bytes
  std::int64_t item_size = 0;         // Bytes only: the length of one string

  std::int64_t size() const;
  std::int64_t item_bytes() const;
  // A C-ordered view of `count`-shaped data.
  static ArrayRef contiguous(void* data, DType dtype, std::vector<std::int64_t> shape);
  // A C-ordered view of strings of `item_size` bytes each (numpy's 'S' dtype).
  static ArrayRef bytes(void* data, std::int64_t item_size, std::vector<std::int64_t> shape);
  static ArrayRef scalar(void* data, DType dtype) { return ArrayRef{data, dtype, {}, {}}; }
};

// Inputs by name. Inputs are only read; the ArrayRef holds a non-const pointer so the
// same type serves as output.
using Bindings = std::map<std::string, ArrayRef, std::less<>>;
// The type of every name an expression may use.
using Signature = std::map<std::string, DType, std::less<>>;

Signature signature_of(const Bindings& bindings);
// numpy's shape printer, shared with io and bigfile.
using hpcpp::shape_text;

}  // namespace hpcpp::expr
