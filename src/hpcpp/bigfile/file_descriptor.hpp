#pragma once
// An open file descriptor, closed when it goes out of scope, and positioned I/O that reads
// or writes all that was asked or throws an Error naming the file.
#include <cstddef>
#include <cstdint>
#include <string>

namespace hpcpp::bigfile {

class FileDescriptor {
 public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(other.release()) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept;
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor();

  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_ = -1;
};

FileDescriptor open_for_reading(const std::string& file);
// Reads `bytes` at `offset`; a file that ends sooner (it shrank while being read) is an Error.
void read_exactly(int fd, void* buffer, std::size_t bytes, std::uint64_t offset, const std::string& file);
void write_exactly(int fd, const void* buffer, std::size_t bytes, std::uint64_t offset, const std::string& file);

}  // namespace hpcpp::bigfile
