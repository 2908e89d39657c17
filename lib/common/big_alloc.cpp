#include "common/big_alloc.hpp"

#include <cstdlib>
#include <mutex>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ansinh::internal {

namespace {

constexpr size_t kHugePage = size_t{2} << 20;
// Below this, huge pages would waste more memory than the faults they save.
constexpr size_t kBigThreshold = size_t{4} << 20;
constexpr size_t kKeptBytesMax = size_t{256} << 20;
constexpr int kKeptMax = 4;

size_t Rounded(size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }

// Freed big buffers kept for reuse, most recent last.
struct Kept {
  std::mutex mutex;
  void* ptr[kKeptMax] = {};
  size_t size[kKeptMax] = {};
  int count = 0;
  size_t bytes = 0;

  void* Take(size_t want) {
    std::lock_guard<std::mutex> lock(mutex);
    for (int i = count - 1; i >= 0; --i) {
      if (size[i] < want || size[i] / 2 > want) continue;  // too small, or wasting more than half
      void* p = ptr[i];
      bytes -= size[i];
      for (int j = i; j + 1 < count; ++j) ptr[j] = ptr[j + 1], size[j] = size[j + 1];
      --count;
      return p;
    }
    return nullptr;
  }
  // False if the buffer is not kept (the caller frees it). Evicts the oldest to make room.
  bool Put(void* p, size_t n, void** evicted, int* evicted_count) {
    *evicted_count = 0;
    if (n > kKeptBytesMax) return false;
    std::lock_guard<std::mutex> lock(mutex);
    while (count == kKeptMax || bytes + n > kKeptBytesMax) {
      evicted[(*evicted_count)++] = ptr[0];
      bytes -= size[0];
      for (int j = 0; j + 1 < count; ++j) ptr[j] = ptr[j + 1], size[j] = size[j + 1];
      --count;
    }
    ptr[count] = p;
    size[count] = n;
    ++count;
    bytes += n;
    return true;
  }
};

Kept& KeptBuffers() {
  static Kept* kept = new Kept();  // never destroyed: frees may come during static destruction
  return *kept;
}

}  // namespace

void* BigAlloc(size_t bytes) {
  if (bytes < kBigThreshold) {
    void* p = std::malloc(bytes == 0 ? 1 : bytes);
    if (p == nullptr) throw std::bad_alloc();
    return p;
  }
  const size_t rounded = Rounded(bytes);
  if (void* p = KeptBuffers().Take(rounded)) return p;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  madvise(p, rounded, MADV_HUGEPAGE);  // advice only: without THP, ordinary pages
#endif
  return p;
}

void BigFree(void* p, size_t bytes) noexcept {
  if (p == nullptr) return;
  if (bytes < kBigThreshold) {
    std::free(p);
    return;
  }
  const size_t rounded = Rounded(bytes);
#if defined(__linux__) && defined(MADV_FREE)
  madvise(p, rounded, MADV_FREE);  // the kernel may reclaim the pages while kept
#endif
  void* evicted[kKeptMax + 1];
  int n = 0;
  if (!KeptBuffers().Put(p, rounded, evicted, &n)) evicted[n++] = p;
  for (int i = 0; i < n; ++i) std::free(evicted[i]);
}

}  // namespace ansinh::internal
