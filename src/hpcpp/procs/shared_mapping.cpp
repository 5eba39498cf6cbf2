#include "hpcpp/procs/shared_mapping.hpp"

#include <fmt/core.h>
#include <sys/mman.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "hpcpp/core/error.hpp"

namespace hpcpp::procs {

SharedMapping::SharedMapping(std::size_t bytes) : bytes_(bytes == 0 ? 1 : bytes) {
  data_ = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (data_ == MAP_FAILED) {
    data_ = nullptr;
    throw Error(fmt::format("cannot map {} bytes of shared memory: {}", bytes_, std::strerror(errno)));
  }
}

SharedMapping::~SharedMapping() {
  if (data_) munmap(data_, bytes_);
}

SharedMapping::SharedMapping(SharedMapping&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), bytes_(std::exchange(other.bytes_, 0)) {}

SharedMapping& SharedMapping::operator=(SharedMapping&& other) noexcept {
  if (this != &other) {
    if (data_) munmap(data_, bytes_);
    data_ = std::exchange(other.data_, nullptr);
    bytes_ = std::exchange(other.bytes_, 0);
  }
  return *this;
}

}  // namespace hpcpp::procs
