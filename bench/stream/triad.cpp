// STREAM-style triad a[i] = b[i] + s*c[i] on OpenMP threads: the memory bandwidth the
// benchmarks compare memory-bound kernels against. Counts 24 bytes per element (two
// reads, one write), as STREAM does. Prints the best of `repeats` runs in GB/s.
// usage: triad [elements=50000000] [repeats=10]
#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 50000000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 10;
  std::unique_ptr<double[]> a(new double[n]), b(new double[n]), c(new double[n]);
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; ++i) a[i] = 0.0, b[i] = 1.0, c[i] = 2.0;
  const double s = 3.0;
  double best = 1e30;
  for (int r = 0; r < repeats; ++r) {
    const double t0 = omp_get_wtime();
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; ++i) a[i] = b[i] + s * c[i];
    best = std::min(best, omp_get_wtime() - t0);
  }
  if (a[n / 2] != 7.0) return 1;
  std::printf("%.2f\n", 24.0 * static_cast<double>(n) / best / 1e9);
}
