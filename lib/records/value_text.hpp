// Internal: parsing record values from text (CSV cells, JSON strings and
// number literals, YAML scalars) exactly, and rendering user text safely
// inside issue messages. No allocation on the success paths.
#ifndef ANSINH_LIB_RECORDS_VALUE_TEXT_HPP_
#define ANSINH_LIB_RECORDS_VALUE_TEXT_HPP_

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "ansinh/date.hpp"

namespace ansinh::internal {

// The outcome of reading a number for a field.
enum class NumberStatus {
  kOk,
  kNotNumber,    // not a number literal at all
  kFraction,     // has a fractional part where a whole number is needed
  kOutOfRange,   // does not fit (int64, or ±9.2e12 for money/decimal)
};

// An exact number literal: [+-]digits[.digits][(e|E)[+-]digits], with '_'
// allowed between digits ("1_500_000"). value = (negative ? -1 : 1) * digits * 10^exponent.
struct ExactNumber {
  bool negative = false;
  uint64_t digits = 0;   // significant digits (leading zeros dropped)
  int32_t exponent = 0;
  bool too_many_digits = false;  // more than 19 significant digits: never fits
};

// Parses an exact number literal. nullopt if `text` is not one.
std::optional<ExactNumber> ParseExactNumber(std::string_view text) noexcept;

// value * 10^shift as an int64 (shift 0: whole number, 6: millionths).
NumberStatus ScaleToInt64(const ExactNumber& number, int shift, int64_t* out) noexcept;

// Convenience: text -> whole number / millionths (Decimal raw).
NumberStatus ParseWholeNumber(std::string_view text, int64_t* out) noexcept;
NumberStatus ParseMillionths(std::string_view text, int64_t* out) noexcept;

// true/false/1/0/yes/no in any ASCII case, and Vietnamese có/không.
std::optional<bool> ParseBoolText(std::string_view text) noexcept;

// YYYY-MM-DD, or day-first D/M/YYYY and DD/MM/YYYY (as registries export).
std::optional<Date> ParseDateText(std::string_view text) noexcept;

// Whether `text` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view text) noexcept;

// Appends `text` to `out` with each byte that is not part of a valid UTF-8
// sequence replaced by U+FFFD.
void AppendSanitizedUtf8(std::string_view text, std::string* out);

// a == b, without a library call for the short texts ids, keys and enum values are:
// eight bytes at a time (the last eight overlapping), byte by byte below eight.
inline bool SameText(std::string_view a, std::string_view b) noexcept {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n < 8) {
    for (size_t i = 0; i < n; ++i) {
      if (p[i] != q[i]) return false;
    }
    return true;
  }
  uint64_t x, y;
  for (size_t i = 0; i + 8 < n; i += 8) {
    std::memcpy(&x, p + i, 8);
    std::memcpy(&y, q + i, 8);
    if (x != y) return false;
  }
  std::memcpy(&x, p + n - 8, 8);
  std::memcpy(&y, q + n - 8, 8);
  return x == y;
}

// Strips ASCII spaces and tabs at both ends (inline: every CSV cell and text value passes here).
inline std::string_view TrimSpaces(std::string_view text) noexcept {
  size_t b = 0, e = text.size();
  while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
  return text.substr(b, e - b);
}

// `text` made safe for a message: at most `max_bytes` bytes (cut on a UTF-8
// boundary, "…" appended), control characters and invalid UTF-8 bytes shown
// as \xNN. Wrapped in single quotes.
std::string QuoteForMessage(std::string_view text, size_t max_bytes = 60);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_RECORDS_VALUE_TEXT_HPP_
