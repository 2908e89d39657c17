#include <catch2/catch.hpp>

#include "ansinh/date.hpp"
#include "ansinh/decimal.hpp"

TEST_CASE("Civil Code months: design.md examples", "[date]") {
  using ansinh::Date;
  const Date b1 = Date::FromYmd(2021, 2, 28);
  CHECK(ansinh::MonthsBetween(b1, Date::FromYmd(2024, 2, 27)) == 35);
  CHECK(ansinh::MonthsBetween(b1, Date::FromYmd(2024, 2, 28)) == 36);
  const Date b2 = Date::FromYmd(2020, 2, 29);
  CHECK(ansinh::MonthsBetween(b2, Date::FromYmd(2021, 2, 27)) == 11);
  CHECK(ansinh::MonthsBetween(b2, Date::FromYmd(2021, 2, 28)) == 12);
  CHECK(ansinh::AddMonths(b1, 36) == Date::FromYmd(2024, 2, 28));  // not Boost's 2024-02-29
}

TEST_CASE("Decimal is exact", "[decimal]") {
  auto c = ansinh::Decimal::Parse("1.5");
  REQUIRE(c);
  CHECK(c->millionths() == 1500000);
  CHECK(ansinh::Decimal::Parse("1_500_000")->ToString() == "1500000");
  CHECK(ansinh::RoundToUnit(ansinh::Decimal::FromMillionths(499999500000), 1, ansinh::RoundingMode::kHalfUp) == 500000);
}
