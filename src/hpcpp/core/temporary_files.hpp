#pragma once
// The temporary files this process is writing at the moment. While one is listed, SIGINT,
// SIGTERM and SIGHUP first remove every listed file, then take their usual course (a
// default action ends the process with the conventional status): a run stopped mid-write
// leaves neither a half-written file nor its temporary behind. Signals that were ignored
// when the first file was listed stay ignored.
#include <filesystem>

namespace hpcpp {

class ListedTemporaryFile {
 public:
  // Lists `path` (before the file is created, so a signal in between leaves nothing).
  explicit ListedTemporaryFile(const std::filesystem::path& path);
  // Takes the path off the list; the file itself is left as it is (renamed or removed).
  ~ListedTemporaryFile();
  ListedTemporaryFile(const ListedTemporaryFile&) = delete;
  ListedTemporaryFile& operator=(const ListedTemporaryFile&) = delete;

 private:
  int slot_ = -1;  // -1: the list was full or the path too long; the file is then not listed
};

}  // namespace hpcpp
