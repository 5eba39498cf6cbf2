#pragma once
// Part k of n items split into `parts` nearly equal contiguous ranges: [k*n/parts,
// (k+1)*n/parts). Every item belongs to exactly one part for any n and any part count.
#include <cstdint>

namespace hpcpp {

struct IndexRange {
  std::int64_t begin, end;
  std::int64_t size() const { return end - begin; }
};

inline IndexRange even_split(std::int64_t n, std::int64_t parts, std::int64_t k) {
  const auto at = [&](std::int64_t j) { return static_cast<std::int64_t>(static_cast<__int128>(j) * n / parts); };
  return {at(k), at(k + 1)};
}

}  // namespace hpcpp
