#pragma once
// STREAM's triad, a[i] = b[i] + s*c[i], as plain loops on the expression engine's
// threads: the memory bandwidth the engine's memory-bound expressions are measured
// against.
#include <cstdint>

namespace hpcpp::expr {

struct TriadResult {
  double seconds;          // best time of one triad
  double bytes_per_second; // 24 bytes per element, as STREAM counts them
};

TriadResult stream_triad(std::int64_t n, int threads, int rounds = 10);

}  // namespace hpcpp::expr
