#pragma once
// A bigfile command run by several MPI ranks: each rank takes a contiguous share of the
// fixed chunk plan (the same chunks as one process reads), and the per-chunk partial results
// meet on every rank, to be combined in chunk order exactly as one process combines them, so
// the result does not depend on the rank count. With one rank (no mpirun, mpirun -np 1, a
// build without MPI, the Python module) every function here is the identity.
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

#include "hpcpp/core/even_split.hpp"

namespace hpcpp::bigfile {

struct RankShare {
  int rank = 0;
  int ranks = 1;
  bool all_on_rank_zero = false;  // rank 0 takes every chunk (an output that is a stream)
};

// This process's place in the running MPI job (rank 0 of 1 outside one).
RankShare rank_share_of_job();

// The chunks of a plan of `chunks` chunks that `share` reads or writes.
inline IndexRange chunks_of(std::int64_t chunks, RankShare share) {
  if (share.all_on_rank_zero) return share.rank == 0 ? IndexRange{0, chunks} : IndexRange{chunks, chunks};
  return even_split(chunks, share.ranks, share.rank);
}

// Runs `step` on this rank, then every rank learns whether every rank's step succeeded. When
// one failed, rank 0 prints the error of the lowest failing rank in one line (`hpcpp: rank
// R: ...`) and every rank throws mpi::JobFailed, once its step has ended: a rank still
// working stops at its next chunk (stop_requested). With one rank, step's error propagates.
void on_every_rank(RankShare share, const std::function<void()>& step);

// True once another rank's step failed: asked between chunks by the main thread, the only
// one that may call MPI. The step then throws StopRequested, which on_every_rank expects.
bool stop_requested();
struct StopRequested {};

// Every rank's bytes, in rank order, on every rank.
std::vector<std::string> all_gather_bytes(RankShare share, const std::string& mine);

// Rank 0's text, on every rank.
std::string text_of_rank_zero(RankShare share, const std::string& text);

// `per_chunk` holds one partial result per chunk of the plan, filled on each rank for its own
// chunks only; afterwards every rank holds all of them.
template <class T>
void share_partials(RankShare share, std::vector<T>& per_chunk) {
  static_assert(std::is_trivially_copyable_v<T>);
  if (share.ranks == 1) return;
  const auto chunks = static_cast<std::int64_t>(per_chunk.size());
  const IndexRange mine = chunks_of(chunks, share);
  const std::string bytes(reinterpret_cast<const char*>(per_chunk.data() + mine.begin),
                          static_cast<std::size_t>(mine.size()) * sizeof(T));
  const std::vector<std::string> all = all_gather_bytes(share, bytes);
  for (int r = 0; r < share.ranks; ++r) {
    const IndexRange theirs = chunks_of(chunks, RankShare{r, share.ranks, share.all_on_rank_zero});
    if (theirs.size() == 0) continue;  // an empty vector's data() may be null, which memcpy never takes
    std::memcpy(static_cast<void*>(per_chunk.data() + theirs.begin), all[static_cast<std::size_t>(r)].data(),
                static_cast<std::size_t>(theirs.size()) * sizeof(T));
  }
}

// The test hook HPCPP_BIGFILE_FAIL_RANK=R: rank R's chunk loop throws an I/O error at its
// middle chunk, so that the tests can watch a job end after one rank failed. `label` names
// the file and the work ("reading a.npy").
void fail_here_if_asked(RankShare share, std::int64_t chunk, IndexRange mine, const std::string& label);

}  // namespace hpcpp::bigfile
