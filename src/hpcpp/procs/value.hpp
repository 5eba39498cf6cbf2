#pragma once
// multiprocessing.Value: one number in shared memory, seen by the parent and every child forked
// after it was made. Reads and writes are plain loads and stores: like the lecture's
// Value, `v.set(v.get() + 1)` from several processes is a race unless a Lock guards it.
#include <new>
#include <type_traits>

#include "hpcpp/procs/shared_mapping.hpp"

namespace hpcpp::procs {

template <typename T>
class Value {
  static_assert(std::is_arithmetic_v<T>, "a Value holds one number, like multiprocessing.Value's ctypes");

 public:
  explicit Value(T initial = T{}) : memory_(sizeof(T)) { new (memory_.data()) T(initial); }

  T get() const { return *ptr(); }
  void set(T value) { *ptr() = value; }

 private:
  // volatile: another process changes the value behind the compiler's back.
  volatile T* ptr() const { return static_cast<volatile T*>(memory_.data()); }
  SharedMapping memory_;
};

}  // namespace hpcpp::procs
