// vn-core baseline: dates, rules and the canonical output.
#include <cstdio>
#include <string>

#include "vn_core.hpp"

namespace vn_core {

const char* BenefitId(int benefit) noexcept {
  static const char* const kIds[kBenefitCount] = {
      "child_under_36_months", "disability_particularly_severe", "disability_severe",
      "elderly_80",            "elderly_poor_60",                "meritorious",
      "pregnant_woman"};
  return benefit >= 0 && benefit < kBenefitCount ? kIds[benefit] : "?";
}

const char* StatusName(Status status) noexcept {
  switch (status) {
    case Status::kPoor: return "poor";
    case Status::kNearPoor: return "near_poor";
    case Status::kNone: return "none";
  }
  return "?";
}

int DaysInMonth(int year, int month) noexcept {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

bool ParseYmd(std::string_view text, Ymd* out) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      const char c = text[starts[p] + i];
      if (c < '0' || c > '9') return false;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  if (parts[0] < 1 || parts[1] < 1 || parts[1] > 12 || parts[2] < 1 ||
      parts[2] > DaysInMonth(parts[0], parts[1])) {
    return false;
  }
  out->year = static_cast<int16_t>(parts[0]);
  out->month = static_cast<uint8_t>(parts[1]);
  out->day = static_cast<uint8_t>(parts[2]);
  return true;
}

namespace {
bool Before(Ymd a, Ymd b) noexcept {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}
}  // namespace

int MonthsBetween(Ymd from, Ymd to) noexcept {
  if (Before(to, from)) return -MonthsBetween(to, from);
  int n = (to.year - from.year) * 12 + (to.month - from.month);
  // from + n months lands in to's month on day min(from.day, last day): completed iff <= to.day.
  const int last = DaysInMonth(to.year, to.month);
  const int landing = from.day < last ? from.day : last;
  if (landing > to.day) --n;
  return n;
}

void Rules::Prepare() noexcept {
  // Coefficients in tenths of the base level.
  static const int kTenths[kBenefitCount] = {15, 20, 15, 10, 15, 0, 10};
  for (int b = 0; b < kBenefitCount; ++b) amount[b] = base * kTenths[b] / 10;
}

void Results::Resize(const Population& population) {
  households.assign(population.households.size(), HouseholdResult{});
  persons.assign(population.persons.size(), PersonResult{});
}

void Evaluate(const Rules& rules, const Population& population, size_t begin, size_t end,
              Results* results) noexcept {
  const Household* households = population.households.data();
  const Person* persons = population.persons.data();
  HouseholdResult* hout = results->households.data();
  PersonResult* pout = results->persons.data();
  const int64_t* amount = rules.amount;
  // Completed months from a birth date on or before as_of: the month difference,
  // less one if the birth day (clamped to as_of's month length) is after as_of's day.
  const Ymd as_of = rules.as_of;
  const int as_of_month_index = as_of.year * 12 + as_of.month;
  const int as_of_last_day = DaysInMonth(as_of.year, as_of.month);
  for (size_t h = begin; h < end; ++h) {
    const Household& hh = households[h];
    const int64_t line = hh.area == Area::kRural ? rules.line_rural : rules.line_urban;
    const bool low_income = hh.income_per_capita <= line;
    const Status status = !low_income                  ? Status::kNone
                          : hh.deprivation_count >= 3 ? Status::kPoor
                                                      : Status::kNearPoor;
    const bool poor = status == Status::kPoor;
    const bool poor_or_near_poor = low_income;  // status is poor or near_poor
    int64_t household_total = 0;
    const uint32_t end_member = hh.first_member + hh.member_count;
    for (uint32_t p = hh.first_member; p < end_member; ++p) {
      const Person& person = persons[p];
      const Ymd birth = person.birth_date;
      int months;
      if (!Before(as_of, birth)) {
        const int landing = birth.day < as_of_last_day ? birth.day : as_of_last_day;
        months = as_of_month_index - (birth.year * 12 + birth.month) - (landing > as_of.day);
      } else {
        months = MonthsBetween(birth, as_of);  // born after as_of (not in the generated data)
      }
      const int years = months / 12;
      unsigned mask = 0;
      int64_t total = 0;
      if (poor_or_near_poor && months < 36) mask |= 1u << kChildUnder36Months;
      if (poor_or_near_poor && person.pregnant) mask |= 1u << kPregnantWoman;
      // R4: the highest of the elderly benefits wins; a tie goes to elderly_poor_60.
      const bool e60 = years >= 60 && poor && !person.has_pension;
      const bool e80 = years >= 80 && !person.has_pension;
      if (e60 && (!e80 || amount[kElderlyPoor60] >= amount[kElderly80])) {
        mask |= 1u << kElderlyPoor60;
      } else if (e80) {
        mask |= 1u << kElderly80;
      }
      if (person.disability == Disability::kParticularlySevere) {
        mask |= 1u << kDisabilityParticularlySevere;
      } else if (person.disability == Disability::kSevere) {
        mask |= 1u << kDisabilitySevere;
      }
      if (person.merit != Merit::kNone) mask |= 1u << kMeritorious;
      for (unsigned bits = mask; bits != 0; bits &= bits - 1) {
        total += amount[__builtin_ctz(bits)];
      }
      pout[p].benefits = static_cast<uint8_t>(mask);
      pout[p].total = total;
      household_total += total;
    }
    hout[h].status = status;
    hout[h].total = household_total;
  }
}

void AppendCanonical(const Rules& rules, const Population& population, const Results& results,
                     size_t index, std::string* out) {
  const Household& hh = population.households[index];
  const HouseholdResult& hr = results.households[index];
  out->append(population.household_ids[index]);
  out->push_back(' ');
  out->append(StatusName(hr.status));
  out->push_back(' ');
  out->append(std::to_string(hr.total));
  for (uint32_t p = hh.first_member; p < hh.first_member + hh.member_count; ++p) {
    const PersonResult& pr = results.persons[p];
    out->append(" | ");
    out->append(population.person_ids[p]);
    out->push_back(' ');
    out->append(std::to_string(pr.total));
    for (int b = 0; b < kBenefitCount; ++b) {
      if ((pr.benefits >> b & 1u) == 0) continue;
      out->push_back(' ');
      out->append(BenefitId(b));
      out->push_back(':');
      out->append(std::to_string(rules.amount[b]));
    }
  }
  out->push_back('\n');
}

}  // namespace vn_core
