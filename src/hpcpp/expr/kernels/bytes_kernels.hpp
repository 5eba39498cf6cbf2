#pragma once
// Comparisons and contains() on bytes (numpy's 'S' strings), as numexpr defines them:
// a shorter string compares as if padded with NULs, bytes compare as signed chars, and
// contains() looks only at each string up to its first NUL.
#include <cstdint>

#include "hpcpp/expr/ops.hpp"

namespace hpcpp::expr {

// Operand k is a string of sizes[k] bytes, one every strides[k] bytes (0: the same string
// for the whole block).
using BytesKernel = void (*)(std::int64_t n, void* out, const void* const* in, const std::int64_t* sizes,
                             const std::int64_t* strides);

// nullptr for an operation bytes do not have.
BytesKernel bytes_kernel(Op op);

int compare_bytes(const char* a, std::int64_t a_size, const char* b, std::int64_t b_size);
bool bytes_contain(const char* haystack, std::int64_t haystack_size, const char* needle, std::int64_t needle_size);

}  // namespace hpcpp::expr
