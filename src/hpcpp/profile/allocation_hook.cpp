// Counts the bytes each thread allocates. Normally it replaces the global operator new and
// delete (every form) with malloc and free plus one thread-local addition. Built as an
// object library so that linking it is a decision of the program (hpcpp and the profile
// tests), not a side effect of an archive. Under GCC's ASan the replacement still allocates
// through ASan's malloc, so every error ASan reports for malloc/free is still reported.
// Clang's sanitizer runtimes are linked statically and define operator new themselves:
// there the count comes from the runtime's allocation hook instead, which also sees
// malloc, so a region's bytes include what C code allocated in it.
#include <cstdlib>
#include <new>

#include "hpcpp/profile/allocation_counter.hpp"

#if defined(__clang__) && defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define HPCPP_SANITIZER_OWNS_OPERATOR_NEW 1
#endif
#endif

#ifdef HPCPP_SANITIZER_OWNS_OPERATOR_NEW

#include <sanitizer/allocator_interface.h>

namespace {

void count_allocation(const volatile void*, std::size_t size) { hpcpp::profile::detail::t_allocated_bytes += size; }
void ignore_free(const volatile void*) {}

const bool hook_linked = (hpcpp::profile::detail::g_allocation_hook_linked =
                              __sanitizer_install_malloc_and_free_hooks(count_allocation, ignore_free) != 0);

}  // namespace

#else

namespace {

void* allocate(std::size_t size) noexcept {
  hpcpp::profile::detail::t_allocated_bytes += size;
  return std::malloc(size == 0 ? 1 : size);
}

void* allocate_aligned(std::size_t size, std::align_val_t alignment) noexcept {
  hpcpp::profile::detail::t_allocated_bytes += size;
  const auto align = static_cast<std::size_t>(alignment);
  void* p = nullptr;
  if (posix_memalign(&p, align < sizeof(void*) ? sizeof(void*) : align, size == 0 ? 1 : size) != 0) return nullptr;
  return p;
}

void* allocate_or_throw(std::size_t size) {
  if (void* p = allocate(size)) return p;
  throw std::bad_alloc();
}

void* allocate_aligned_or_throw(std::size_t size, std::align_val_t alignment) {
  if (void* p = allocate_aligned(size, alignment)) return p;
  throw std::bad_alloc();
}

const bool hook_linked = (hpcpp::profile::detail::g_allocation_hook_linked = true);

}  // namespace

void* operator new(std::size_t size) { return allocate_or_throw(size); }
void* operator new[](std::size_t size) { return allocate_or_throw(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new(std::size_t size, std::align_val_t a) { return allocate_aligned_or_throw(size, a); }
void* operator new[](std::size_t size, std::align_val_t a) { return allocate_aligned_or_throw(size, a); }
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return allocate_aligned(size, a);
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return allocate_aligned(size, a);
}

void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }

#endif  // HPCPP_SANITIZER_OWNS_OPERATOR_NEW
