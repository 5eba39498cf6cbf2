#pragma once
// Uniform [0, 1) doubles from a counter-based generator (Random123's Philox2x64-10): the
// value at index i depends only on the seed and i, so any thread may fill any stretch of
// an array, every thread count writes the same bytes, and so does every standard library
// (std::uniform_real_distribution and std::hash are not specified bit for bit).
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hpcpp {

// Fills out[0..count) with the values at indices first .. first + count - 1.
void fill_uniform(std::uint64_t seed, std::uint64_t first, double* out, std::size_t count);
double uniform_at(std::uint64_t seed, std::uint64_t index);

// A seed from a name (64-bit FNV-1a of its bytes): the same everywhere.
std::uint64_t seed_of_name(std::string_view name);

}  // namespace hpcpp
