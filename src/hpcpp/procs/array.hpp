#pragma once
// multiprocessing.Array: a fixed-size 1-D array of T in shared memory, seen by the parent
// and every child forked after it was made.
#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <vector>

#include "hpcpp/procs/shared_mapping.hpp"

namespace hpcpp::procs {

template <typename T>
class Array {
  static_assert(std::is_trivially_copyable_v<T>, "shared memory holds only trivially copyable values");

 public:
  explicit Array(std::size_t size) : memory_(size * sizeof(T)), size_(size) {
    std::uninitialized_value_construct_n(data(), size_);
  }
  explicit Array(std::span<const T> values) : Array(values.size()) {
    std::copy(values.begin(), values.end(), data());
  }
  Array(std::initializer_list<T> values) : Array(std::span<const T>(values.begin(), values.size())) {}

  std::size_t size() const { return size_; }
  T* data() { return static_cast<T*>(memory_.data()); }
  const T* data() const { return static_cast<const T*>(memory_.data()); }
  T& operator[](std::size_t i) { return data()[i]; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  // A private copy, like the lecture's arr[:].
  std::vector<T> to_vector() const { return {begin(), end()}; }

 private:
  SharedMapping memory_;
  std::size_t size_;
};

}  // namespace hpcpp::procs
