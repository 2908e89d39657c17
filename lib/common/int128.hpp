// Internal: 128-bit integers for exact intermediate products (GCC/Clang extension).
#ifndef ANSINH_LIB_COMMON_INT128_HPP_
#define ANSINH_LIB_COMMON_INT128_HPP_

#include <cstdint>

namespace ansinh::internal {
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

// a + b held at the int64 limits instead of wrapping (undefined behaviour).
// For totals of money in decisions (a household's total_monthly): a total
// at INT64_MAX/INT64_MIN means "at least this"; reports refuse such sums.
inline int64_t SaturatingAdd(int64_t a, int64_t b) noexcept {
  int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) return b > 0 ? INT64_MAX : INT64_MIN;
  return sum;
}
}  // namespace ansinh::internal

#endif  // ANSINH_LIB_COMMON_INT128_HPP_
