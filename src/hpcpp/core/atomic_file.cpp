#include "hpcpp/core/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <streambuf>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/core/temporary_files.hpp"

namespace hpcpp {
namespace {

// A buffered std::ostream target on a file descriptor that keeps the errno of the first
// failed write (ENOSPC from a full disk or /dev/full), which std::ofstream loses.
class DescriptorBuffer : public std::streambuf {
 public:
  explicit DescriptorBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }

  std::streamsize xsputn(const char* data, std::streamsize count) override {
    if (count < static_cast<std::streamsize>(sizeof buffer_)) return std::streambuf::xsputn(data, count);
    if (sync() != 0 || !write_all(data, static_cast<std::size_t>(count))) return 0;
    return count;
  }

  int sync() override {
    const auto pending = static_cast<std::size_t>(pptr() - pbase());
    if (!write_all(pbase(), pending)) return -1;
    setp(buffer_, buffer_ + sizeof buffer_);
    return 0;
  }

 private:
  bool write_all(const char* data, std::size_t count) {
    while (count > 0 && error_ == 0) {
      const ssize_t written = ::write(fd_, data, count);
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        error_ = written < 0 ? errno : EIO;
        break;
      }
      data += written;
      count -= static_cast<std::size_t>(written);
    }
    return error_ == 0;
  }

  int fd_;
  int error_ = 0;
  char buffer_[1 << 16];
};

std::string describe_errno(int error) { return std::strerror(error); }

// What the target is now, if anything: nullopt when it does not exist.
std::optional<struct stat> existing(const std::filesystem::path& target) {
  struct stat info {};
  if (::stat(target.c_str(), &info) != 0) return std::nullopt;
  return info;
}

bool written_in_place(const struct stat& info) { return S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode); }

// Why a target that exists cannot be written, or empty.
std::string refusal(const struct stat& info) {
  if (S_ISREG(info.st_mode) || written_in_place(info)) return {};
  if (S_ISDIR(info.st_mode)) return "is a directory";
  if (S_ISBLK(info.st_mode)) return "is a block device (refused)";
  return "is not a regular file, a character device or a FIFO (refused)";
}

// Runs `write` on the open descriptor and closes it; throws with the first write error.
void write_descriptor(int fd, const std::filesystem::path& target, const std::function<void(std::ostream&)>& write) {
  DescriptorBuffer buffer(fd);
  std::ostream out(&buffer);
  try {
    write(out);
    out.flush();
  } catch (...) {
    ::close(fd);
    throw;
  }
  const int close_error = ::close(fd) != 0 ? errno : 0;
  const int error = buffer.error() != 0 ? buffer.error() : close_error;
  if (error != 0 || !out) throw Error(fmt::format("{}: write failed: {}", printable(target.string()), describe_errno(error ? error : EIO)));
}

void write_in_place(const std::filesystem::path& target, const std::function<void(std::ostream&)>& write) {
  const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw Error(fmt::format("{}: cannot write: {}", printable(target.string()), describe_errno(errno)));
  write_descriptor(fd, target, write);
}

}  // namespace

void write_file_atomically(const std::filesystem::path& target, const std::function<void(std::ostream&)>& write) {
  if (const auto info = existing(target)) {
    if (const auto why = refusal(*info); !why.empty()) throw Error(fmt::format("{}: {}", printable(target.string()), why));
    if (written_in_place(*info)) return write_in_place(target, write);
  }
  const auto temporary = std::filesystem::path(target).concat(fmt::format(".tmp.{}", static_cast<long>(getpid())));
  const ListedTemporaryFile listed(temporary);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw Error(fmt::format("{}: cannot write: {}", printable(target.string()), describe_errno(errno)));
  try {
    write_descriptor(fd, target, write);
  } catch (...) {
    ::unlink(temporary.c_str());
    throw;
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    throw Error(fmt::format("{}: cannot rename into place: {}", printable(target.string()), describe_errno(error)));
  }
}

void check_writable(const std::filesystem::path& target, std::string_view what) {
  if (target.empty()) throw Error(fmt::format("{}: the file name is empty", what));
  if (const auto info = existing(target)) {
    if (const auto why = refusal(*info); !why.empty()) throw Error(fmt::format("{} {}: {}", what, printable(target.string()), why));
    if (written_in_place(*info)) return;
  }
  const auto parent = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  const auto dir = existing(parent);
  if (!dir) throw Error(fmt::format("{} {}: directory {} does not exist", what, printable(target.string()), printable(parent.string())));
  if (!S_ISDIR(dir->st_mode)) throw Error(fmt::format("{} {}: {} is not a directory", what, printable(target.string()), printable(parent.string())));
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    throw Error(fmt::format("{} {}: cannot write in {}: {}", what, printable(target.string()), printable(parent.string()), describe_errno(errno)));
}

}  // namespace hpcpp
