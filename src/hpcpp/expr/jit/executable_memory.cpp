#include "hpcpp/expr/jit/executable_memory.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

namespace hpcpp::expr {

std::unique_ptr<ExecutableMemory> ExecutableMemory::holding(const std::vector<std::uint8_t>& code) {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  const std::size_t size = (code.size() + page - 1) / page * page;
  void* pages = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (pages == MAP_FAILED) return nullptr;
  std::memcpy(pages, code.data(), code.size());
  if (mprotect(pages, size, PROT_READ | PROT_EXEC) != 0) {
    munmap(pages, size);
    return nullptr;
  }
  return std::unique_ptr<ExecutableMemory>(new ExecutableMemory(pages, size));
}

ExecutableMemory::~ExecutableMemory() { munmap(pages_, size_); }

}  // namespace hpcpp::expr
