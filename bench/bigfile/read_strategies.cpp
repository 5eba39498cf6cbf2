// The two ways to read a file larger than memory in bounded memory, side by side, each summing
// float64 data on OpenMP threads: `pread` (each thread reads chunks into its own buffer, the
// next chunk asked for ahead with posix_fadvise WILLNEED) and `mmap` (each thread maps one
// window at a time, madvise SEQUENTIAL + WILLNEED, munmap once summed). The measurement behind
// hpcpp bigfile's choice of mapped windows (docs/bigfile.md). Prints the mean.
// usage: read_strategies pread|mmap FILE DATA_OFFSET ELEMENTS [chunk_mib=16]
#include <fcntl.h>
#include <omp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

double sum8(const double* x, long count) {
  double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  long i = 0;
  for (; i + 8 <= count; i += 8)
    for (int k = 0; k < 8; ++k) acc[k] += x[i + k];
  double s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  for (; i < count; ++i) s += x[i];
  return s;
}

double pread_chunk(int fd, long from, long to, long chunk, std::vector<char>& buffer) {
  const long ahead = to + (omp_get_num_threads() - 1) * chunk;
  posix_fadvise(fd, ahead, chunk, POSIX_FADV_WILLNEED);
  buffer.resize(static_cast<std::size_t>(chunk));
  for (long done = 0; done < to - from;) {
    const ssize_t got = pread(fd, buffer.data() + done, static_cast<std::size_t>(to - from - done), from + done);
    if (got <= 0) std::abort();
    done += got;
  }
  return sum8(reinterpret_cast<const double*>(buffer.data()), (to - from) / 8);
}

double map_chunk(int fd, long from, long to) {
  const long page = sysconf(_SC_PAGESIZE), map_from = from / page * page;
  const auto length = static_cast<std::size_t>(to - map_from);
  void* map = mmap(nullptr, length, PROT_READ, MAP_SHARED, fd, map_from);
  if (map == MAP_FAILED) std::abort();
  madvise(map, length, MADV_SEQUENTIAL);
  madvise(map, length, MADV_WILLNEED);
  const double s = sum8(reinterpret_cast<const double*>(static_cast<const char*>(map) + (from - map_from)), (to - from) / 8);
  munmap(map, length);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) return 2;
  const bool use_mmap = std::strcmp(argv[1], "mmap") == 0;
  const int fd = open(argv[2], O_RDONLY);
  if (fd < 0) return 2;
  const long offset = std::atol(argv[3]), elements = std::atol(argv[4]);
  const long chunk = (argc > 5 ? std::atol(argv[5]) : 16) << 20;
  const long chunks = (elements * 8 + chunk - 1) / chunk;
  std::vector<double> sums(static_cast<std::size_t>(chunks), 0.0);
#pragma omp parallel
  {
    std::vector<char> buffer;
#pragma omp for schedule(dynamic, 1)
    for (long c = 0; c < chunks; ++c) {
      const long from = offset + c * chunk, to = std::min(offset + elements * 8, from + chunk);
      sums[static_cast<std::size_t>(c)] = use_mmap ? map_chunk(fd, from, to) : pread_chunk(fd, from, to, chunk, buffer);
    }
  }
  double total = 0;
  for (double s : sums) total += s;
  std::printf("%.17g\n", total / static_cast<double>(elements));
}
