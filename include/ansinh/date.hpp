// ansinh — calendar dates and months, with Civil Code 2015 period arithmetic.
#ifndef ANSINH_DATE_HPP_
#define ANSINH_DATE_HPP_

#include "ansinh/export.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

// A day of the proleptic Gregorian calendar, stored as days since 1970-01-01.
// Value type, trivially copyable, thread-safe. Valid range: 0001-01-01 to 9999-12-31.
//
// Example:
//   ansinh::Date d = ansinh::Date::FromYmd(2024, 2, 29);
//   d.ToString();  // "2024-02-29"
class ANSINH_EXPORT Date {
 public:
  constexpr Date() noexcept = default;  // 1970-01-01
  static constexpr Date FromDays(int32_t days) noexcept { return Date(days); }
  // Throws UsageError if (year, month, day) is not a real date.
  static Date FromYmd(int year, int month, int day);
  // Parses "YYYY-MM-DD" strictly (4-2-2 digits, a real date). nullopt otherwise.
  static std::optional<Date> Parse(std::string_view text) noexcept;

  constexpr int32_t days() const noexcept { return days_; }
  struct Ymd {
    int year, month, day;
  };
  // Year, month and day at once (one calendar conversion instead of three).
  Ymd ymd() const noexcept;
  int year() const noexcept;
  int month() const noexcept;  // 1..12
  int day() const noexcept;    // 1..31
  std::string ToString() const;  // "YYYY-MM-DD"

  friend constexpr bool operator==(Date a, Date b) noexcept { return a.days_ == b.days_; }
  friend constexpr bool operator!=(Date a, Date b) noexcept { return a.days_ != b.days_; }
  friend constexpr bool operator<(Date a, Date b) noexcept { return a.days_ < b.days_; }
  friend constexpr bool operator<=(Date a, Date b) noexcept { return a.days_ <= b.days_; }
  friend constexpr bool operator>(Date a, Date b) noexcept { return a.days_ > b.days_; }
  friend constexpr bool operator>=(Date a, Date b) noexcept { return a.days_ >= b.days_; }

 private:
  constexpr explicit Date(int32_t days) noexcept : days_(days) {}
  int32_t days_ = 0;
};

// A calendar month, e.g. 2024-07. Value type.
class ANSINH_EXPORT YearMonth {
 public:
  constexpr YearMonth() noexcept = default;
  // Throws UsageError unless 1 <= month <= 12 and 1 <= year <= 9999.
  YearMonth(int year, int month);
  // Parses "YYYY-MM". nullopt otherwise.
  static std::optional<YearMonth> Parse(std::string_view text) noexcept;

  int year() const noexcept { return year_; }
  int month() const noexcept { return month_; }
  Date first_day() const;
  Date last_day() const;
  std::string ToString() const;  // "YYYY-MM"

  friend bool operator==(YearMonth a, YearMonth b) noexcept {
    return a.year_ == b.year_ && a.month_ == b.month_;
  }
  friend bool operator!=(YearMonth a, YearMonth b) noexcept { return !(a == b); }

 private:
  int year_ = 1970;
  int month_ = 1;
};

// --- Civil Code 2015 Art. 147 period arithmetic -----------------------------
// A period of N months from date D ends on the same day N months later, or on
// the last day of that month when it has no such day (clamping, NOT Boost's
// end-of-month snapping). These are the functions behind months_between,
// years_between, age_months and age_years in the expression language.

// D + n calendar months, clamped to the month's last day (2020-01-31 + 1 = 2020-02-29).
// Throws UsageError if the result falls outside 0001-01-01..9999-12-31.
ANSINH_EXPORT Date AddMonths(Date d, int months);
// D + n years, clamped (2020-02-29 + 1 year = 2021-02-28). Throws like AddMonths.
ANSINH_EXPORT Date AddYears(Date d, int years);
// Number of completed calendar months from `from` to `to`: the largest n with
// AddMonths(from, n) <= to. Negative when `to` < `from` (symmetric definition).
// Born 2021-02-28: MonthsBetween(birth, 2024-02-27) = 35, (birth, 2024-02-28) = 36.
ANSINH_EXPORT int MonthsBetween(Date from, Date to) noexcept;
// Completed years: MonthsBetween(from, to) / 12 (toward zero).
ANSINH_EXPORT int YearsBetween(Date from, Date to) noexcept;
// Days in a month (28..31).
ANSINH_EXPORT int DaysInMonth(int year, int month) noexcept;

ANSINH_END_NAMESPACE

#endif  // ANSINH_DATE_HPP_
