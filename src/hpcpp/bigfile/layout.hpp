#pragma once
// --verbose: how a command's chunks are laid out over the ranks and their threads.
#include <cstdint>
#include <vector>

#include "hpcpp/bigfile/chunk_runner.hpp"

namespace hpcpp::bigfile {

// Called on every rank; rank 0 prints one line for the job and one per rank on stderr: its
// threads, its chunks and the elements and rows (of `shape`'s first axis) they hold.
void print_layout(const ChunkPlan& plan, const std::vector<std::int64_t>& shape, RankShare share, int threads);

}  // namespace hpcpp::bigfile
