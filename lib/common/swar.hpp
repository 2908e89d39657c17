// Internal: tests on eight bytes at once (one 64-bit word), exact for "is there any byte
// ..." (Hacker's Delight 6-1): the lowest byte that satisfies a test has its high bit set in
// the result (bits above it may be set too), none when no byte does. Used by the text scans
// that find nothing to do in most text (JSON escaping, CSV quoting, control characters).
#ifndef ANSINH_LIB_COMMON_SWAR_HPP_
#define ANSINH_LIB_COMMON_SWAR_HPP_

#include <cstdint>
#include <cstring>

namespace ansinh::internal {

inline constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;

// The eight bytes at `p` as one word (native order).
inline uint64_t Load8(const char* p) noexcept {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
// A byte of `w` below `n` (n <= 0x80).
constexpr uint64_t AnyBelow(uint64_t w, uint8_t n) noexcept { return (w - kOnes * n) & ~w & kHighs; }
// A byte of `w` equal to `c`.
constexpr uint64_t AnyEqual(uint64_t w, uint8_t c) noexcept { return AnyBelow(w ^ (kOnes * c), 1); }

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_COMMON_SWAR_HPP_
