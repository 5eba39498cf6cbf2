#pragma once
// A program of float64 arithmetic (+ - * /, unary -, abs, sqrt) compiled to one loop of
// machine code that keeps every value in a vector register: each element is read once
// and written once, with no pass over a block per instruction. The same IEEE operations
// in the same order as the kernels, so the results are the same bits.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

namespace hpcpp::expr {

struct Program;
class ExecutableMemory;

// registers[r]: where register r's block starts (inputs), or its value (constants).
using FusedKernel = void (*)(std::int64_t n, void* out, const void* const* registers);

// Compiled kernels of one program, by which of its registers hold constants (a 0-d input
// becomes one at evaluation time). Shared by the copies of a Program.
class FusedKernelCache {
 public:
  FusedKernelCache();
  ~FusedKernelCache();
  // nullptr where the program has an operation, type or size the compiler does not handle,
  // the processor has no AVX, or HPCPP_EXPR_FUSE=off is set.
  FusedKernel kernel_for(const Program& plan);

 private:
  std::mutex mutex_;
  std::map<std::uint32_t, std::unique_ptr<ExecutableMemory>> compiled_;
};

bool fused_kernels_enabled();

}  // namespace hpcpp::expr
