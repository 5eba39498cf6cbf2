#pragma once
#include <cstddef>

namespace hpcpp::procs {

// Zero-filled memory that stays shared with every process forked after it was made
// (mmap MAP_SHARED | MAP_ANONYMOUS): a write in a child is seen by the parent.
class SharedMapping {
 public:
  explicit SharedMapping(std::size_t bytes);
  ~SharedMapping();
  SharedMapping(SharedMapping&& other) noexcept;
  SharedMapping& operator=(SharedMapping&& other) noexcept;
  SharedMapping(const SharedMapping&) = delete;
  SharedMapping& operator=(const SharedMapping&) = delete;

  void* data() const { return data_; }
  std::size_t size() const { return bytes_; }

 private:
  void* data_ = nullptr;
  std::size_t bytes_ = 0;
};

}  // namespace hpcpp::procs
