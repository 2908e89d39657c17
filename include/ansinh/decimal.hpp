// ansinh — exact decimal numbers (coefficients, rates) and money.
#ifndef ANSINH_DECIMAL_HPP_
#define ANSINH_DECIMAL_HPP_

#include "ansinh/export.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

// An exact decimal with 6 fractional digits, stored as an integer count of
// millionths. Never binary floating point. Value type; thread-safe.
// Range: about ±9.2e12. Money in the public API is plain int64_t VND; inside
// expressions money is a Decimal so that 1.5 × 333,333 stays exact until the
// declared rounding.
//
// Example:
//   auto c = ansinh::Decimal::Parse("1.5");   // 1500000 millionths
//   c->ToString();                            // "1.5"
class ANSINH_EXPORT Decimal {
 public:
  static constexpr int64_t kScale = 1000000;

  constexpr Decimal() noexcept = default;
  static constexpr Decimal FromMillionths(int64_t raw) noexcept { return Decimal(raw); }
  // Throws UsageError if |value| does not fit.
  static Decimal FromInteger(int64_t value);
  // Parses "-12", "1.5", "1_500_000", "0.000001". At most 6 fractional digits
  // (zeros beyond the 6th are accepted: "1.50000000");
  // nullopt on anything else (including overflow).
  static std::optional<Decimal> Parse(std::string_view text) noexcept;

  constexpr int64_t millionths() const noexcept { return raw_; }
  bool is_integer() const noexcept { return raw_ % kScale == 0; }
  int64_t integer_part() const noexcept { return raw_ / kScale; }  // toward zero
  std::string ToString() const;  // shortest exact form: "1.5", "750000", "-0.25"

  friend constexpr bool operator==(Decimal a, Decimal b) noexcept { return a.raw_ == b.raw_; }
  friend constexpr bool operator!=(Decimal a, Decimal b) noexcept { return a.raw_ != b.raw_; }
  friend constexpr bool operator<(Decimal a, Decimal b) noexcept { return a.raw_ < b.raw_; }
  friend constexpr bool operator<=(Decimal a, Decimal b) noexcept { return a.raw_ <= b.raw_; }
  friend constexpr bool operator>(Decimal a, Decimal b) noexcept { return a.raw_ > b.raw_; }
  friend constexpr bool operator>=(Decimal a, Decimal b) noexcept { return a.raw_ >= b.raw_; }

 private:
  constexpr explicit Decimal(int64_t raw) noexcept : raw_(raw) {}
  int64_t raw_ = 0;
};

// How an amount is rounded to its unit (declared per benefit; default kHalfUp to 1).
enum class RoundingMode { kHalfUp, kHalfEven, kDown, kUp };

// Rounds `value` to a multiple of `unit` (> 0, an integer) with `mode`.
// kDown/kUp are toward zero / away from zero. Returns nullopt on overflow.
ANSINH_EXPORT std::optional<int64_t> RoundToUnit(Decimal value, int64_t unit, RoundingMode mode) noexcept;

// Formats an integer amount with digit groups: vi "1.500.000", en "1,500,000".
ANSINH_EXPORT std::string FormatGrouped(int64_t value, char separator);

ANSINH_END_NAMESPACE

#endif  // ANSINH_DECIMAL_HPP_
