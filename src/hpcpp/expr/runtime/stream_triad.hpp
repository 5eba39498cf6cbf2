#pragma once
// STREAM's triad, a[i] = b[i] + s*c[i], as plain loops on the expression engine's
// threads: the memory bandwidth the engine's memory-bound expressions are measured
// against.
#include <cstdint>

#include "hpcpp/core/aligned_buffer.hpp"

namespace hpcpp::expr {

struct TriadResult {
  double seconds;          // best time of one triad
  double bytes_per_second; // 24 bytes per element, as STREAM counts them
};

// Three arrays of n doubles, each thread first touching the part it later streams.
class StreamTriad {
 public:
  StreamTriad(std::int64_t n, int threads);
  double seconds_of_one();  // one triad over the arrays, timed

 private:
  std::int64_t n_;
  int threads_;
  AlignedBuffer<double> a_, b_, c_;
};

TriadResult stream_triad(std::int64_t n, int threads, int rounds = 10);

}  // namespace hpcpp::expr
