#pragma once
// Partial results of a reduction combined in a fixed pairwise tree: neighbours first, then
// pairs of pairs, so the rounding depends only on how many partials there are.
#include <cstdint>
#include <vector>

#include "hpcpp/expr/kernels/kernels.hpp"

namespace hpcpp::expr {

// One partial result: room for any number type, as a Scalar holds it.
struct alignas(16) Partial {
  unsigned char bytes[16];
};

// Folds partials[begin, begin + count) into partials[begin] (count > 0) with `combine`
// (a reducer called on one element).
inline void pairwise_fold(std::vector<Partial>& partials, std::size_t begin, std::size_t count, Reducer combine) {
  for (std::size_t step = 1; step < count; step *= 2)
    for (std::size_t i = 0; i + step < count; i += 2 * step)
      combine(1, partials[begin + i].bytes, partials[begin + i + step].bytes);
}

}  // namespace hpcpp::expr
