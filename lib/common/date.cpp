// Calendar arithmetic. Day numbers use the classic "days from civil" mapping
// (proleptic Gregorian, era-based, exact for all int32 day numbers in range).
// Month arithmetic follows the Civil Code 2015 Art. 147 (clamp to the last day
// of the month), deliberately not Boost.Date_Time's end-of-month snapping.
#include "ansinh/date.hpp"

#include <cstdio>

#include "ansinh/error.hpp"
#include "common/civil.hpp"

ANSINH_BEGIN_NAMESPACE
namespace {

using internal::CivilFromDays;
using internal::CivilYmd;

constexpr int32_t DaysFromCivil(int y, int m, int d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;                                   // [0, 399]
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  // [0, 365]
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return era * 146097 + doe - 719468;
}

constexpr bool IsLeap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ValidYmd(int y, int m, int d) noexcept {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

int Digits(std::string_view s, size_t pos, size_t n) noexcept {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

int DaysInMonth(int year, int month) noexcept {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

Date Date::FromYmd(int year, int month, int day) {
  if (!ValidYmd(year, month, day)) {
    throw UsageError("not a calendar date: " + std::to_string(year) + "-" + std::to_string(month) + "-" +
                     std::to_string(day));
  }
  return Date(DaysFromCivil(year, month, day));
}

std::optional<Date> Date::Parse(std::string_view s) noexcept {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const int y = Digits(s, 0, 4), m = Digits(s, 5, 2), d = Digits(s, 8, 2);
  if (y < 0 || m < 0 || d < 0 || !ValidYmd(y, m, d)) return std::nullopt;
  return Date(DaysFromCivil(y, m, d));
}

Date::Ymd Date::ymd() const noexcept {
  const auto c = CivilFromDays(days_);
  return {c.y, c.m, c.d};
}
int Date::year() const noexcept { return CivilFromDays(days_).y; }
int Date::month() const noexcept { return CivilFromDays(days_).m; }
int Date::day() const noexcept { return CivilFromDays(days_).d; }

std::string Date::ToString() const {
  const CivilYmd c = CivilFromDays(days_);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
  return buf;
}

YearMonth::YearMonth(int year, int month) : year_(year), month_(month) {
  if (year < 1 || year > 9999 || month < 1 || month > 12) {
    throw UsageError("not a month: " + std::to_string(year) + "-" + std::to_string(month));
  }
}

std::optional<YearMonth> YearMonth::Parse(std::string_view s) noexcept {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  const int y = Digits(s, 0, 4), m = Digits(s, 5, 2);
  if (y < 1 || m < 1 || m > 12) return std::nullopt;
  YearMonth ym;
  ym.year_ = y;
  ym.month_ = m;
  return ym;
}

Date YearMonth::first_day() const { return Date::FromDays(DaysFromCivil(year_, month_, 1)); }
Date YearMonth::last_day() const {
  return Date::FromDays(DaysFromCivil(year_, month_, DaysInMonth(year_, month_)));
}

std::string YearMonth::ToString() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year_, month_);
  return buf;
}

Date AddMonths(Date d, int months) {
  const CivilYmd c = CivilFromDays(d.days());
  // Month index y * 12 + (m - 1), in 64 bits so that any `months` is defined behaviour.
  const int64_t total = static_cast<int64_t>(c.y) * 12 + (c.m - 1) + months;
  if (total < 1 * 12 || total > 9999 * 12 + 11) {
    throw UsageError(d.ToString() + " + " + std::to_string(months) +
                     " months is outside 0001-01-01..9999-12-31");
  }
  const int y = static_cast<int>(total / 12);
  const int m = static_cast<int>(total % 12) + 1;
  const int dim = DaysInMonth(y, m);
  return Date::FromDays(DaysFromCivil(y, m, c.d < dim ? c.d : dim));
}

Date AddYears(Date d, int years) {
  const int64_t months = static_cast<int64_t>(years) * 12;
  if (months > INT32_MAX || months < INT32_MIN) {
    throw UsageError(d.ToString() + " + " + std::to_string(years) +
                     " years is outside 0001-01-01..9999-12-31");
  }
  return AddMonths(d, static_cast<int>(months));
}

int MonthsBetween(Date from, Date to) noexcept {
  if (to < from) return -MonthsBetween(to, from);
  const CivilYmd f = CivilFromDays(from.days());
  const CivilYmd t = CivilFromDays(to.days());
  int n = (t.y - f.y) * 12 + (t.m - f.m);
  // AddMonths(from, n) lands in t's month on day min(f.d, last day): completed iff <= t.d.
  const int dim = DaysInMonth(t.y, t.m);
  const int landing = f.d < dim ? f.d : dim;
  if (landing > t.d) --n;
  return n;
}

int YearsBetween(Date from, Date to) noexcept { return MonthsBetween(from, to) / 12; }

ANSINH_END_NAMESPACE
