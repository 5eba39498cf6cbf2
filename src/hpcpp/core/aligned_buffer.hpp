#pragma once
// A zero-initialised array of T on a 64-byte (cache line, AVX-512) boundary; with
// Pages::huge, backed by 2 MiB pages where it is large enough (core/huge_pages.hpp).
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

#include "hpcpp/core/huge_pages.hpp"

namespace hpcpp {

enum class Pages { normal, huge };

template <class T>
class AlignedBuffer {
 public:
  static constexpr std::size_t alignment = 64;

  AlignedBuffer() = default;
  explicit AlignedBuffer(std::size_t count, Pages pages = Pages::normal) : size_(count) {
    if (count == 0) return;
    const std::size_t bytes = (count * sizeof(T) + alignment - 1) / alignment * alignment;
    // Through operator new, so that the profiler's allocation hook counts it.
    data_ = static_cast<T*>(::operator new(bytes, std::align_val_t{alignment}));
    if (pages == Pages::huge) advise_huge_pages(data_, bytes);
    std::memset(static_cast<void*>(data_), 0, bytes);
  }
  AlignedBuffer(const AlignedBuffer&) = delete;
  AlignedBuffer& operator=(const AlignedBuffer&) = delete;
  AlignedBuffer(AlignedBuffer&& other) noexcept { swap(other); }
  AlignedBuffer& operator=(AlignedBuffer&& other) noexcept {
    AlignedBuffer(std::move(other)).swap(*this);
    return *this;
  }
  ~AlignedBuffer() {
    if (data_ != nullptr) ::operator delete(data_, std::align_val_t{alignment});
  }

  void swap(AlignedBuffer& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
  }

  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  std::size_t size() const noexcept { return size_; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }

 private:
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace hpcpp
