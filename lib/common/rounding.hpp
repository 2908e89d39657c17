// Internal: the library's one rounding rule, shared by RoundToUnit (benefit
// amounts) and the evaluator's round(x, unit).
#ifndef ANSINH_LIB_COMMON_ROUNDING_HPP_
#define ANSINH_LIB_COMMON_ROUNDING_HPP_

#include <cstdint>
#include <optional>

#include "ansinh/decimal.hpp"
#include "common/int128.hpp"

namespace ansinh::internal {

// magnitude / step (magnitude >= 0, step > 0), rounded by `mode`; kDown/kUp
// are toward zero / away from zero, as for the signed value.
inline Int128 RoundedQuotient(Int128 magnitude, Int128 step, RoundingMode mode) noexcept {
  Int128 q = magnitude / step;
  const Int128 r = magnitude % step;
  if (r == 0) return q;
  switch (mode) {
    case RoundingMode::kDown: break;
    case RoundingMode::kUp: ++q; break;
    case RoundingMode::kHalfUp:
      if (2 * r >= step) ++q;
      break;
    case RoundingMode::kHalfEven:
      if (2 * r > step || (2 * r == step && (q & 1) != 0)) ++q;
      break;
  }
  return q;
}

// `raw` rounded to a multiple of `step` (both in the same fixed-point units).
// nullopt when step <= 0 or the result does not fit in int64_t.
inline std::optional<int64_t> RoundToStep(int64_t raw, int64_t step, RoundingMode mode) noexcept {
  if (step <= 0) return std::nullopt;
  const bool negative = raw < 0;
  const Int128 magnitude = negative ? -static_cast<Int128>(raw) : static_cast<Int128>(raw);
  const Int128 result = RoundedQuotient(magnitude, step, mode) * step * (negative ? -1 : 1);
  if (result > INT64_MAX || result < INT64_MIN) return std::nullopt;
  return static_cast<int64_t>(result);
}

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_COMMON_ROUNDING_HPP_
