#include "hpcpp/core/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <streambuf>
#include <utility>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/core/temporary_files.hpp"

namespace hpcpp {
namespace {

// A buffered std::ostream target on an AtomicFile that keeps the first write error
// (ENOSPC from a full disk or /dev/full), which std::ofstream loses.
class AtomicFileBuffer : public std::streambuf {
 public:
  explicit AtomicFileBuffer(AtomicFile& file) : file_(file) { setp(buffer_, buffer_ + sizeof buffer_); }

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
    if (sync() != 0) return 0;
    put(data, static_cast<std::size_t>(count));
    return count;
  }

  int sync() override {
    put(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(buffer_, buffer_ + sizeof buffer_);
    return 0;
  }

 private:
  // Write errors are thrown through the stream (whose exceptions() are set by its user).
  void put(const char* data, std::size_t count) {
    file_.write_at(written_, data, count);
    written_ += count;
  }

  AtomicFile& file_;
  std::uint64_t written_ = 0;
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

std::filesystem::path directory_of(const std::filesystem::path& target) {
  return target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
}

std::string gigabytes(std::uint64_t bytes) { return fmt::format("{:.2f} GB", static_cast<double>(bytes) / 1e9); }

std::uint64_t available_bytes(const std::filesystem::path& target) {
  struct statvfs fs {};
  if (::statvfs(directory_of(target).c_str(), &fs) != 0) return UINT64_MAX;  // then fallocate says
  return static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
}

[[noreturn]] void throw_no_space(const std::filesystem::path& target, std::uint64_t size, std::uint64_t available) {
  throw Error(fmt::format("{}: not enough disk space: needs {} bytes ({}), {} available", printable(target.string()), size,
                          gigabytes(size), gigabytes(available)));
}

int open_for_writing(const std::filesystem::path& path, int flags, const std::filesystem::path& target) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | flags, 0666);
  if (fd >= 0) return fd;
  const int error = errno;
  if (path == target) throw Error(fmt::format("{}: cannot write: {}", printable(target.string()), describe_errno(error)));
  throw Error(fmt::format("{}: cannot write: cannot create {}: {}", printable(target.string()),
                          printable(path.string()), describe_errno(error)));
}

bool is_seekable(int fd) { return ::lseek(fd, 0, SEEK_CUR) >= 0; }

}  // namespace

AtomicFile::AtomicFile(const std::filesystem::path& target) : target_(target) {
  if (const auto info = existing(target)) {
    if (const auto why = refusal(*info); !why.empty()) throw Error(fmt::format("{}: {}", printable(target.string()), why));
    if (written_in_place(*info)) {
      fd_ = open_for_writing(target, 0, target);
      seekable_ = is_seekable(fd_);
      return;
    }
  }
  temporary_ = std::filesystem::path(target).concat(fmt::format(".tmp.{}", static_cast<long>(getpid())));
  listed_ = std::make_unique<ListedTemporaryFile>(temporary_);  // before it exists: a signal then leaves nothing
  opened_here_ = true;
  fd_ = open_for_writing(temporary_, O_CREAT | O_TRUNC, target);
}

AtomicFile AtomicFile::join(const std::filesystem::path& target, const std::filesystem::path& temporary) {
  AtomicFile file;
  file.target_ = target;
  file.temporary_ = temporary;
  file.fd_ = open_for_writing(temporary.empty() ? target : temporary, 0, target);
  file.seekable_ = is_seekable(file.fd_);
  if (!temporary.empty()) file.listed_ = std::make_unique<ListedTemporaryFile>(temporary);
  return file;
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : target_(std::move(other.target_)),
      temporary_(std::move(other.temporary_)),
      listed_(std::move(other.listed_)),
      opened_here_(std::exchange(other.opened_here_, false)),
      fd_(std::exchange(other.fd_, -1)),
      seekable_(other.seekable_),
      stream_position_(other.stream_position_) {}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (opened_here_) ::unlink(temporary_.c_str());
  opened_here_ = false;
  listed_.reset();
}

void AtomicFile::reserve(std::uint64_t bytes) {
  if (in_place() || bytes == 0) return;
  const std::uint64_t available = available_bytes(target_);
  if (bytes > available) throw_no_space(target_, bytes, available);
  if (::fallocate(fd_, 0, 0, static_cast<off_t>(bytes)) == 0) return;
  const int error = errno;
  if (error == ENOSPC || error == EDQUOT) throw_no_space(target_, bytes, available_bytes(target_));
  if ((error == EOPNOTSUPP || error == ENOSYS) && ::ftruncate(fd_, static_cast<off_t>(bytes)) == 0) return;
  throw Error(fmt::format("{}: cannot reserve {} bytes: {}", printable(target_.string()), bytes, describe_errno(error)));
}

void AtomicFile::write_at(std::uint64_t offset, const void* data, std::size_t bytes) {
  if (!seekable_ && offset != stream_position_)
    throw Error(fmt::format("{}: written out of order at byte {} (a stream is at byte {})", printable(target_.string()),
                            offset, stream_position_));
  const auto* in = static_cast<const char*>(data);
  std::size_t done = 0;
  while (done < bytes) {
    const ssize_t put = seekable_ ? ::pwrite(fd_, in + done, bytes - done, static_cast<off_t>(offset + done))
                                  : ::write(fd_, in + done, bytes - done);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0)
      throw Error(fmt::format("{}: write failed: {}", printable(target_.string()), describe_errno(put < 0 ? errno : EIO)));
    done += static_cast<std::size_t>(put);
  }
  if (!seekable_) stream_position_ += bytes;
}

void AtomicFile::commit() {
  const auto fail = [this](std::string_view what, int error) {
    const auto message = fmt::format("{}: {}: {}", printable(target_.string()), what, describe_errno(error));
    discard();
    throw Error(message);
  };
  // In place there is nothing to flush: fsync is refused on a FIFO or a device.
  if (!in_place() && ::fsync(fd_) != 0) fail("write failed", errno);
  const int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) fail("write failed", errno);
  if (!opened_here_) return;  // a joined writer stays listed until destroyed, after the opener renamed the file
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) fail("cannot rename into place", errno);
  opened_here_ = false;
  listed_.reset();
}

void write_file_atomically(const std::filesystem::path& target, const std::function<void(std::ostream&)>& write) {
  AtomicFile file(target);
  AtomicFileBuffer buffer(file);
  std::ostream out(&buffer);
  out.exceptions(std::ios::badbit);
  write(out);
  out.flush();
  file.commit();
}

void check_writable(const std::filesystem::path& target, std::string_view what) {
  if (target.empty()) throw Error(fmt::format("{}: the file name is empty", what));
  if (const auto info = existing(target)) {
    if (const auto why = refusal(*info); !why.empty()) throw Error(fmt::format("{} {}: {}", what, printable(target.string()), why));
    if (written_in_place(*info)) return;
  }
  const auto parent = directory_of(target);
  const auto dir = existing(parent);
  if (!dir) throw Error(fmt::format("{} {}: directory {} does not exist", what, printable(target.string()), printable(parent.string())));
  if (!S_ISDIR(dir->st_mode)) throw Error(fmt::format("{} {}: {} is not a directory", what, printable(target.string()), printable(parent.string())));
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    throw Error(fmt::format("{} {}: cannot write in {}: {}", what, printable(target.string()), printable(parent.string()), describe_errno(errno)));
}

}  // namespace hpcpp
