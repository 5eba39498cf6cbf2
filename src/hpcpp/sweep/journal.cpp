#include "hpcpp/sweep/journal.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/whole_file.hpp"

namespace hpcpp::sweep {

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

Journal::Journal(std::filesystem::path path, std::uint64_t fingerprint, std::uint64_t total, bool resume)
    : path_(std::move(path)), header_(fmt::format("# hpcpp sweep journal {:016x} {} tasks\n", fingerprint, total)) {
  const bool exists = std::filesystem::exists(path_);
  if (exists && !resume)
    throw Error(fmt::format("{}: an interrupted sweep left this journal: --resume continues it (or delete it)",
                            path_.string()));
  if (exists) read_earlier(total);
  fd_ = open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Error(fmt::format("{}: cannot write: {}", path_.string(), std::strerror(errno)));
  std::string start = header_;
  for (const auto& [task, row] : earlier_) start += row;
  // Rewritten whole: a row torn by a kill is dropped before new rows follow it.
  if (ftruncate(fd_, 0) != 0 || pwrite(fd_, start.data(), start.size(), 0) != static_cast<ssize_t>(start.size()) ||
      lseek(fd_, 0, SEEK_END) < 0 || fdatasync(fd_) != 0)
    throw Error(fmt::format("{}: cannot write: {}", path_.string(), std::strerror(errno)));
}

Journal::~Journal() {
  if (fd_ >= 0) close(fd_);
}

void Journal::read_earlier(std::uint64_t total) {
  earlier_ = journal_rows(whole_file(path_), header_, total, path_.string());
}

std::map<std::uint64_t, std::string> journal_rows(const std::string& content, const std::string& header,
                                                  std::uint64_t total, const std::string& where) {
  std::map<std::uint64_t, std::string> rows;
  if (content.size() < header.size() && header.compare(0, content.size(), content) == 0) return rows;  // torn header
  if (content.compare(0, header.size(), header) != 0)
    throw Error(fmt::format("{}: journal of a different sweep (other parameters, command or PARAMS file)", where));
  std::size_t at = header.size();
  for (std::size_t end; (end = content.find('\n', at)) != std::string::npos; at = end + 1) {
    const std::string row = content.substr(at, end - at + 1);
    std::uint64_t task = 0;
    const auto [ptr, ec] = std::from_chars(row.data(), row.data() + row.size(), task);
    if (ec != std::errc{} || *ptr != ',' || task >= total)
      throw Error(fmt::format("{}: damaged row '{}'", where, row.substr(0, std::min<std::size_t>(row.size() - 1, 80))));
    rows.emplace(task, row);
  }
  return rows;
}

void Journal::append(const std::string& row) {
  if (write(fd_, row.data(), row.size()) != static_cast<ssize_t>(row.size()) || fdatasync(fd_) != 0)
    throw Error(fmt::format("{}: cannot write: {}", path_.string(), std::strerror(errno)));
}

void Journal::remove() {
  close(fd_);
  fd_ = -1;
  std::filesystem::remove(path_);
}

}  // namespace hpcpp::sweep
