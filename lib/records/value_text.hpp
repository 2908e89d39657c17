// Internal: parsing record values from text (CSV cells, JSON strings and
// number literals, YAML scalars) exactly, and rendering user text safely
// inside issue messages. No allocation on the success paths.
#ifndef ANSINH_LIB_RECORDS_VALUE_TEXT_HPP_
#define ANSINH_LIB_RECORDS_VALUE_TEXT_HPP_

#include <cstdint>
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

// a == b, without a library call for the short texts ids and enum values are.
inline bool SameText(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Strips ASCII spaces and tabs at both ends.
std::string_view TrimSpaces(std::string_view text) noexcept;

// `text` made safe for a message: at most `max_bytes` bytes (cut on a UTF-8
// boundary, "…" appended), control characters and invalid UTF-8 bytes shown
// as \xNN. Wrapped in single quotes.
std::string QuoteForMessage(std::string_view text, size_t max_bytes = 60);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_RECORDS_VALUE_TEXT_HPP_
