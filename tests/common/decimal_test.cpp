// Exact decimals: parsing, shortest printing, rounding to a unit, grouped output.
#include <cstdint>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "ansinh/decimal.hpp"
#include "ansinh/error.hpp"
#include "common/int128.hpp"

namespace {

using ansinh::Decimal;
using ansinh::RoundingMode;
using ansinh::RoundToUnit;
using ansinh::internal::Int128;

constexpr RoundingMode kModes[] = {RoundingMode::kHalfUp, RoundingMode::kHalfEven, RoundingMode::kDown,
                                   RoundingMode::kUp};

Decimal Dec(const char* text) {
  const auto d = Decimal::Parse(text);
  INFO(text);
  REQUIRE(d.has_value());
  return *d;
}

int64_t Round(const char* text, int64_t unit, RoundingMode mode) {
  const auto r = RoundToUnit(Dec(text), unit, mode);
  REQUIRE(r.has_value());
  return *r;
}

// Oracle: the two neighbouring multiples by floor division on the signed value,
// then a choice by distance. (The library works on the magnitude instead.)
int64_t OracleRound(int64_t raw, int64_t unit, RoundingMode mode) {
  const Int128 step = static_cast<Int128>(unit) * Decimal::kScale;
  const Int128 v = raw;
  Int128 q = v / step;
  if (v % step != 0 && v < 0) --q;  // floor
  const Int128 lo = q * step, hi = lo + step;
  Int128 pick = lo;
  if (lo != v) {
    const Int128 below = v - lo, above = hi - v;
    const Int128 away = v > 0 ? hi : lo, toward = v > 0 ? lo : hi;
    switch (mode) {
      case RoundingMode::kDown: pick = toward; break;
      case RoundingMode::kUp: pick = away; break;
      case RoundingMode::kHalfUp: pick = below < above ? lo : above < below ? hi : away; break;
      case RoundingMode::kHalfEven:
        pick = below < above ? lo : above < below ? hi : ((q % 2 == 0) ? lo : hi);
        break;
    }
  }
  return static_cast<int64_t>(pick / Decimal::kScale);
}

}  // namespace

TEST_CASE("Decimal::Parse accepts signs, grouping and up to 6 decimals", "[decimal]") {
  CHECK(Dec("1.5").millionths() == 1500000);
  CHECK(Dec("1_500_000").ToString() == "1500000");
  CHECK(Dec("1_500_000").millionths() == 1500000LL * 1000000);
  CHECK(Dec("0").millionths() == 0);
  CHECK(Dec("-0").millionths() == 0);
  CHECK(Dec("+12").millionths() == 12000000);
  CHECK(Dec("-12").millionths() == -12000000);
  CHECK(Dec("0.000001").millionths() == 1);
  CHECK(Dec("-0.000001").millionths() == -1);
  CHECK(Dec("0.25").millionths() == 250000);
  CHECK(Dec("007.5").millionths() == 7500000);
  CHECK(Dec("1_000.123456").millionths() == 1000123456);
  CHECK(Dec("1.5000000000").millionths() == 1500000);  // zeros past the 6th decimal change nothing
  CHECK(Dec("2.0000000").millionths() == 2000000);
  CHECK(Dec("9223372036854.775807").millionths() == INT64_MAX);
  CHECK(Dec("-9223372036854.775807").millionths() == -INT64_MAX);
  CHECK(Dec("-9223372036854.775808").millionths() == INT64_MIN);
  CHECK(Dec("9_223_372_036_854").millionths() == 9223372036854000000);
}

TEST_CASE("Decimal::Parse rejects everything else", "[decimal]") {
  for (const char* bad :
       {"", "-", "+", ".", ".5", "5.", "-.5", "1.0000001", "1.0000000001", "0.1234567", "1e3", "0x10", "1,5",
        "1,000", " 1", "1 ", "--1", "+-1", "-+1", "1-", "_1", "1_", "1__000", "1_.5", "1._5", "1.5_0", "1.2.3",
        "abc", "1.5a", "9223372036854.775808", "-9223372036854.775809", "9223372036855", "-9223372036855",
        "99999999999999999999999999999999999999999", "١٢"}) {
    INFO('"' << bad << '"');
    CHECK_FALSE(Decimal::Parse(bad).has_value());
  }
}

