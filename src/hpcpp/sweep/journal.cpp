#include "hpcpp/sweep/journal.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/core/temporary_files.hpp"
#include "hpcpp/core/whole_file.hpp"
#include "hpcpp/sweep/results_csv.hpp"

namespace hpcpp::sweep {
namespace {

// 0, or the errno of the failed write (a short write without one: the disk is full).
int write_all(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t written = write(fd, data, n);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return errno;
    if (written == 0) return ENOSPC;
    data += written;
    n -= static_cast<std::size_t>(written);
  }
  return 0;
}

Error cannot_write(const std::filesystem::path& path, int error) {
  return Error(fmt::format("{}: cannot write: {}", path.string(), std::strerror(error)));
}

std::optional<std::uint64_t> task_number(const std::string& text) {
  std::uint64_t task = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), task);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return task;
}

bool is_seconds(const std::string& text) {
  double seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  return !text.empty() && ec == std::errc{} && end == text.data() + text.size() && seconds >= 0;
}

// Why a record's fields do not fit the sweep, or "" if they do.
std::string misfit(const std::vector<std::string>& fields, const JournalShape& shape,
                   const std::map<std::uint64_t, std::string>& rows) {
  if (fields.size() != shape.columns)
    return fmt::format("{} fields, the sweep's records have {}", fields.size(), shape.columns);
  const auto task = task_number(fields[0]);
  if (!task || *task >= shape.tasks.size())
    return fmt::format("task {} is no task number from 0 to {}", python_repr(fields[0]), shape.tasks.size() - 1);
  if (rows.count(*task)) return fmt::format("task {} is recorded twice", *task);
  const auto values = shape.tasks.values(*task);
  const auto& axes = shape.tasks.axes();
  for (std::size_t a = 0; a < axes.size(); ++a)
    if (fields[1 + a] != values[a])
      return fmt::format("task {} has {}={}, the sweep's task {} has {}={}", *task, axes[a].name,
                         python_repr(fields[1 + a]), *task, axes[a].name, python_repr(values[a]));
  if (fields[1 + axes.size()].empty()) return fmt::format("task {} has an empty status", *task);
  if (!is_seconds(fields.back()))
    return fmt::format("task {} has seconds {}, not a number >= 0", *task, python_repr(fields.back()));
  return {};
}

}  // namespace

std::uint64_t fingerprint_of(const std::string& description) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : description) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::filesystem::path Journal::path_for(const std::filesystem::path& out) {
  return std::filesystem::path(out).concat(".journal");
}

Journal::Journal(std::filesystem::path path, std::uint64_t fingerprint, JournalShape shape, bool resume)
    : path_(std::move(path)),
      header_(fmt::format("# hpcpp sweep journal {:016x} {} tasks\n", fingerprint, shape.tasks.size())) {
  const bool exists = std::filesystem::exists(path_);
  if (exists && !resume)
    throw Error(fmt::format("{}: an interrupted sweep left this journal: --resume continues it (or delete it)",
                            path_.string()));
  if (exists) earlier_ = journal_rows(whole_file(path_), header_, shape, path_.string());
}

Journal::~Journal() {
  if (fd_ >= 0) close(fd_);
}

std::map<std::uint64_t, std::string> journal_rows(const std::string& content, const std::string& header,
                                                  JournalShape shape, const std::string& where) {
  std::map<std::uint64_t, std::string> rows;
  if (content.size() < header.size() && header.compare(0, content.size(), content) == 0) return rows;  // torn header
  if (content.compare(0, header.size(), header) != 0)
    throw Error(fmt::format("{}: journal of a different sweep (other parameters, command or PARAMS file)", where));
  std::size_t line = 2;
  for (std::size_t at = header.size(), end; (end = csv_record_end(content, at)) != std::string::npos; at = end) {
    const std::string row = content.substr(at, end - at);
    const auto fields = csv_fields(row.substr(0, row.size() - 1));
    const auto wrong = misfit(fields, shape, rows);
    if (!wrong.empty()) throw Error(fmt::format("{}:{}: {}: delete the journal to run the sweep anew", where, line, wrong));
    rows.emplace(*task_number(fields[0]), row);
    line += static_cast<std::size_t>(std::count(row.begin(), row.end(), '\n'));
  }
  return rows;
}

void Journal::start(const std::string& first_row) {
  std::string content = header_;
  for (const auto& [task, row] : earlier_) content += row;
  content += first_row;
  // Written whole under another name and renamed: a record torn by a kill is dropped, and a
  // failure leaves the earlier journal (or none) as it was.
  const auto fresh = std::filesystem::path(path_).concat(".new");
  const ListedTemporaryFile listed(fresh);
  const int fd = open(fresh.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw cannot_write(path_, errno);
  int error = write_all(fd, content.data(), content.size());
  if (error == 0 && fdatasync(fd) != 0) error = errno;
  if (error == 0 && rename(fresh.c_str(), path_.c_str()) != 0) error = errno;
  if (error != 0) {
    close(fd);
    unlink(fresh.c_str());
    throw cannot_write(path_, error);
  }
  fd_ = fd;
  size_ = static_cast<off_t>(content.size());
}

void Journal::append(const std::string& row) {
  if (fd_ < 0) return start(row);
  int error = write_all(fd_, row.data(), row.size());
  if (error == 0 && fdatasync(fd_) != 0) error = errno;
  if (error != 0) {
    // The part of the record that did reach the disk goes: the journal stays resumable.
    if (ftruncate(fd_, size_) == 0) lseek(fd_, size_, SEEK_SET);
    throw cannot_write(path_, error);
  }
  size_ += static_cast<off_t>(row.size());
}

void Journal::remove() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  std::filesystem::remove(path_);
}

}  // namespace hpcpp::sweep
