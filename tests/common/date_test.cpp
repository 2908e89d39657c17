// Date, YearMonth and Civil Code month arithmetic: exact cases, parsing, edges.
// The dense comparison against Boost.Date_Time is in date_oracle_test.cpp.
#include <climits>
#include <string>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <catch2/catch.hpp>

#include "ansinh/date.hpp"
#include "ansinh/error.hpp"

namespace {

namespace bg = boost::gregorian;
using ansinh::AddMonths;
using ansinh::Date;
using ansinh::MonthsBetween;
using ansinh::YearMonth;
using ansinh::YearsBetween;

Date D(const char* text) {
  const auto d = Date::Parse(text);
  REQUIRE(d.has_value());
  return *d;
}

}  // namespace

TEST_CASE("Civil Code months: design.md examples", "[date]") {
  const Date b1 = D("2021-02-28");
  CHECK(MonthsBetween(b1, D("2024-02-27")) == 35);
  CHECK(MonthsBetween(b1, D("2024-02-28")) == 36);  // no longer "under 36 months" that day
  CHECK(MonthsBetween(b1, D("2024-02-29")) == 36);
  CHECK(AddMonths(b1, 36) == D("2024-02-28"));  // not Boost's end-of-month snap to 2024-02-29
  const Date b2 = D("2020-02-29");
  CHECK(MonthsBetween(b2, D("2021-02-27")) == 11);
  CHECK(MonthsBetween(b2, D("2021-02-28")) == 12);
  CHECK(YearsBetween(b2, D("2021-02-28")) == 1);
  CHECK(ansinh::AddYears(b2, 1) == D("2021-02-28"));
  CHECK(ansinh::AddYears(b2, 4) == D("2024-02-29"));
  CHECK(AddMonths(D("2020-01-31"), 1) == D("2020-02-29"));
  CHECK(AddMonths(D("2021-01-31"), 1) == D("2021-02-28"));
  CHECK(AddMonths(D("2021-03-31"), 1) == D("2021-04-30"));
  CHECK(AddMonths(D("2021-03-31"), -1) == D("2021-02-28"));
  CHECK(AddMonths(D("2021-12-15"), 1) == D("2022-01-15"));
  CHECK(AddMonths(D("2021-01-15"), -1) == D("2020-12-15"));
}

TEST_CASE("MonthsBetween: clamped anniversaries are not sticky month ends", "[date]") {
  // Born on the 30th: the February anniversary is the 28th/29th, March's is the 30th again.
  const Date b = D("2023-01-30");
  CHECK(MonthsBetween(b, D("2023-02-27")) == 0);
  CHECK(MonthsBetween(b, D("2023-02-28")) == 1);
  CHECK(MonthsBetween(b, D("2023-03-29")) == 1);
  CHECK(MonthsBetween(b, D("2023-03-30")) == 2);
  CHECK(MonthsBetween(D("2023-01-31"), D("2023-04-30")) == 3);
  CHECK(MonthsBetween(D("2023-01-31"), D("2023-05-30")) == 3);
  CHECK(MonthsBetween(D("2023-01-31"), D("2023-05-31")) == 4);
  CHECK(MonthsBetween(b, b) == 0);
  CHECK(YearsBetween(D("2000-06-15"), D("2018-06-14")) == 17);
  CHECK(YearsBetween(D("2000-06-15"), D("2018-06-15")) == 18);
}

TEST_CASE("MonthsBetween is negative and symmetric when to < from", "[date]") {
  CHECK(MonthsBetween(D("2024-02-28"), D("2021-02-28")) == -36);
  CHECK(MonthsBetween(D("2024-02-27"), D("2021-02-28")) == -35);
  // Symmetric definition -MonthsBetween(to, from): 03-01 back to 02-28 is not a whole month.
  CHECK(MonthsBetween(D("2021-03-01"), D("2021-02-28")) == 0);
  CHECK(MonthsBetween(D("2021-03-31"), D("2021-02-28")) == -1);
  CHECK(MonthsBetween(D("2021-03-28"), D("2021-02-28")) == -1);
  CHECK(YearsBetween(D("2021-02-28"), D("2020-02-29")) == -1);  // 12 months completed on 02-28
  CHECK(YearsBetween(D("2021-02-27"), D("2020-02-29")) == 0);
  CHECK(YearsBetween(D("2021-02-28"), D("2019-02-28")) == -2);
  CHECK(YearsBetween(D("2021-02-28"), D("2019-03-01")) == -1);  // toward zero: -23 months
  for (const char* a : {"2020-02-29", "2021-01-31", "1999-12-31", "2000-03-01"}) {
    for (const char* b : {"2020-02-28", "2024-02-29", "1900-02-28", "2100-12-31"}) {
      CHECK(MonthsBetween(D(a), D(b)) == -MonthsBetween(D(b), D(a)));
      CHECK(YearsBetween(D(a), D(b)) == -YearsBetween(D(b), D(a)));
    }
  }
}

