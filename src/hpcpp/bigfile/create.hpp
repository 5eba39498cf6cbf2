#pragma once
// The lecture's create12GB.py: an n x n float64 array of uniform [0, 1) values, written in
// parallel straight to disk (.npy that numpy.load maps, or raw like numpy.memmap's file).
#include <cstdint>
#include <filesystem>

#include "hpcpp/bigfile/chunk_runner.hpp"

namespace hpcpp::bigfile {

struct CreateOptions {
  std::int64_t n = 0;
  std::uint64_t seed = 0;
  bool npy = true;
  int threads = 0;
  std::size_t chunk_bytes = 4u << 20;
  RankShare share;  // under mpirun: this rank's part of the chunks
};

// The chunks create writes: an n x n array, chunk_bytes of doubles each.
ChunkPlan create_plan(const CreateOptions& options);

void create_uniform_array(const std::filesystem::path& file, const CreateOptions& options);

}  // namespace hpcpp::bigfile
