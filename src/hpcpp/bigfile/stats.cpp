#include "hpcpp/bigfile/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "hpcpp/bigfile/pairwise_sum.hpp"

namespace hpcpp::bigfile {
namespace {

constexpr std::size_t block_size = 2048;  // 16 KiB of doubles: the second pass reads L1

struct Moments {
  std::int64_t n = 0;
  double mean = 0;
  double m2 = 0;  // sum of squared deviations from mean

  void merge(const Moments& other) {
    if (other.n == 0) return;
    if (n == 0) {
      *this = other;
      return;
    }
    const double a = static_cast<double>(n), b = static_cast<double>(other.n), total = a + b;
    const double delta = other.mean - mean;
    mean += delta * (b / total);
    m2 += other.m2 + delta * delta * (a * b / total);
    n += other.n;
  }
};

struct Summary {
  Moments finite;
  double finite_sum = 0;  // pairwise, as average sums: the mean of both is the same number
  std::int64_t nan = 0, positive_inf = 0, negative_inf = 0;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();

  void merge(const Summary& other) {
    finite.merge(other.finite);
    nan += other.nan;
    positive_inf += other.positive_inf;
    negative_inf += other.negative_inf;
    min = std::min(min, other.min);
    max = std::max(max, other.max);
  }
};

Summary summarise_block(std::span<const double> x) {
  Summary s;
  double sum = 0;
  for (double v : x) {
    if (std::isnan(v)) {
      ++s.nan;
      continue;
    }
    s.min = std::min(s.min, v);
    s.max = std::max(s.max, v);
    if (std::isinf(v)) {
      ++(v > 0 ? s.positive_inf : s.negative_inf);
      continue;
    }
    sum += v;
    ++s.finite.n;
  }
  if (s.finite.n == 0) return s;
  s.finite.mean = sum / static_cast<double>(s.finite.n);
  double m2 = 0;
  for (double v : x)
    if (std::isfinite(v)) m2 += (v - s.finite.mean) * (v - s.finite.mean);
  s.finite.m2 = m2;
  return s;
}

// The sum of the finite values, NaN and infinities counted as 0 (numpy's nansum does the
// same): for a file of finite values, the very sum average computes.
double finite_pairwise_sum(std::span<const double> x, bool all_finite) {
  if (all_finite) return pairwise_sum(x);
  std::vector<double> finite(x.begin(), x.end());
  for (double& v : finite)
    if (!std::isfinite(v)) v = 0;
  return pairwise_sum(finite);
}

Summary summarise(std::span<const double> x) {
  Summary s;
  for (std::size_t i = 0; i < x.size(); i += block_size) s.merge(summarise_block(x.subspan(i, std::min(block_size, x.size() - i))));
  s.finite_sum = finite_pairwise_sum(x, s.nan + s.positive_inf + s.negative_inf == 0);
  return s;
}

}  // namespace

Stats compute_stats(const ArrayFile& array, const ReadOptions& options) {
  const auto chunk_count = static_cast<std::size_t>(read_plan(array, options).chunks());
  std::vector<Summary> chunks(chunk_count);
  // Integers are compared as stored: a double would round int64 and uint64 beyond 2**53.
  const bool integers = is_integer(array.type);
  struct Extremes {
    ElementValue first, second;
  };
  std::vector<Extremes> extremes(integers ? chunk_count : 0);
  read_chunks(array, options, [&](const Chunk& chunk) {
    const auto index = static_cast<std::size_t>(chunk.index);
    chunks[index] = summarise(chunk.values);
    if (integers) {
      const auto [low, high] = integer_extremes(array.type, chunk.stored.data(), chunk.values.size());
      extremes[index] = Extremes{low, high};
    }
  });
  share_partials(options.share, chunks);
  share_partials(options.share, extremes);
  Summary all;
  std::vector<double> chunk_sums;
  for (const auto& s : chunks) {
    all.merge(s);
    chunk_sums.push_back(s.finite_sum);
  }

  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  constexpr double inf = std::numeric_limits<double>::infinity();
  Stats stats;
  stats.nan = all.nan;
  stats.count = all.finite.n + all.positive_inf + all.negative_inf;
  if (stats.count == 0) {
    stats.min = stats.max = nan;
    stats.mean = stats.std = nan;
    return stats;
  }
  stats.min = all.min;
  stats.max = all.max;
  for (std::size_t i = 0; i < extremes.size(); ++i) {
    stats.min = i == 0 ? extremes[i].first : std::min(stats.min, extremes[i].first);
    stats.max = i == 0 ? extremes[i].second : std::max(stats.max, extremes[i].second);
  }
  const bool infinite = all.positive_inf + all.negative_inf > 0;
  if (all.positive_inf > 0 && all.negative_inf > 0) stats.mean = nan;
  else if (infinite) stats.mean = all.positive_inf > 0 ? inf : -inf;
  else stats.mean = pairwise_sum(chunk_sums) / static_cast<double>(all.finite.n);
  stats.std = infinite ? nan : std::sqrt(all.finite.m2 / static_cast<double>(all.finite.n));
  return stats;
}

}  // namespace hpcpp::bigfile
