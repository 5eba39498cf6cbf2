#pragma once
// One value of any engine type: the constants of an expression.
#include <cstring>
#include <string>

#include "hpcpp/expr/dtype.hpp"

namespace hpcpp::expr {

struct Scalar {
  DType dtype = DType::Int32;
  alignas(16) unsigned char bytes[16] = {};
  std::string text;  // Bytes: the string, its length the item size

  static Scalar of_bytes(std::string value) {
    Scalar s;
    s.dtype = DType::Bytes;
    s.text = std::move(value);
    return s;
  }
  template <class T>
  static Scalar of(T value) {
    Scalar s;
    s.dtype = dtype_of<T>::value;
    std::memcpy(s.bytes, &value, sizeof value);
    return s;
  }
  template <class T>
  T as() const {
    T value;
    std::memcpy(&value, bytes, sizeof value);
    return value;
  }
  bool operator==(const Scalar& other) const {
    return dtype == other.dtype && std::memcmp(bytes, other.bytes, sizeof bytes) == 0 && text == other.text;
  }
};

}  // namespace hpcpp::expr
