#include "hpcpp/bigfile/output_file.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "hpcpp/core/error.hpp"

namespace hpcpp::bigfile {
namespace {

std::filesystem::path directory_of(const std::filesystem::path& target) {
  const auto parent = target.parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

std::string gigabytes(std::uint64_t bytes) { return fmt::format("{:.2f} GB", static_cast<double>(bytes) / 1e9); }

[[noreturn]] void throw_no_space(const std::filesystem::path& target, std::uint64_t size, std::uint64_t available) {
  throw Error(fmt::format("{}: not enough disk space: needs {} bytes ({}), {} available", target.string(), size,
                          gigabytes(size), gigabytes(available)));
}

std::uint64_t available_bytes(const std::filesystem::path& target) {
  struct statvfs fs {};
  if (::statvfs(directory_of(target).c_str(), &fs) != 0)
    throw Error(fmt::format("{}: cannot write there: {}", target.string(), std::strerror(errno)));
  return static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
}

}  // namespace

void check_free_space(const std::filesystem::path& target, std::uint64_t size) {
  const std::uint64_t available = available_bytes(target);
  if (size > available) throw_no_space(target, size, available);
}

OutputFile::OutputFile(const std::filesystem::path& target, std::uint64_t size) : target_(target) {
  std::error_code ec;
  if (std::filesystem::is_directory(target, ec)) throw Error(fmt::format("{}: is a directory", target.string()));
  check_free_space(target, size);
  temporary_ = std::filesystem::path(target).concat(fmt::format(".tmp.{}", static_cast<long>(getpid())));
  const int fd = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(fmt::format("{}: cannot write: {}", target.string(), std::strerror(errno)));
  fd_ = FileDescriptor(fd);
  if (size == 0) return;
  if (::fallocate(fd, 0, 0, static_cast<off_t>(size)) != 0) {
    const int error = errno;
    if (error == ENOSPC || error == EDQUOT || error == EFBIG) {
      const std::uint64_t available = available_bytes(target);
      ::unlink(temporary_.c_str());
      throw_no_space(target, size, available);
    }
    if ((error != EOPNOTSUPP && error != ENOSYS) || ::ftruncate(fd, static_cast<off_t>(size)) != 0) {
      ::unlink(temporary_.c_str());
      throw Error(fmt::format("{}: cannot reserve {} bytes: {}", target.string(), size, std::strerror(error)));
    }
  }
}

OutputFile::~OutputFile() {
  if (!committed_ && !temporary_.empty()) ::unlink(temporary_.c_str());
}

void OutputFile::write_at(std::uint64_t offset, const void* data, std::size_t bytes) const {
  write_exactly(fd_.get(), data, bytes, offset, target_.string());
}

void OutputFile::commit() {
  if (::close(fd_.release()) != 0) throw Error(fmt::format("{}: write failed: {}", target_.string(), std::strerror(errno)));
  if (::rename(temporary_.c_str(), target_.c_str()) != 0)
    throw Error(fmt::format("{}: cannot rename into place: {}", target_.string(), std::strerror(errno)));
  committed_ = true;
}

}  // namespace hpcpp::bigfile
