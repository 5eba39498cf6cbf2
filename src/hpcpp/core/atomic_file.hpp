#pragma once
// Every output file of hpcpp is written here: under a temporary name in the target's
// directory, renamed into place once complete, so a reader (or a killed run) sees either the
// old file or the complete new one. The temporary is removed on an error, when its writer is
// destroyed without committing, and on SIGINT, SIGTERM or SIGHUP (which then end the process
// with their conventional status).
//
// A target that exists and is not a regular file is never replaced: a character device or
// a FIFO (/dev/null, a pipe made with mkfifo) is written directly; a directory, a socket or
// a block device is refused.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string_view>

namespace hpcpp {

class ListedTemporaryFile;

// An output open for writing, by one thread or several, through its file descriptor
// (pwrite, ftruncate, mmap of a temporary). Opening and committing are separate steps so that
// several processes can write one file: the first opens it (AtomicFile(target)), the others
// join its temporary (AtomicFile::join), each writes its own ranges, and after all are done
// the first commits.
class AtomicFile {
 public:
  // Opens the output for `target`: a new temporary `target`.tmp.<pid> beside it, or the
  // target itself when it is a character device or a FIFO. Throws hpcpp::Error naming the
  // target and the reason (a refused kind of target, or why the temporary cannot be created).
  explicit AtomicFile(const std::filesystem::path& target);
  // Opens, for writing, the temporary another process opened for `target` (its temporary(),
  // or the target itself when that is empty). The joined file is never renamed here, and
  // removed only by SIGINT, SIGTERM or SIGHUP: then the job is ending, and whichever of its
  // processes handles the signal first removes the temporary (the opener may be killed
  // before it can, or be held up in a write the kernel throttles).
  static AtomicFile join(const std::filesystem::path& target, const std::filesystem::path& temporary);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Without commit(): closes the descriptor and removes the temporary (if this opened it).
  ~AtomicFile();

  int fd() const { return fd_; }
  const std::filesystem::path& target() const { return target_; }
  // Empty when the target is written in place.
  const std::filesystem::path& temporary() const { return temporary_; }
  bool in_place() const { return temporary_.empty(); }
  // False for a FIFO or a terminal: bytes go out in the order they are written, so write_at
  // must be called with consecutive offsets, from one thread.
  bool seekable() const { return seekable_; }

  // Gives the temporary its final size at once (fallocate), so that a full disk fails now,
  // saying how much is needed and how much is free. Nothing to do in place.
  void reserve(std::uint64_t bytes);
  // Writes all `bytes` at `offset` (pwrite; write on a stream) or throws hpcpp::Error
  // ("TARGET: write failed: No space left on device"). Threads may write disjoint
  // ranges of a seekable file at once.
  void write_at(std::uint64_t offset, const void* data, std::size_t bytes);
  // Flushes the temporary to disk (fsync), closes it and renames it over the target; in
  // place, closes the target. Throws hpcpp::Error with the first error; the temporary is then
  // removed. A joined file is flushed and closed, not renamed: call it on every joined
  // writer before the opener commits.
  void commit();

 private:
  AtomicFile() = default;
  void discard() noexcept;

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::unique_ptr<ListedTemporaryFile> listed_;  // removed on a signal while set
  bool opened_here_ = false;                     // this object created the temporary: it renames or removes it
  int fd_ = -1;
  bool seekable_ = true;
  std::uint64_t stream_position_ = 0;  // the next offset of a stream
};

// Writes the whole file through a buffered stream, in one call.
void write_file_atomically(const std::filesystem::path& target,
                           const std::function<void(std::ostream&)>& write);

// Throws hpcpp::Error, naming `what` ("--save") and the reason, when AtomicFile could not
// write `target`: its directory is missing or not writable, or the target is of a kind it
// refuses. For checking outputs before a long run starts.
void check_writable(const std::filesystem::path& target, std::string_view what);

}  // namespace hpcpp