TEST_CASE("Decimal::ToString is the shortest exact form and round-trips", "[decimal]") {
  CHECK(Decimal().ToString() == "0");
  CHECK(Decimal::FromMillionths(1).ToString() == "0.000001");
  CHECK(Decimal::FromMillionths(-1).ToString() == "-0.000001");
  CHECK(Decimal::FromMillionths(100000).ToString() == "0.1");
  CHECK(Decimal::FromMillionths(-250000).ToString() == "-0.25");
  CHECK(Decimal::FromMillionths(1500000).ToString() == "1.5");
  CHECK(Decimal::FromMillionths(750000000000).ToString() == "750000");
  CHECK(Decimal::FromMillionths(-3000000).ToString() == "-3");
  CHECK(Decimal::FromMillionths(10000010).ToString() == "10.00001");
  CHECK(Decimal::FromMillionths(INT64_MAX).ToString() == "9223372036854.775807");
  CHECK(Decimal::FromMillionths(INT64_MIN).ToString() == "-9223372036854.775808");
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200000; ++i) {
    int64_t raw = static_cast<int64_t>(rng());
    if (i % 4 == 1) raw %= 100000000;  // small values, many fractional digits
    if (i % 4 == 2) raw = raw / 1000 * 1000;
    const Decimal d = Decimal::FromMillionths(raw);
    const auto back = Decimal::Parse(d.ToString());
    if (!back || *back != d) FAIL("round trip of " << raw << " via " << d.ToString());
  }
  for (const int64_t raw : {INT64_MIN, INT64_MIN + 1, INT64_MAX, int64_t{0}, int64_t{-1}}) {
    CHECK(Decimal::Parse(Decimal::FromMillionths(raw).ToString()) == Decimal::FromMillionths(raw));
  }
}

TEST_CASE("Decimal integer helpers and FromInteger", "[decimal]") {
  CHECK(Dec("-1.5").integer_part() == -1);
  CHECK(Dec("1.999999").integer_part() == 1);
  CHECK(Dec("-3").is_integer());
  CHECK_FALSE(Dec("-3.000001").is_integer());
  CHECK(Decimal::FromInteger(9223372036854).millionths() == 9223372036854000000);
  CHECK(Decimal::FromInteger(-9223372036854).millionths() == -9223372036854000000);
  CHECK_THROWS_AS(Decimal::FromInteger(9223372036855), ansinh::UsageError);
  CHECK_THROWS_AS(Decimal::FromInteger(-9223372036855), ansinh::UsageError);
  CHECK_THROWS_AS(Decimal::FromInteger(INT64_MIN), ansinh::UsageError);
  CHECK(Dec("1.5") < Dec("1.500001"));
  CHECK(Dec("-2") < Dec("-1.999999"));
}

TEST_CASE("RoundToUnit: every mode, negatives, exact halves, units 1 and 1000", "[decimal][round]") {
  using M = RoundingMode;
  // value, unit, half-up, half-even, down, up
  struct Row {
    const char* value;
    int64_t unit, half_up, half_even, down, up;
  };
  const Row rows[] = {
      {"2.5", 1, 3, 2, 2, 3},          {"3.5", 1, 4, 4, 3, 4},
      {"-2.5", 1, -3, -2, -2, -3},     {"-3.5", 1, -4, -4, -3, -4},
      {"2.4", 1, 2, 2, 2, 3},          {"2.6", 1, 3, 3, 2, 3},
      {"-2.4", 1, -2, -2, -2, -3},     {"-2.6", 1, -3, -3, -2, -3},
      {"0.5", 1, 1, 0, 0, 1},          {"-0.5", 1, -1, 0, 0, -1},
      {"0.499999", 1, 0, 0, 0, 1},     {"0.500001", 1, 1, 1, 0, 1},
      {"0.000001", 1, 0, 0, 0, 1},     {"-0.000001", 1, 0, 0, 0, -1},
      {"7", 1, 7, 7, 7, 7},            {"-7", 1, -7, -7, -7, -7},
      {"0", 1, 0, 0, 0, 0},            {"499999.5", 1, 500000, 500000, 499999, 500000},
      {"1500", 1000, 2000, 2000, 1000, 2000}, {"2500", 1000, 3000, 2000, 2000, 3000},
      {"-1500", 1000, -2000, -2000, -1000, -2000}, {"-2500", 1000, -3000, -2000, -2000, -3000},
      {"2500.000001", 1000, 3000, 3000, 2000, 3000}, {"2499.999999", 1000, 2000, 2000, 2000, 3000},
      {"499.999999", 1000, 0, 0, 0, 1000},   {"500", 1000, 1000, 0, 0, 1000},
      {"750000", 1000, 750000, 750000, 750000, 750000}, {"-0.000001", 1000, 0, 0, 0, -1000},
      {"1_234_567.89", 1000, 1235000, 1235000, 1234000, 1235000},
  };
  for (const Row& r : rows) {
    INFO(r.value << " to " << r.unit);
    CHECK(Round(r.value, r.unit, M::kHalfUp) == r.half_up);
    CHECK(Round(r.value, r.unit, M::kHalfEven) == r.half_even);
    CHECK(Round(r.value, r.unit, M::kDown) == r.down);
    CHECK(Round(r.value, r.unit, M::kUp) == r.up);
  }
  // The smoke-test case: 1.5 x 333,333 = 499,999.5 rounds half up to 500,000.
  CHECK(RoundToUnit(Decimal::FromMillionths(499999500000), 1, M::kHalfUp) == 500000);
}

