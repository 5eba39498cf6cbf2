#pragma once
// Asks the kernel to back a large allocation with 2 MiB pages (transparent huge pages,
// which Debian enables on request: the "madvise" mode), as numpy does for arrays of 4 MiB
// and more. A loop streaming such arrays from memory then takes 1/512 of the TLB misses
// and page walks. Call it before the memory is first touched; it is only advice, and a
// kernel without transparent huge pages ignores it.
#include <cstddef>

namespace hpcpp {

inline constexpr std::size_t huge_pages_from_bytes = std::size_t{4} << 20;

void advise_huge_pages(void* data, std::size_t bytes) noexcept;

}  // namespace hpcpp
