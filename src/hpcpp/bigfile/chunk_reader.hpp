#pragma once
// Streams an array file through fixed buffers with pread on several threads, so memory stays
// bounded whatever the file size: each worker asks the kernel to read its next chunk ahead
// (posix_fadvise WILLNEED) while it works on the current one, and drops each chunk's pages
// from the page cache once used (DONTNEED). A file that shrinks while being read is an Error,
// never a SIGBUS (docs/bigfile.md says why pread and not mmap).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

#include "hpcpp/bigfile/array_file.hpp"
#include "hpcpp/bigfile/chunk_runner.hpp"

namespace hpcpp::bigfile {

struct ReadOptions {
  int threads = 0;                       // 0: OpenMP's default
  std::size_t chunk_bytes = 4u << 20;    // per read; two buffers of it per worker at most
  bool keep_cache = false;               // true: leave the pages in the page cache
};

struct Chunk {
  std::int64_t index;  // in the plan's order
  std::int64_t first;  // the flat index of values[0]
  std::span<const double> values;
  int worker;          // which worker runs this visit, for per-worker scratch
};

ChunkPlan read_plan(const ArrayFile& array, const ReadOptions& options);

// Calls visit for every chunk, on several threads at once (each chunk once).
void read_chunks(const ArrayFile& array, const ReadOptions& options, const std::function<void(const Chunk&)>& visit);

}  // namespace hpcpp::bigfile
