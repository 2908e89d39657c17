// Civil Code Art. 147 month arithmetic (AddMonths, MonthsBetween, YearsBetween)
// checked against an independent oracle built on Boost.Date_Time.
//
// The oracle never uses lib/common/date.cpp's method (month index arithmetic on
// civil fields): it walks Boost's month_iterator from the 1st of the birth month
// (day 1 is never a month end, so Boost's end-of-month snapping cannot apply),
// clamps the day with gregorian_calendar::end_of_month_day, and counts completed
// months as the number of anniversaries on or before the as-of date (binary
// search in the list of anniversaries). Boost is only the oracle; the library
// itself must not use it.
#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <catch2/catch.hpp>

#include "ansinh/date.hpp"

namespace {

namespace bg = boost::gregorian;
using ansinh::Date;

constexpr int32_t kJulianDayOf1970 = 2440588;  // Boost's day_number() is the Julian day number

int32_t DaysOf(const bg::date& d) { return static_cast<int32_t>(d.day_number()) - kJulianDayOf1970; }
Date ToDate(const bg::date& d) { return Date::FromDays(DaysOf(d)); }

// The sanitizer/Debug build runs a thinned grid; Release runs all of it.
#if defined(NDEBUG) && !defined(ANSINH_SANITIZED)
constexpr int kThin = 1;
#else
constexpr int kThin = 7;
#endif

// Anniversaries of `birth` (k = 0, 1, ...) up to and including the first one after `last`,
// as day numbers: walk month by month, clamp the birth day to each month's length.
std::vector<int32_t> Anniversaries(const bg::date& birth, const bg::date& last) {
  std::vector<int32_t> out;
  const int day = birth.day();
  for (bg::month_iterator it(bg::date(birth.year(), birth.month(), 1)); ; ++it) {
    const bg::date first = *it;
    const int eom = bg::gregorian_calendar::end_of_month_day(first.year(), first.month());
    const bg::date anniversary(first.year(), first.month(), std::min(day, eom));
    out.push_back(DaysOf(anniversary));
    if (anniversary > last) break;
  }
  return out;
}

// Oracle for AddMonths by Boost's month arithmetic on the 1st, then explicit clamping.
// Returns nullopt-like sentinel (INT32_MAX) when the month leaves Boost's range.
int32_t OracleAddMonths(const bg::date& d, int k) {
  const long index = static_cast<long>(d.year()) * 12 + (d.month() - 1) + k;
  if (index < 1400L * 12 || index > 9999L * 12 + 11) return INT32_MAX;
  const bg::date target = bg::date(d.year(), d.month(), 1) + bg::months(k);
  const int eom = bg::gregorian_calendar::end_of_month_day(target.year(), target.month());
  return DaysOf(bg::date(target.year(), target.month(), std::min<int>(d.day(), eom)));
}

// Oracle for MonthsBetween(from, to), from <= to, straight from the definition:
// the largest n with AddMonths(from, n) <= to (AddMonths is monotone in n).
int OracleMonthsBetween(const bg::date& from, const bg::date& to) {
  int n = (to.year() - from.year()) * 12 + (to.month() - from.month());
  while (n > 0 && OracleAddMonths(from, n) > DaysOf(to)) --n;
  while (OracleAddMonths(from, n + 1) <= DaysOf(to)) ++n;
  return n;
}

// Is `d` one of the dates the law makes interesting (a possible clamp)?
bool IsSpecialBirthDay(const bg::date& d) { return d.day() >= 28; }

}  // namespace

TEST_CASE("Oracle sanity: Boost snaps to month end, the law clamps", "[date][oracle]") {
  const bg::date birth(2021, 2, 28);
  CHECK(birth + bg::months(36) == bg::date(2024, 2, 29));  // why Boost's months() is not the law
  CHECK(OracleAddMonths(birth, 36) == DaysOf(bg::date(2024, 2, 28)));
  CHECK(OracleMonthsBetween(birth, bg::date(2024, 2, 28)) == 36);
  CHECK(OracleMonthsBetween(bg::date(2020, 2, 29), bg::date(2021, 2, 28)) == 12);
  CHECK(DaysOf(bg::date(1970, 1, 1)) == 0);
}

