#pragma once
// One output file written by every rank of a job, through core's AtomicFile: rank 0 opens it
// (a temporary beside the target), reserves its size and writes the header, the other ranks
// join its temporary; each rank writes the chunks of its share at their own offsets. The
// target appears (rename by rank 0) only once every rank flushed its part; when any rank
// fails, rank 0 removes the temporary and nothing is left. With one rank it is AtomicFile.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "hpcpp/bigfile/rank_share.hpp"
#include "hpcpp/core/atomic_file.hpp"

namespace hpcpp::bigfile {

class SharedOutput {
 public:
  // `bytes`: the whole file's size, `header` included.
  SharedOutput(const std::filesystem::path& target, const std::string& header, std::uint64_t bytes, RankShare share);

  // Writes this rank's `bytes` at `offset` (pwrite; threads may write disjoint ranges).
  void write_at(std::uint64_t offset, const void* data, std::size_t bytes) { file_->write_at(offset, data, bytes); }
  // The share to write: every chunk on rank 0 when the output is a stream (a FIFO), whose
  // bytes must go out in order.
  RankShare share() const { return share_; }
  // Threads that may write at once: one for a stream.
  int threads(int requested) const;
  // On every rank: flushes this rank's part, then, once every rank did, renames the file
  // into place (rank 0).
  void commit();

 private:
  RankShare share_;
  bool seekable_ = true;
  std::optional<AtomicFile> file_;
};

}  // namespace hpcpp::bigfile
