// ansinh — values: what a record gives for a field, and what evaluation computes.
#ifndef ANSINH_VALUE_HPP_
#define ANSINH_VALUE_HPP_

#include "ansinh/export.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ansinh/date.hpp"
#include "ansinh/decimal.hpp"
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

// Languages for labels, reasons and explanations.
enum class Language { kVi, kEn };

// A text in Vietnamese and English. `Get` falls back to the other language
// when the requested one is empty.
struct ANSINH_EXPORT Label {
  std::string vi;
  std::string en;
  const std::string& Get(Language lang) const noexcept {
    if (lang == Language::kEn) return en.empty() ? vi : en;
    return vi.empty() ? en : vi;
  }
};

// The types of schema fields, parameters and variables.
enum class ValueType { kBool, kInt, kMoney, kDecimal, kDate, kEnum, kSet, kString };

// "bool", "int", "money", "decimal", "date", "enum", "set", "string".
ANSINH_EXPORT const char* ToString(ValueType type) noexcept;

// A value as a record gives it, before it is checked against the schema:
// null (missing, i.e. unknown), a boolean, an integer, an exact decimal, a
// text, or a list of texts (for set fields). Dates and enum values are texts
// ("2021-02-28", "rural"). Value type.
//
// Numbers: any signed or unsigned integer; an unsigned one above INT64_MAX
// throws UsageError. A `double` is taken only when it is a whole number
// (e.g. 1'500'000.0 đồng) within ±2^53, where a double is exact; otherwise
// (1.5, NaN, 1e300) it throws UsageError: give fractions as ansinh::Decimal.
//
// Example:
//   ansinh::Household h("h1");
//   h.Set("area", "rural").Set("income_per_capita", 1'500'000);
class ANSINH_EXPORT InputValue {
 public:
  enum class Kind { kNull, kBool, kInt, kDecimal, kText, kList };

  InputValue() noexcept = default;  // null
  InputValue(std::nullptr_t) noexcept {}
  InputValue(bool b) noexcept : kind_(Kind::kBool), int_(b ? 1 : 0) {}
  InputValue(int v) noexcept : kind_(Kind::kInt), int_(v) {}
  InputValue(long v) noexcept : kind_(Kind::kInt), int_(v) {}
  InputValue(long long v) noexcept : kind_(Kind::kInt), int_(v) {}
  InputValue(unsigned v) noexcept : kind_(Kind::kInt), int_(v) {}
  InputValue(unsigned long v);       // throws UsageError above INT64_MAX
  InputValue(unsigned long long v);  // throws UsageError above INT64_MAX
  InputValue(double v);              // a whole number only, else UsageError (see above)
  InputValue(Decimal d) noexcept : kind_(Kind::kDecimal), int_(d.millionths()) {}
  InputValue(Date d) : kind_(Kind::kText), text_(d.ToString()) {}
  InputValue(const char* s) : kind_(Kind::kText), text_(s) {}
  InputValue(std::string s) noexcept : kind_(Kind::kText), text_(std::move(s)) {}
  InputValue(std::vector<std::string> items) noexcept
      : kind_(Kind::kList), list_(std::move(items)) {}

  Kind kind() const noexcept { return kind_; }
  bool is_null() const noexcept { return kind_ == Kind::kNull; }
  bool as_bool() const noexcept { return int_ != 0; }
  int64_t as_int() const noexcept { return int_; }
  Decimal as_decimal() const noexcept {
    return kind_ == Kind::kInt ? Decimal::FromMillionths(int_ * Decimal::kScale)
                               : Decimal::FromMillionths(int_);
  }
  const std::string& as_text() const noexcept { return text_; }
  const std::vector<std::string>& as_list() const noexcept { return list_; }
  // A short rendering for messages: null, true, 12, 1.5, "rural", [a, b].
  std::string ToString() const;

 private:
  Kind kind_ = Kind::kNull;
  int64_t int_ = 0;
  std::string text_;
  std::vector<std::string> list_;
};

// A computed value (variables in decisions, values read in explanations).
// `unknown` means a missing input made it impossible to compute.
struct ANSINH_EXPORT OutputValue {
  ValueType type = ValueType::kBool;
  bool known = false;
  int64_t raw = 0;                 // bool 0/1; int; money/decimal in millionths; date days
  std::string text;                // enum value, string
  std::vector<std::string> items;  // set members

  // Renders like the JSON form without quotes: true, 12, 750000, 1.5,
  // 2024-02-28, poor, [water, sanitation], or "unknown".
  std::string ToString() const;
};

ANSINH_END_NAMESPACE

#endif  // ANSINH_VALUE_HPP_