TEST_CASE("MonthsBetween/YearsBetween/AddMonths on a dense anniversary grid 1900-2100", "[date][oracle]") {
  const bg::date first_birth(1900, 1, 1);
  const bg::date last_day(2100, 12, 31);
  long pairs = 0, births = 0, mismatches = 0;
  int sample = 0;
  for (bg::day_iterator it(first_birth); *it <= last_day; ++it) {
    const bg::date birth = *it;
    if (!IsSpecialBirthDay(birth) && ++sample % (29 * kThin) != 0) continue;
    if (IsSpecialBirthDay(birth) && kThin > 1 && birth.day_number() % kThin != 0) continue;
    ++births;
    const Date b = ToDate(birth);
    const std::vector<int32_t> anniversaries = Anniversaries(birth, last_day);
    for (size_t k = 0; k < anniversaries.size(); ++k) {
      if (ansinh::AddMonths(b, static_cast<int>(k)).days() != anniversaries[k]) {
        if (++mismatches < 10) FAIL_CHECK(b.ToString() << " + " << k << " months");
      }
      for (int32_t delta = -1; delta <= 1; ++delta) {
        const int32_t as_of_days = anniversaries[k] + delta;
        if (as_of_days < b.days() || as_of_days > DaysOf(last_day)) continue;
        const Date as_of = Date::FromDays(as_of_days);
        const auto after = std::upper_bound(anniversaries.begin(), anniversaries.end(), as_of_days);
        const int expected = static_cast<int>(after - anniversaries.begin()) - 1;
        ++pairs;
        const int got = ansinh::MonthsBetween(b, as_of);
        const int back = ansinh::MonthsBetween(as_of, b);
        // Years only change on the 12th anniversaries; check them there (both directions).
        const bool year_ok = k % 12 != 0 || (ansinh::YearsBetween(b, as_of) == expected / 12 &&
                                             ansinh::YearsBetween(as_of, b) == -(expected / 12));
        if (got != expected || back != -expected || !year_ok) {
          if (++mismatches < 10) {
            FAIL_CHECK("born " << b.ToString() << " as of " << as_of.ToString() << ": expected " << expected
                               << " got " << got << " (reverse " << back << ")");
          }
        }
      }
    }
  }
  INFO(births << " birth dates, " << pairs << " (birth, as-of) pairs");
  CHECK(mismatches == 0);
  CHECK(pairs > (kThin == 1 ? 30000000L : 500000L));
}

TEST_CASE("AddMonths backwards matches the oracle", "[date][oracle]") {
  long mismatches = 0, checks = 0;
  for (bg::day_iterator it(bg::date(1900, 1, 1)); *it <= bg::date(2100, 12, 31); ++it) {
    const bg::date d = *it;
    if (!IsSpecialBirthDay(d) && d.day() != 1 && d.day() != 15) continue;
    const Date date = ToDate(d);
    for (int k = 0; k <= 2400; k += 7 * kThin) {
      for (const int n : {-k, k}) {
        const int32_t expected = OracleAddMonths(d, n);
        if (expected == INT32_MAX) continue;
        ++checks;
        if (ansinh::AddMonths(date, n).days() != expected && ++mismatches < 10) {
          FAIL_CHECK(date.ToString() << " + " << n << " months");
        }
        if (n % 12 == 0 && ansinh::AddYears(date, n / 12).days() != expected && ++mismatches < 10) {
          FAIL_CHECK(date.ToString() << " + " << n / 12 << " years");
        }
      }
    }
  }
  INFO(checks << " checks");
  CHECK(mismatches == 0);
}

TEST_CASE("MonthsBetween on a sparse random sweep over Boost's whole range", "[date][oracle]") {
  std::mt19937_64 rng(20240229);
  const int32_t lo = DaysOf(bg::date(1400, 1, 1));
  const int32_t hi = DaysOf(bg::date(9999, 12, 31));
  std::uniform_int_distribution<int32_t> any_day(lo, hi);
  std::uniform_int_distribution<int32_t> near(0, 800);
  long mismatches = 0;
  const int rounds = 400000 / kThin;
  for (int i = 0; i < rounds; ++i) {
    int32_t a = any_day(rng);
    // Half the pairs are far apart, half within a few years (where off-by-one bugs live).
    int32_t b = i % 2 == 0 ? any_day(rng) : std::min(hi, a + near(rng));
    if (b < a) std::swap(a, b);
    const bg::date from = bg::date(1970, 1, 1) + bg::days(a);
    const bg::date to = bg::date(1970, 1, 1) + bg::days(b);
    const int expected = OracleMonthsBetween(from, to);
    const Date f = Date::FromDays(a), t = Date::FromDays(b);
    if ((ansinh::MonthsBetween(f, t) != expected || ansinh::MonthsBetween(t, f) != -expected ||
         ansinh::YearsBetween(f, t) != expected / 12) &&
        ++mismatches < 10) {
      FAIL_CHECK(f.ToString() << " .. " << t.ToString() << ": expected " << expected);
    }
  }
  CHECK(mismatches == 0);
}
