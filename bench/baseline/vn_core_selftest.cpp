// vn-core baseline: built-in checks of the date arithmetic and of hand-computed
// households (run with --self-test; bench/run.sh --smoke runs it).
#include <cstdio>
#include <initializer_list>
#include <string>

#include "vn_core.hpp"

namespace vn_core {
namespace {

Ymd D(const char* text) {
  Ymd out;
  if (!ParseYmd(text, &out)) std::fprintf(stderr, "self-test: bad date literal %s\n", text);
  return out;
}

struct PersonSpec {
  const char* id;
  const char* birth;
  bool pregnant;
  bool has_pension;
  Disability disability;
  Merit merit;
};

void AddHousehold(Population* population, const char* id, Area area, int64_t income, int dep,
                  std::initializer_list<PersonSpec> members) {
  Household household;
  household.area = area;
  household.income_per_capita = income;
  household.deprivation_count = static_cast<uint8_t>(dep);
  household.first_member = static_cast<uint32_t>(population->persons.size());
  household.member_count = static_cast<uint8_t>(members.size());
  for (const PersonSpec& spec : members) {
    Person person;
    person.birth_date = D(spec.birth);
    person.pregnant = spec.pregnant;
    person.sex = spec.pregnant ? Sex::kFemale : Sex::kMale;
    person.has_pension = spec.has_pension;
    person.disability = spec.disability;
    person.merit = spec.merit;
    population->persons.push_back(person);
    population->person_ids.emplace_back(spec.id);
  }
  population->households.push_back(household);
  population->household_ids.emplace_back(id);
}

int CheckInt(const char* what, int got, int want) {
  if (got == want) return 0;
  std::fprintf(stderr, "self-test FAILED: %s = %d, want %d\n", what, got, want);
  return 1;
}

int CheckDates() {
  int failures = 0;
  failures += CheckInt("months 2021-02-28..2024-02-28", MonthsBetween(D("2021-02-28"), D("2024-02-28")), 36);
  failures += CheckInt("months 2021-02-28..2024-02-27", MonthsBetween(D("2021-02-28"), D("2024-02-27")), 35);
  failures += CheckInt("months 2020-02-29..2021-02-28", MonthsBetween(D("2020-02-29"), D("2021-02-28")), 12);
  failures += CheckInt("months 2020-02-29..2021-02-27", MonthsBetween(D("2020-02-29"), D("2021-02-27")), 11);
  failures += CheckInt("months 2023-01-31..2023-02-28", MonthsBetween(D("2023-01-31"), D("2023-02-28")), 1);
  failures += CheckInt("months 2023-01-31..2023-02-27", MonthsBetween(D("2023-01-31"), D("2023-02-27")), 0);
  failures += CheckInt("months 2023-01-01..2026-01-01", MonthsBetween(D("2023-01-01"), D("2026-01-01")), 36);
  failures += CheckInt("months 2023-01-02..2026-01-01", MonthsBetween(D("2023-01-02"), D("2026-01-01")), 35);
  failures += CheckInt("years 1966-01-01..2026-01-01", MonthsBetween(D("1966-01-01"), D("2026-01-01")) / 12, 60);
  failures += CheckInt("years 1966-01-02..2026-01-01", MonthsBetween(D("1966-01-02"), D("2026-01-01")) / 12, 59);
  Ymd ignored;
  failures += CheckInt("parse 2023-02-29 rejected", ParseYmd("2023-02-29", &ignored), false);
  failures += CheckInt("parse 2023-2-01 rejected", ParseYmd("2023-2-01", &ignored), false);
  return failures;
}

int CheckCanonical(const Rules& rules, const Population& population,
                   std::initializer_list<const char*> want) {
  Results results;
  results.Resize(population);
  Evaluate(rules, population, 0, population.households.size(), &results);
  int failures = 0;
  size_t index = 0;
  for (const char* line : want) {
    std::string got;
    AppendCanonical(rules, population, results, index++, &got);
    if (got != std::string(line) + "\n") {
      std::fprintf(stderr, "self-test FAILED:\n  got:  %s  want: %s\n", got.c_str(), line);
      ++failures;
    }
  }
  return failures;
}

int CheckHouseholds() {
  const Disability kNoD = Disability::kNone;
  const Merit kNoM = Merit::kNone;
  Rules rules;  // 2026-01-01, base 500,000
  rules.Prepare();
  Population population;
  AddHousehold(&population, "A", Area::kRural, 1'500'000, 3,  // at the line, 3 deprivations: poor
               {{"a1", "2023-01-02", false, false, kNoD, kNoM},     // 35 months
                {"a2", "1946-01-01", false, false, kNoD, kNoM},     // 80: both elderly, 60 wins
                {"a3", "1990-05-05", true, false, kNoD, Merit::kWarInvalid},
                {"a4", "2023-01-01", false, false, kNoD, kNoM}});   // 36 months: no
  AddHousehold(&population, "B", Area::kUrban, 2'000'001, 9,  // above the line: none
               {{"b1", "1940-06-01", false, false, Disability::kSevere, kNoM},
                {"b2", "1960-01-01", false, true, Disability::kParticularlySevere, kNoM},
                {"b3", "2024-02-29", false, false, kNoD, kNoM}});
  AddHousehold(&population, "C", Area::kUrban, 1'999'000, 2,  // near_poor
               {{"c1", "1950-03-03", false, false, kNoD, kNoM},     // 75, not poor: nothing
                {"c2", "2025-12-31", false, false, kNoD, kNoM}});
  int failures = CheckCanonical(
      rules, population,
      {"A poor 2000000 | a1 750000 child_under_36_months:750000 | a2 750000 "
       "elderly_poor_60:750000 | a3 500000 meritorious:0 pregnant_woman:500000 | a4 0",
       "B none 2250000 | b1 1250000 disability_severe:750000 elderly_80:500000 | b2 1000000 "
       "disability_particularly_severe:1000000 | b3 0",
       "C near_poor 750000 | c1 0 | c2 750000 child_under_36_months:750000"});

  // Civil Code Art. 147: born 2021-02-28 completes 36 months on 2024-02-28.
  Population child;
  AddHousehold(&child, "D", Area::kRural, 100'000, 0, {{"d1", "2021-02-28", false, false, kNoD, kNoM}});
  rules.as_of = D("2024-02-27");
  failures += CheckCanonical(rules, child, {"D near_poor 750000 | d1 750000 child_under_36_months:750000"});
  rules.as_of = D("2024-02-28");
  failures += CheckCanonical(rules, child, {"D near_poor 0 | d1 0"});
  return failures;
}

}  // namespace

int SelfTest() { return CheckDates() + CheckHouseholds(); }

}  // namespace vn_core