TEST_CASE("RoundToUnit agrees with a floor-division oracle", "[decimal][round]") {
  std::mt19937_64 rng(1500000);
  long checked = 0;
  for (const int64_t unit : {int64_t{1}, int64_t{2}, int64_t{5}, int64_t{7}, int64_t{1000}, int64_t{100000}}) {
    const int64_t step = unit * Decimal::kScale;
    for (int64_t k = -40; k <= 40; ++k) {
      for (const int64_t offset : {-step / 2 - 1, -step / 2, -step / 2 + 1, int64_t{-1}, int64_t{0}, int64_t{1},
                                   step / 2 - 1, step / 2, step / 2 + 1}) {
        const int64_t raw = k * step + offset;
        for (const RoundingMode mode : kModes) {
          ++checked;
          if (RoundToUnit(Decimal::FromMillionths(raw), unit, mode) != OracleRound(raw, unit, mode)) {
            FAIL("raw " << raw << " unit " << unit << " mode " << static_cast<int>(mode));
          }
        }
      }
    }
    for (int i = 0; i < 20000; ++i) {
      const int64_t raw = static_cast<int64_t>(rng()) >> (i % 40);
      for (const RoundingMode mode : kModes) {
        ++checked;
        if (RoundToUnit(Decimal::FromMillionths(raw), unit, mode) != OracleRound(raw, unit, mode)) {
          FAIL("raw " << raw << " unit " << unit << " mode " << static_cast<int>(mode));
        }
      }
    }
  }
  CHECK(checked > 400000);
}

// Overflow (nullopt) cannot be reached with a valid unit: |result| <= |value| + unit
// and |value| < 9.3e12, so a result above INT64_MAX needs unit > INT64_MAX - 9.3e12,
// where the value is below one unit and rounds to 0 or to the unit itself.
TEST_CASE("RoundToUnit at the range ends and with bad units", "[decimal][round]") {
  for (const RoundingMode mode : kModes) {
    CHECK_FALSE(RoundToUnit(Dec("1"), 0, mode).has_value());
    CHECK_FALSE(RoundToUnit(Dec("1"), -1000, mode).has_value());
    // The largest |value| with the largest unit: the result is a multiple of the unit that fits.
    CHECK(RoundToUnit(Decimal::FromMillionths(INT64_MAX), 1, mode) ==
          OracleRound(INT64_MAX, 1, mode));
    CHECK(RoundToUnit(Decimal::FromMillionths(INT64_MIN), 1, mode) ==
          OracleRound(INT64_MIN, 1, mode));
  }
  CHECK(RoundToUnit(Decimal::FromMillionths(INT64_MAX), 1, RoundingMode::kUp) == 9223372036855);
  CHECK(RoundToUnit(Decimal::FromMillionths(INT64_MIN), 1, RoundingMode::kUp) == -9223372036855);
  CHECK(RoundToUnit(Dec("1"), INT64_MAX, RoundingMode::kUp) == INT64_MAX);
  CHECK(RoundToUnit(Dec("-1"), INT64_MAX, RoundingMode::kUp) == -INT64_MAX);
  CHECK(RoundToUnit(Dec("1"), INT64_MAX, RoundingMode::kHalfUp) == 0);
  CHECK(RoundToUnit(Decimal::FromMillionths(INT64_MAX), INT64_MAX, RoundingMode::kDown) == 0);
}

TEST_CASE("FormatGrouped", "[decimal]") {
  using ansinh::FormatGrouped;
  CHECK(FormatGrouped(0, '.') == "0");
  CHECK(FormatGrouped(7, '.') == "7");
  CHECK(FormatGrouped(999, '.') == "999");
  CHECK(FormatGrouped(1000, '.') == "1.000");
  CHECK(FormatGrouped(1500000, '.') == "1.500.000");
  CHECK(FormatGrouped(1500000, ',') == "1,500,000");
  CHECK(FormatGrouped(100000, ',') == "100,000");
  CHECK(FormatGrouped(-1, ',') == "-1");
  CHECK(FormatGrouped(-999, '.') == "-999");
  CHECK(FormatGrouped(-1000, '.') == "-1.000");
  CHECK(FormatGrouped(-750000, ',') == "-750,000");
  CHECK(FormatGrouped(INT64_MAX, ',') == "9,223,372,036,854,775,807");
  CHECK(FormatGrouped(INT64_MIN, '.') == "-9.223.372.036.854.775.808");
  CHECK(FormatGrouped(INT64_MIN + 1, ',') == "-9,223,372,036,854,775,807");
}
