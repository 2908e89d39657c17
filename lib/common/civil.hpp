// Internal: day number -> civil date, inline so hot loops (ages of every
// person) do not pay a call per lane. Proleptic Gregorian, era-based.
#ifndef ANSINH_LIB_COMMON_CIVIL_HPP_
#define ANSINH_LIB_COMMON_CIVIL_HPP_

#include <cstdint>

namespace ansinh::internal {

struct CivilYmd {
  int y, m, d;
};

// 64-bit internally: `z + 719468` overflows int32 for day numbers near INT32_MAX,
// and Date::FromDays accepts any int32.
constexpr CivilYmd CivilFromDays(int32_t days) noexcept {
  const int64_t z = static_cast<int64_t>(days) + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;                                      // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);  // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                       // [0, 11]
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);  // [1, 31]
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);    // [1, 12]
  return {static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_COMMON_CIVIL_HPP_
