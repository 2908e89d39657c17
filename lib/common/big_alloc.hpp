// Internal: large buffers (a batch's decision columns and rows).
//
// Filling a fresh 64 MB buffer page by page costs ~16,000 page faults with
// 4 KiB pages (measured: more CPU time than evaluating the batch), and the
// kernel zeroes every page first. So buffers of 4 MiB and more are
//  - backed by transparent huge pages where the system grants them on request
//    (Linux, THP "madvise" or "always"): one fault per 2 MiB;
//  - recycled: a freed buffer is kept (a few, 256 MiB in all at most) and
//    given to the next request of about its size, already mapped. Kept
//    buffers are marked MADV_FREE, so the kernel may still take their pages
//    back under memory pressure (they then come back zeroed, on demand).
// Small buffers use the ordinary heap.
#ifndef ANSINH_LIB_COMMON_BIG_ALLOC_HPP_
#define ANSINH_LIB_COMMON_BIG_ALLOC_HPP_

#include <cstddef>
#include <memory>
#include <new>

namespace ansinh::internal {

// Memory for `bytes` bytes (not initialised), aligned for any type; release
// with BigFree(p, bytes) (the same count). Throws std::bad_alloc.
void* BigAlloc(size_t bytes);
void BigFree(void* p, size_t bytes) noexcept;

struct BigFreeDeleter {
  size_t bytes = 0;
  void operator()(std::byte* p) const noexcept { BigFree(p, bytes); }
};
using BigBuffer = std::unique_ptr<std::byte[], BigFreeDeleter>;

inline BigBuffer MakeBigBuffer(size_t bytes) {
  if (bytes == 0) return BigBuffer();
  return BigBuffer(static_cast<std::byte*>(BigAlloc(bytes)), BigFreeDeleter{bytes});
}

// A std::allocator for vectors that may grow large.
template <typename T>
struct BigAllocator {
  using value_type = T;
  BigAllocator() noexcept = default;
  template <typename U>
  BigAllocator(const BigAllocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)
  T* allocate(size_t n) { return static_cast<T*>(BigAlloc(n * sizeof(T))); }
  void deallocate(T* p, size_t n) noexcept { BigFree(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const BigAllocator<U>&) const noexcept { return true; }
  template <typename U>
  bool operator!=(const BigAllocator<U>&) const noexcept { return false; }
};

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_COMMON_BIG_ALLOC_HPP_
