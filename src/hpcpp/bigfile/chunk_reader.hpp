#pragma once
// Reads an array file a window at a time on several threads, so memory stays bounded whatever
// the file size: each worker maps one chunk (mmap, madvise SEQUENTIAL + WILLNEED), asks the kernel to
// read its next chunk ahead (posix_fadvise WILLNEED) and, once the chunk is used, unmaps it
// and, 128 MiB at a time, drops used pages from the page cache (DONTNEED). Resident memory: one chunk per worker,
// plus one chunk of doubles for types that are converted. A file that shrinks while being read
// is an Error, never a SIGBUS. Mapping was chosen over pread by measurement (docs/bigfile.md).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

#include "hpcpp/bigfile/array_file.hpp"
#include "hpcpp/bigfile/chunk_runner.hpp"

namespace hpcpp::bigfile {

struct ReadOptions {
  int threads = 0;                       // 0: OpenMP's default
  std::size_t chunk_bytes = 16u << 20;   // 8 bytes per element of a chunk: the size of one window
  bool keep_cache = false;               // true: leave the pages in the page cache
  RankShare share;                       // under mpirun: this rank's part of the chunks
};

struct Chunk {
  std::int64_t index;  // in the plan's order
  std::int64_t first;  // the flat index of values[0]
  std::span<const double> values;
  int worker;          // which worker runs this visit, for per-worker scratch
  std::span<const unsigned char> stored;  // the same elements as the file holds them
};

ChunkPlan read_plan(const ArrayFile& array, const ReadOptions& options);

// Calls visit for every chunk of this rank's share, on several threads at once (each chunk
// once). Under several ranks, every rank returns only once all ranks read their share (see
// on_every_rank for a failure).
void read_chunks(const ArrayFile& array, const ReadOptions& options, const std::function<void(const Chunk&)>& visit);

}  // namespace hpcpp::bigfile
