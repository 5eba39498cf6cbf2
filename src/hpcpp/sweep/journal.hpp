#pragma once
// The sweep's journal (OUT.journal): a line naming the sweep, then each finished task's CSV
// record, appended and flushed to disk (fdatasync) as the task finishes. A sweep that is
// killed can be resumed from it; a record torn by the kill is dropped. The journal is
// written from the first finished task on: a sweep that fails before leaves none (or, when
// resumed, the earlier one as it was).
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "hpcpp/sweep/task_list.hpp"

namespace hpcpp::sweep {

// What a journal's records must look like: `columns` fields each, the task number first,
// then that task's values of `tasks`.
struct JournalShape {
  const TaskList& tasks;
  std::size_t columns;
};

class Journal {
 public:
  // `fingerprint` identifies the sweep (parameters, command, PARAMS file contents). With
  // `resume`, reads the records of an earlier run of the same sweep (none if there is no
  // journal); without, refuses to overwrite a journal left by an interrupted sweep.
  // Throws hpcpp::Error naming the journal for a sweep that does not match or a record
  // that does not fit `shape`. Writes nothing.
  Journal(std::filesystem::path path, std::uint64_t fingerprint, JournalShape shape, bool resume);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Records from the earlier run, by task.
  const std::map<std::uint64_t, std::string>& earlier_rows() const { return earlier_; }
  // The first call writes the journal anew (header, earlier records, this one) and puts it
  // in place; later calls append. Throws hpcpp::Error naming the journal and the reason;
  // what was on disk before the call stays intact.
  void append(const std::string& row);
  // The sweep is complete (its CSV written): the journal goes.
  void remove();

  const std::filesystem::path& path() const { return path_; }
  static std::filesystem::path path_for(const std::filesystem::path& out);

 private:
  void start(const std::string& first_row);

  std::filesystem::path path_;
  std::string header_;
  std::map<std::uint64_t, std::string> earlier_;
  int fd_ = -1;
  off_t size_ = 0;  // bytes known to be complete on disk
};

// The records after `header` in a journal's `content`, by task; a last record without its
// '\n' (torn by a kill) is dropped. Throws hpcpp::Error naming `where` and the line for
// another sweep's header or a record that does not fit `shape` (a wrong number of fields,
// no task number below the sweep's size, a task twice, values that are not the task's, an
// empty status or seconds that are no number).
std::map<std::uint64_t, std::string> journal_rows(const std::string& content, const std::string& header,
                                                  JournalShape shape, const std::string& where);

// FNV-1a, 64 bits: the fingerprint of the text that describes a sweep.
std::uint64_t fingerprint_of(const std::string& description);

}  // namespace hpcpp::sweep
