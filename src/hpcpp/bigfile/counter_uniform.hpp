#pragma once
// Uniform [0, 1) doubles from a counter-based generator (Random123's Philox2x64-10): the
// value at index i depends only on the seed and i, so any thread may fill any stretch of
// the array and every thread count writes the same bytes.
#include <cstddef>
#include <cstdint>

namespace hpcpp::bigfile {

// Fills out[0..count) with the values at indices first .. first + count - 1.
void fill_uniform(std::uint64_t seed, std::uint64_t first, double* out, std::size_t count);
double uniform_at(std::uint64_t seed, std::uint64_t index);

}  // namespace hpcpp::bigfile