TEST_CASE("Date round trip for every day 1900-2100 against Boost", "[date]") {
  long bad = 0;
  for (bg::day_iterator it(bg::date(1900, 1, 1)); *it <= bg::date(2100, 12, 31); ++it) {
    const bg::date b = *it;
    const int y = b.year(), m = b.month(), d = b.day();
    const Date date = Date::FromYmd(y, m, d);
    const std::string iso = bg::to_iso_extended_string(b);
    const auto parsed = Date::Parse(iso);
    const bool ok = date.days() == static_cast<int32_t>(b.day_number()) - 2440588 && date.year() == y &&
                    date.month() == m && date.day() == d && date.ToString() == iso && parsed && *parsed == date &&
                    ansinh::DaysInMonth(y, m) == bg::gregorian_calendar::end_of_month_day(y, m);
    if (!ok && ++bad < 10) FAIL_CHECK(iso);
  }
  CHECK(bad == 0);
  CHECK(Date() == D("1970-01-01"));
  CHECK(Date().days() == 0);
}

TEST_CASE("Date::Parse is strict", "[date]") {
  for (const char* bad : {"2023-02-29", "2023-13-01", "2023-00-10", "2023-01-00", "2023-01-32", "2023-04-31",
                          "1900-02-29", "2100-02-29", "0000-01-01", "2023-1-01", "2023-01-1", "23-01-01",
                          "20230101", "2023/01/01", "2023-01-01 ", " 2023-01-01", "2023-01-01T00", "+023-01-01",
                          "-023-01-01", "2023-+1-01", "2023-0a-01", "", "2023-01-", "10000-01-01", "2023--1-01"}) {
    INFO(bad);
    CHECK_FALSE(Date::Parse(bad).has_value());
  }
  CHECK(Date::Parse("2024-02-29").has_value());
  CHECK(Date::Parse("2000-02-29").has_value());
  CHECK(Date::Parse("0001-01-01").has_value());
  CHECK(Date::Parse("9999-12-31").has_value());
  CHECK_THROWS_AS(Date::FromYmd(2023, 2, 29), ansinh::UsageError);
  CHECK_THROWS_AS(Date::FromYmd(2023, 0, 1), ansinh::UsageError);
  CHECK_THROWS_AS(Date::FromYmd(0, 1, 1), ansinh::UsageError);
  CHECK_THROWS_AS(Date::FromYmd(10000, 1, 1), ansinh::UsageError);
  CHECK_THROWS_AS(Date::FromYmd(2023, 1, -1), ansinh::UsageError);
}

TEST_CASE("YearMonth: parse, first and last day", "[date]") {
  const auto feb = YearMonth::Parse("2024-02");
  REQUIRE(feb);
  CHECK(feb->year() == 2024);
  CHECK(feb->month() == 2);
  CHECK(feb->first_day() == D("2024-02-01"));
  CHECK(feb->last_day() == D("2024-02-29"));
  CHECK(feb->ToString() == "2024-02");
  CHECK(YearMonth(2023, 2).last_day() == D("2023-02-28"));
  CHECK(YearMonth(1900, 2).last_day() == D("1900-02-28"));
  CHECK(YearMonth(2000, 2).last_day() == D("2000-02-29"));
  CHECK(YearMonth(2023, 12).last_day() == D("2023-12-31"));
  CHECK(YearMonth(2023, 4).last_day() == D("2023-04-30"));
  CHECK(YearMonth(1, 1).first_day() == D("0001-01-01"));
  CHECK(YearMonth(9999, 12).last_day() == D("9999-12-31"));
  CHECK(YearMonth() == YearMonth(1970, 1));
  CHECK(YearMonth(2024, 7) != YearMonth(2024, 8));
  for (const char* bad : {"2024-13", "2024-00", "0000-01", "2024-1", "202-01", "2024/01", "2024-01-01", "",
                          "2024-+1", "abcd-01"}) {
    INFO(bad);
    CHECK_FALSE(YearMonth::Parse(bad).has_value());
  }
  CHECK_THROWS_AS(YearMonth(2024, 13), ansinh::UsageError);
  CHECK_THROWS_AS(YearMonth(0, 1), ansinh::UsageError);
  CHECK_THROWS_AS(YearMonth(10000, 1), ansinh::UsageError);
}

