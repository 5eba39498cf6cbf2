#include "hpcpp/core/counter_uniform.hpp"

#include <Random123/philox.h>

namespace hpcpp {
namespace {

using Philox = r123::Philox2x64;

// The top 53 bits as a multiple of 2^-53: every double of that grid in [0, 1) equally likely.
double to_unit_interval(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

// Each block (one counter value) gives the two values at indices 2*block and 2*block + 1.
Philox::ctr_type block_values(std::uint64_t seed, std::uint64_t block) {
  const Philox::ctr_type counter = {{block, 0}};
  const Philox::key_type key = {{seed}};
  return Philox()(counter, key);
}

}  // namespace

void fill_uniform(std::uint64_t seed, std::uint64_t first, double* out, std::size_t count) {
  std::size_t i = 0;
  if (count > 0 && first % 2 == 1) out[i++] = uniform_at(seed, first);
  for (; i + 1 < count; i += 2) {
    const auto r = block_values(seed, (first + i) / 2);
    out[i] = to_unit_interval(r.v[0]);
    out[i + 1] = to_unit_interval(r.v[1]);
  }
  if (i < count) out[i] = uniform_at(seed, first + i);
}

double uniform_at(std::uint64_t seed, std::uint64_t index) {
  return to_unit_interval(block_values(seed, index / 2).v[index % 2]);
}

std::uint64_t seed_of_name(std::string_view name) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : name) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return hash;
}

}  // namespace hpcpp
