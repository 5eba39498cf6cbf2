#pragma once
// Pairwise summation (numpy's method for sums): error grows with log n, not n, at the speed
// of a plain loop (eight accumulators over blocks of 128).
#include <cstddef>
#include <span>

namespace hpcpp::bigfile {

inline double pairwise_sum(std::span<const double> x) {
  const std::size_t n = x.size();
  if (n <= 128) {
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8)
      for (int k = 0; k < 8; ++k) acc[k] += x[i + k];
    double sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < n; ++i) sum += x[i];
    return sum;
  }
  const std::size_t half = n / 2 / 8 * 8;
  return pairwise_sum(x.first(half)) + pairwise_sum(x.subspan(half));
}

}  // namespace hpcpp::bigfile
