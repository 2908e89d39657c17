// Internal: large buffers (a batch's decision columns and rows) backed by
// transparent huge pages where the system offers them on request (Linux,
// THP "madvise" or "always"). Filling a fresh 64 MB buffer page by page costs
// ~16,000 page faults with 4 KiB pages (about as much CPU time as evaluating
// the batch), 32 with 2 MiB pages. Small buffers use the ordinary heap.
#ifndef ANSINH_LIB_COMMON_BIG_ALLOC_HPP_
#define ANSINH_LIB_COMMON_BIG_ALLOC_HPP_

#include <cstddef>
#include <memory>
#include <new>

namespace ansinh::internal {

// Memory for `bytes` bytes (not initialised), aligned for any type; release
// with BigFree. Throws std::bad_alloc.
void* BigAlloc(size_t bytes);
void BigFree(void* p) noexcept;

struct BigFreeDeleter {
  void operator()(std::byte* p) const noexcept { BigFree(p); }
};
using BigBuffer = std::unique_ptr<std::byte[], BigFreeDeleter>;

inline BigBuffer MakeBigBuffer(size_t bytes) {
  return BigBuffer(bytes ? static_cast<std::byte*>(BigAlloc(bytes)) : nullptr);
}

// A std::allocator for vectors that may grow large.
template <typename T>
struct BigAllocator {
  using value_type = T;
  BigAllocator() noexcept = default;
  template <typename U>
  BigAllocator(const BigAllocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)
  T* allocate(size_t n) { return static_cast<T*>(BigAlloc(n * sizeof(T))); }
  void deallocate(T* p, size_t) noexcept { BigFree(p); }
  template <typename U>
  bool operator==(const BigAllocator<U>&) const noexcept { return true; }
  template <typename U>
  bool operator!=(const BigAllocator<U>&) const noexcept { return false; }
};

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_COMMON_BIG_ALLOC_HPP_
