#pragma once
// Runs a program over its inputs in blocks, on a pool of threads, with no temporary the
// size of the arrays: each thread owns one block-sized buffer per register.
#include <cstdint>
#include <string_view>

#include "hpcpp/expr/array_ref.hpp"
#include "hpcpp/expr/program.hpp"

namespace hpcpp::expr {

// Elements per block: small enough that a typical program's registers stay in a 32 KiB
// level-1 cache. 256 was the fastest of 128 to 2048 on the expressions of bench/expr at
// 1e6 and 1e8 elements. Streams from memory are left to the hardware prefetcher: asking
// for the next block in software made every expression at 1e7 and 1e8 elements 1.1-1.6x
// slower on one thread (bench/python, docs/BENCHMARKS.md).
inline constexpr std::int64_t block_elements = 256;
// Elements per call of a fused kernel that reads its inputs in place and writes straight
// into out (no buffers), when inputs and result together take at most
// fused_stretch_max_bytes: fewer calls. At 1e6 float64 elements on two threads, 16384 ran
// at the triad's speed where 256 took 1.2-1.4 times as long.
inline constexpr std::int64_t fused_stretch_elements = 16384;
inline constexpr std::int64_t fused_stretch_max_bytes = std::int64_t{64} << 20;
// Blocks per chunk of a whole-array or innermost-axis reduction: each chunk folds into its
// own partial result and the partials combine in a fixed pairwise tree, so sum and prod
// give the same bits for any thread count (threads take whole chunks). 16 blocks (4096
// elements) keep the partials a 512th of a float64 input.
inline constexpr std::int64_t reduction_chunk_blocks = 16;

struct EvaluateOptions {
  int threads = 0;    // 0: num_threads()
  bool fuse = true;   // false: float64 arithmetic also runs kernel by kernel (for comparisons)
};

// `out` has the expression's shape and type (a single element for sum and prod). It may
// be one of the inputs (the same view, element for element), not a shifted view of one.
void evaluate(const Program& program, const Bindings& inputs, const ArrayRef& out, EvaluateOptions options = {});
// Compiles for the types of `inputs`, then evaluates.
void evaluate(std::string_view text, const Bindings& inputs, const ArrayRef& out, EvaluateOptions options = {});

// The shape the program's result has with these inputs (checks that they agree).
std::vector<std::int64_t> result_shape(const Program& program, const Bindings& inputs);

}  // namespace hpcpp::expr
