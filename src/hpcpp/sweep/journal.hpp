#pragma once
// The sweep's journal (OUT.journal): a line naming the sweep, then each finished task's CSV
// row, appended and flushed to disk (fdatasync) as the task finishes. A sweep that is
// killed can be resumed from it; a row torn by the kill is dropped.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace hpcpp::sweep {

class Journal {
 public:
  // `fingerprint` identifies the sweep (parameters, command, PARAMS file contents). With
  // `resume`, reads the rows of an earlier run of the same sweep (none if there is no
  // journal); without, refuses to overwrite a journal left by an interrupted sweep.
  // Throws hpcpp::Error naming the journal for a sweep that does not match.
  Journal(std::filesystem::path path, std::uint64_t fingerprint, std::uint64_t total, bool resume);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Rows from the earlier run, by task.
  const std::map<std::uint64_t, std::string>& earlier_rows() const { return earlier_; }
  void append(const std::string& row);
  // The sweep is complete (its CSV written): the journal goes.
  void remove();

  static std::filesystem::path path_for(const std::filesystem::path& out);

 private:
  void read_earlier(std::uint64_t total);

  std::filesystem::path path_;
  std::string header_;
  std::map<std::uint64_t, std::string> earlier_;
  int fd_ = -1;
};

// The rows after `header` in a journal's `content`, by task; a last line without its '\n'
// (torn by a kill) is dropped. Throws hpcpp::Error naming `where` for another sweep's
// header or a row that names no task below `total`.
std::map<std::uint64_t, std::string> journal_rows(const std::string& content, const std::string& header,
                                                  std::uint64_t total, const std::string& where);

// FNV-1a, 64 bits: the fingerprint of the text that describes a sweep.
std::uint64_t fingerprint_of(const std::string& description);

}  // namespace hpcpp::sweep
