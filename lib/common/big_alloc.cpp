#include "common/big_alloc.hpp"

#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ansinh::internal {

namespace {
constexpr size_t kHugePage = size_t{2} << 20;
// Below this, huge pages would waste more memory than the faults they save.
constexpr size_t kHugeThreshold = size_t{4} << 20;
}  // namespace

void* BigAlloc(size_t bytes) {
  if (bytes == 0) bytes = 1;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= kHugeThreshold) {
    const size_t rounded = (bytes + kHugePage - 1) & ~(kHugePage - 1);
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
    madvise(p, rounded, MADV_HUGEPAGE);  // advice only: without THP, ordinary pages
    return p;
  }
#endif
  void* p = std::malloc(bytes);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void BigFree(void* p) noexcept { std::free(p); }

}  // namespace ansinh::internal
