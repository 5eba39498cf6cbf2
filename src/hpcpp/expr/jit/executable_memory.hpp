#pragma once
// Machine code copied into pages that are then made executable and read-only.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace hpcpp::expr {

class ExecutableMemory {
 public:
  // nullptr where the system refuses executable pages.
  static std::unique_ptr<ExecutableMemory> holding(const std::vector<std::uint8_t>& code);
  ~ExecutableMemory();
  ExecutableMemory(const ExecutableMemory&) = delete;
  ExecutableMemory& operator=(const ExecutableMemory&) = delete;

  const void* entry() const { return pages_; }

 private:
  ExecutableMemory(void* pages, std::size_t size) : pages_(pages), size_(size) {}
  void* pages_;
  std::size_t size_;
};

}  // namespace hpcpp::expr
