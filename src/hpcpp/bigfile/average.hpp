#pragma once
// The lecture's average12GB.py: the mean of every element, read once in bounded memory.
#include "hpcpp/bigfile/array_file.hpp"
#include "hpcpp/bigfile/chunk_reader.hpp"

namespace hpcpp::bigfile {

// Pairwise sums per chunk, added in chunk order: the same result for every thread count, and
// exact for integer data whose total stays below 2^53 (the lecture's bytes).
double average(const ArrayFile& array, const ReadOptions& options);

}  // namespace hpcpp::bigfile
