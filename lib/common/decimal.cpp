#include "ansinh/decimal.hpp"

#include <cstdlib>

#include "ansinh/error.hpp"
#include "common/int128.hpp"
#include "common/rounding.hpp"

ANSINH_BEGIN_NAMESPACE

using internal::Int128;
using internal::UInt128;

Decimal Decimal::FromInteger(int64_t value) {
  int64_t raw = 0;
  if (__builtin_mul_overflow(value, kScale, &raw)) {
    throw UsageError("number too large: " + std::to_string(value));
  }
  return Decimal(raw);
}

std::optional<Decimal> Decimal::Parse(std::string_view s) noexcept {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    negative = s[i] == '-';
    ++i;
  }
  Int128 whole = 0;
  size_t digits = 0;
  bool last_underscore = false;
  for (; i < s.size() && s[i] != '.'; ++i) {
    const char c = s[i];
    if (c == '_') {
      if (digits == 0 || last_underscore) return std::nullopt;
      last_underscore = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    last_underscore = false;
    whole = whole * 10 + (c - '0');
    if (whole > static_cast<Int128>(INT64_MAX)) return std::nullopt;
    ++digits;
  }
  if (digits == 0 || last_underscore) return std::nullopt;
  int64_t frac = 0;
  int frac_digits = 0;
  if (i < s.size()) {  // '.'
    ++i;
    if (i == s.size()) return std::nullopt;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (c < '0' || c > '9') return std::nullopt;
      if (frac_digits == 6) {
        if (c != '0') return std::nullopt;  // more precision than a Decimal holds
        continue;
      }
      frac = frac * 10 + (c - '0');
      ++frac_digits;
    }
  }
  for (int k = frac_digits; k < 6; ++k) frac *= 10;
  const Int128 magnitude = whole * kScale + frac;
  // A negative magnitude may be one larger: INT64_MIN millionths is a Decimal too.
  const Int128 raw = negative ? -magnitude : magnitude;
  if (raw > static_cast<Int128>(INT64_MAX) || raw < static_cast<Int128>(INT64_MIN)) return std::nullopt;
  return Decimal(static_cast<int64_t>(raw));
}

std::string Decimal::ToString() const {
  const bool negative = raw_ < 0;
  const UInt128 mag = negative ? -static_cast<Int128>(raw_) : raw_;
  const uint64_t whole = static_cast<uint64_t>(mag / kScale);
  uint64_t frac = static_cast<uint64_t>(mag % kScale);
  std::string out = negative ? "-" : "";
  out += std::to_string(whole);
  if (frac != 0) {
    std::string f = std::to_string(frac);
    f.insert(0, 6 - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += '.';
    out += f;
  }
  return out;
}

std::optional<int64_t> RoundToUnit(Decimal value, int64_t unit, RoundingMode mode) noexcept {
  if (unit <= 0) return std::nullopt;
  const Int128 step = static_cast<Int128>(unit) * Decimal::kScale;
  const Int128 raw = value.millionths();
  const bool negative = raw < 0;
  const Int128 result = internal::RoundedQuotient(negative ? -raw : raw, step, mode) * unit;
  if (result > static_cast<Int128>(INT64_MAX)) return std::nullopt;
  return negative ? -static_cast<int64_t>(result) : static_cast<int64_t>(result);
}

std::string FormatGrouped(int64_t value, char separator) {
  const bool negative = value < 0;
  // Magnitude in 128 bits: -INT64_MIN does not fit in int64_t.
  const UInt128 magnitude = negative ? -static_cast<Int128>(value) : value;
  const std::string digits = std::to_string(static_cast<uint64_t>(magnitude));
  std::string out = negative ? "-" : "";
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    out += digits[i];
    const size_t left = n - 1 - i;
    if (left > 0 && left % 3 == 0) out += separator;
  }
  return out;
}

ANSINH_END_NAMESPACE
