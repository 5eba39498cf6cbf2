// Core cycles per point update of the one-thread diff2d loops, timed with rdtsc in loops
// repeated many times (minimum over repeats), for machines where perf counters are absent.
// The core clock is measured against the TSC with a chain of dependent integer adds (one
// cycle each), so the figures are core cycles, not TSC ticks. Build and run:
// bench/diff2d/kernel_cycles.sh (docs/BENCHMARKS.md, "diff2d: the one-thread floor").
#include <x86intrin.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "hpcpp/diffusion/field.hpp"
#include "hpcpp/diffusion/row_kernels.hpp"
#include "hpcpp/diffusion/row_pair_sweep.hpp"
#include "hpcpp/diffusion/wavefront_tile.hpp"

using namespace hpcpp::diffusion;

namespace {

constexpr double coefficient = 0.25;

// Core cycles per TSC tick.
double clock_ratio() {
  double best = 0;
  for (int r = 0; r < 100; ++r) {
    std::uint64_t x = 0;
    constexpr std::int64_t iterations = 100'000;
    const std::uint64_t t0 = __rdtsc();
    for (std::int64_t i = 0; i < iterations; ++i)
      asm volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                   "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0"
                   : "+r"(x));
    const std::uint64_t ticks = __rdtsc() - t0;
    best = std::max(best, 8.0 * iterations / static_cast<double>(ticks));
  }
  return best;
}

// The fewest TSC ticks of `samples` timed calls of `run`: short samples, so that most of
// them run without being preempted on a shared machine.
template <class Run>
double best_ticks(std::int64_t samples, Run run) {
  std::uint64_t best = UINT64_MAX;
  for (std::int64_t r = 0; r < samples; ++r) {
    const std::uint64_t t0 = __rdtsc();
    run();
    best = std::min<std::uint64_t>(best, __rdtsc() - t0);
  }
  return static_cast<double>(best);
}

Field test_field(std::int64_t npnts) {
  Field f(npnts);
  for (std::int64_t i = 1; i < npnts - 1; ++i)
    for (std::int64_t j = 1; j < npnts - 1; ++j) f.at(i, j) = static_cast<double>((i * 7 + j * 13) % 17);
  return f;
}

// The inner loop alone: passes over `count` rows of `width` points from column `first`, all
// rows in L1. first = 8 with a width that is a multiple of 8 leaves out the masked ends.
double l1_rows_ticks_per_update(RowsKernel rows, std::int64_t count, std::int64_t first, std::int64_t width) {
  Field in(count + 2, first + width + 8), out(count + 2, first + width + 8);
  for (std::int64_t i = 0; i < in.rows(); ++i)
    for (std::int64_t j = 0; j < in.cols(); ++j) in.at(i, j) = static_cast<double>(j % 5);
  const double* src[6];
  double* dst[4];
  for (std::int64_t i = 0; i < count + 2; ++i) src[i] = in.row(i);
  for (std::int64_t i = 0; i < count; ++i) dst[i] = out.row(i + 1);
  constexpr std::int64_t passes = 100;
  const double ticks = best_ticks(2000, [&] {
    for (std::int64_t p = 0; p < passes; ++p) {
      rows(src, dst, count, first, first + width, coefficient);
      asm volatile("" ::: "memory");
    }
  });
  return ticks / (static_cast<double>(passes * count) * static_cast<double>(width));
}

// `steps` steps of the row sweep (the simd backend's loop) on an npnts x npnts field.
void sweep(RowsKernel rows, Field& dens, Field& next, std::int64_t steps) {
  for (std::int64_t s = 0; s < steps; ++s) {
    sweep_rows_in_pairs(rows, dens, next, coefficient);
    dens.swap(next);
  }
}

// The same steps by one-thread wavefront passes of `depth` steps over tiles of band_rows x strip_cols.
void blocked(RowsKernel rows, Field& dens, Field& next, std::int64_t steps, std::int64_t depth,
             std::int64_t band_rows, std::int64_t strip_cols) {
  const hpcpp::AlignedBuffer<double> zero(static_cast<std::size_t>(dens.stride()));
  const Wavefront w{rows, rows, coefficient, {1, dens.rows() - 1}, {1, dens.cols() - 1}, zero.data()};
  RowRings rings;
  for (std::int64_t done = 0; done < steps; done += depth) {
    const std::int64_t d = std::min(depth, steps - done);
    for (std::int64_t i = 1; i < dens.rows() - 1; i += band_rows)
      for (std::int64_t j = 1; j < dens.cols() - 1; j += strip_cols)
        advance_tile(w, dens, next, {i, std::min(dens.rows() - 1, i + band_rows)},
                     {j, std::min(dens.cols() - 1, j + strip_cols)}, d, rings);
    dens.swap(next);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const RowsKernel rows = rows_kernel(detect_simd_level());
  const double ratio = clock_ratio();
  const std::string level(simd_level_name(detect_simd_level()));
  std::printf("simd level %s; core cycles per TSC tick %.3f\n", level.c_str(), ratio);
  for (const std::int64_t count : {1, 2})
    for (const std::int64_t first : {1, 8})
      for (const std::int64_t width : {64, 296})
        std::printf("rows kernel, %ld rows x %ld from column %ld, in L1: %.3f core cycles per update\n",
                    static_cast<long>(count), static_cast<long>(width), static_cast<long>(first),
                    ratio * l1_rows_ticks_per_update(rows, count, first, width));
  std::vector<std::int64_t> sizes{40, 100, 200, 250, 299, 450};
  if (argc > 1) {
    sizes.clear();
    for (int a = 1; a < argc; ++a) sizes.push_back(std::atoll(argv[a]));
  }
  for (const std::int64_t n : sizes) {
    const std::int64_t npnts = n + 2;
    // Samples of 16 steps, about 1e8 updates in all.
    const std::int64_t samples = std::max<std::int64_t>(20, 100'000'000 / (16 * n * n));
    const double updates = 16.0 * static_cast<double>(n * n);
    Field dens = test_field(npnts), next(npnts);
    const double s = ratio * best_ticks(samples, [&] { sweep(rows, dens, next, 16); }) / updates;
    std::printf("N=%4ld sweep: %.3f", static_cast<long>(n), s);
    for (const std::int64_t depth : {4, 8, 16})
      for (const std::int64_t strip : {n, std::int64_t{128}}) {
        if (strip > n) continue;
        const double b =
            ratio * best_ticks(samples, [&] { blocked(rows, dens, next, 16, depth, n, strip); }) / updates;
        std::printf("  blocked d=%ld strip=%ld: %.3f", static_cast<long>(depth), static_cast<long>(strip), b);
      }
    std::printf("  (core cycles per update)\n");
  }
}
