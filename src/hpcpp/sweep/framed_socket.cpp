#include "hpcpp/sweep/framed_socket.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

#include "hpcpp/procs/interrupt_watch.hpp"

namespace hpcpp::sweep {
namespace {

constexpr std::uint32_t max_message = 64u << 20;

bool write_all(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t written = send(fd, data, n, MSG_NOSIGNAL);
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += written;
    n -= static_cast<std::size_t>(written);
  }
  return true;
}

bool read_all(int fd, char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t got = read(fd, data, n);
    if (got == 0) return false;
    if (got < 0) {
      if (errno != EINTR) return false;
      procs::throw_if_interrupted();
      continue;
    }
    data += got;
    n -= static_cast<std::size_t>(got);
  }
  return true;
}

}  // namespace

bool send_message(int fd, const std::string& bytes) {
  const auto length = static_cast<std::uint32_t>(bytes.size());
  std::string frame(reinterpret_cast<const char*>(&length), sizeof length);
  frame += bytes;
  return write_all(fd, frame.data(), frame.size());
}

bool receive_message(int fd, std::string& bytes) {
  std::uint32_t length = 0;
  if (!read_all(fd, reinterpret_cast<char*>(&length), sizeof length)) return false;
  if (length > max_message) return false;
  bytes.resize(length);
  return read_all(fd, bytes.data(), length);
}

}  // namespace hpcpp::sweep