TEST_CASE("Year 1 and year 9999 edges", "[date]") {
  const Date first = D("0001-01-01");
  const Date last = D("9999-12-31");
  CHECK(first.days() == -719162);  // Julian day 1721426 (proleptic Gregorian) vs 2440588
  CHECK(last.days() == 2932896);
  CHECK(Date::FromDays(first.days()).ToString() == "0001-01-01");
  CHECK(Date::FromDays(first.days() - 1).year() == 0);  // proleptic, outside the valid range
  CHECK(Date::FromDays(first.days() - 1).month() == 12);
  CHECK(first.year() == 1);
  CHECK(last.year() == 9999);
  CHECK(ansinh::DaysInMonth(1, 2) == 28);
  CHECK(ansinh::DaysInMonth(4, 2) == 29);
  CHECK(ansinh::DaysInMonth(100, 2) == 28);
  CHECK(ansinh::DaysInMonth(400, 2) == 29);
  CHECK(ansinh::DaysInMonth(2023, 0) == 0);
  CHECK(ansinh::DaysInMonth(2023, 13) == 0);
  CHECK(D("0001-03-01").days() - D("0001-02-28").days() == 1);
  CHECK(D("0004-03-01").days() - D("0004-02-28").days() == 2);
  CHECK(AddMonths(D("0001-01-31"), 1) == D("0001-02-28"));
  CHECK(AddMonths(D("0004-01-31"), 1) == D("0004-02-29"));
  CHECK(AddMonths(D("9999-11-30"), 1) == D("9999-12-30"));
  CHECK(AddMonths(D("9999-10-31"), 2) == last);
  CHECK(AddMonths(D("0001-02-28"), -1) == D("0001-01-28"));
  CHECK(AddMonths(last, -119987) == D("0001-01-31"));
  CHECK(MonthsBetween(first, last) == 119987);
  CHECK(MonthsBetween(last, first) == -119987);
  CHECK(YearsBetween(first, last) == 9998);
  CHECK(YearsBetween(first, D("9999-01-01")) == 9998);
  CHECK(YearsBetween(first, D("9998-12-31")) == 9997);
}

TEST_CASE("AddMonths outside 0001-9999 is a UsageError, never undefined behaviour", "[date]") {
  CHECK_THROWS_AS(AddMonths(D("9999-12-31"), 1), ansinh::UsageError);
  CHECK_THROWS_AS(AddMonths(D("0001-01-01"), -1), ansinh::UsageError);
  CHECK_THROWS_AS(AddMonths(D("2024-01-01"), INT_MAX), ansinh::UsageError);
  CHECK_THROWS_AS(AddMonths(D("2024-01-01"), INT_MIN), ansinh::UsageError);
  CHECK_THROWS_AS(ansinh::AddYears(D("2024-01-01"), INT_MAX), ansinh::UsageError);
  CHECK_THROWS_AS(ansinh::AddYears(D("2024-01-01"), INT_MIN), ansinh::UsageError);
  CHECK_THROWS_AS(ansinh::AddYears(D("2024-01-01"), 8000), ansinh::UsageError);
  CHECK(ansinh::AddYears(D("2024-02-29"), 7975) == D("9999-02-28"));
  CHECK(ansinh::AddYears(D("2024-02-29"), -2023) == D("0001-02-28"));
}

TEST_CASE("Day numbers far outside 0001-9999 do not overflow", "[date]") {
  // FromDays accepts any int32; the civil conversion must stay defined (UBSan checks this).
  const Date top = Date::FromDays(INT32_MAX);
  const Date bottom = Date::FromDays(INT32_MIN);
  CHECK(top.year() > 5000000);
  CHECK(bottom.year() < -5000000);
  CHECK(top.month() >= 1);
  CHECK(top.month() <= 12);
  CHECK(bottom.day() >= 1);
  CHECK_FALSE(top.ToString().empty());
  CHECK(MonthsBetween(bottom, top) == -MonthsBetween(top, bottom));
  CHECK(MonthsBetween(bottom, top) > 0);
}
