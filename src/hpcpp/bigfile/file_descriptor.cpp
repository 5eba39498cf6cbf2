#include "hpcpp/bigfile/file_descriptor.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "hpcpp/core/error.hpp"

namespace hpcpp::bigfile {

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

FileDescriptor::~FileDescriptor() {
  if (fd_ >= 0) ::close(fd_);
}

FileDescriptor open_for_reading(const std::string& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(fmt::format("{}: cannot open: {}", file, std::strerror(errno)));
  return FileDescriptor(fd);
}

void read_exactly(int fd, void* buffer, std::size_t bytes, std::uint64_t offset, const std::string& file) {
  auto* out = static_cast<char*>(buffer);
  std::size_t done = 0;
  while (done < bytes) {
    const ssize_t got = ::pread(fd, out + done, bytes - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw Error(fmt::format("{}: read failed at byte {}: {}", file, offset + done, std::strerror(errno)));
    if (got == 0)
      throw Error(fmt::format("{}: the file shrank while being read: it ends at byte {}, the array needs {}", file,
                              offset + done, offset + bytes));
    done += static_cast<std::size_t>(got);
  }
}

void write_exactly(int fd, const void* buffer, std::size_t bytes, std::uint64_t offset, const std::string& file) {
  const auto* in = static_cast<const char*>(buffer);
  std::size_t done = 0;
  while (done < bytes) {
    const ssize_t put = ::pwrite(fd, in + done, bytes - done, static_cast<off_t>(offset + done));
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) throw Error(fmt::format("{}: write failed at byte {}: {}", file, offset + done, std::strerror(errno)));
    done += static_cast<std::size_t>(put);
  }
}

}  // namespace hpcpp::bigfile
