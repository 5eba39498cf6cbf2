#pragma once
// Bytes each thread has allocated through operator new since it started. The allocation
// hook (allocation_hook.cpp, linked into programs that want memory per region) adds to it;
// a region's allocation is the difference between its leave and its enter, so it is exact
// and never negative.
#include <cstdint>

namespace hpcpp::profile::detail {

extern constinit thread_local std::uint64_t t_allocated_bytes;
// Set by the hook's static initializer; without the hook every region allocates 0 bytes.
extern bool g_allocation_hook_linked;

}  // namespace hpcpp::profile::detail
