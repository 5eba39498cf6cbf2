#include "hpcpp/bigfile/shared_output.hpp"

#include "hpcpp/bigfile/chunk_runner.hpp"

namespace hpcpp::bigfile {

SharedOutput::SharedOutput(const std::filesystem::path& target, const std::string& header, std::uint64_t bytes,
                           RankShare share)
    : share_(share) {
  // Rank 0 opens the file before the ranks first exchange a message: an output that cannot
  // be written ends the job with one line (mpi::Environment::run_or_abort).
  std::string opened;  // "1" or "0" for seekable, then the temporary's name
  if (share.rank == 0) {
    file_.emplace(target);
    file_->reserve(bytes);
    file_->write_at(0, header.data(), header.size());
    opened.push_back(file_->seekable() ? '1' : '0');
    opened += file_->temporary().string();
  }
  opened = text_of_rank_zero(share, opened);
  seekable_ = opened[0] == '1';
  share_.all_on_rank_zero = !seekable_;
  on_every_rank(share, [&] {
    if (share.rank != 0 && seekable_) file_.emplace(AtomicFile::join(target, opened.substr(1)));
  });
}

int SharedOutput::threads(int requested) const { return seekable_ ? resolve_threads(requested) : 1; }

void SharedOutput::commit() {
  on_every_rank(share_, [&] {
    if (share_.rank != 0 && file_) file_->commit();
  });
  on_every_rank(share_, [&] {
    if (share_.rank == 0) file_->commit();
  });
}

}  // namespace hpcpp::bigfile
