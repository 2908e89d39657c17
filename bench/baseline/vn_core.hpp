// vn-core baseline: the benchmark workload of issue 6 written by hand in C++17
// on typed structs. It is the yardstick for the engine (design.md §6) and the
// reference output every engine is verified against.
//
// Rules (evaluation date as_of, base level `base`):
//   R1 status = poor if income <= line[area] and deprivation_count >= 3;
//      near_poor if income <= line[area] and < 3; none otherwise.
//   R2 child_under_36_months: completed months < 36, status poor/near_poor: 1.5 x base.
//   R3 pregnant_woman: pregnant, status poor/near_poor: 1.0 x base.
//   R4 elderly (no stacking, highest wins, tie to the first):
//      elderly_poor_60: age >= 60, status poor, no pension: 1.5 x base;
//      elderly_80: age >= 80, no pension: 1.0 x base.
//   R5 disability_particularly_severe 2.0 x base; disability_severe 1.5 x base.
//   R6 meritorious: merit != none: paid flag, amount 0.
// Completed months follow Civil Code 2015 Art. 147 (a month period ending on a
// day its month lacks ends on that month's last day).
#ifndef ANSINH_BENCH_BASELINE_VN_CORE_HPP_
#define ANSINH_BENCH_BASELINE_VN_CORE_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vn_core {

enum class Area : uint8_t { kRural, kUrban };
enum class Sex : uint8_t { kMale, kFemale };
enum class Disability : uint8_t { kNone, kSevere, kParticularlySevere };
enum class Merit : uint8_t { kNone, kWarInvalid, kMartyrRelative, kResistanceAgentOrange };
enum class Status : uint8_t { kPoor, kNearPoor, kNone };

// Benefits, numbered in the byte order of their ids so that walking the bits
// of a mask upwards lists them sorted (the canonical output needs that).
enum Benefit : uint8_t {
  kChildUnder36Months = 0,
  kDisabilityParticularlySevere,
  kDisabilitySevere,
  kElderly80,
  kElderlyPoor60,
  kMeritorious,
  kPregnantWoman,
  kBenefitCount
};
const char* BenefitId(int benefit) noexcept;
const char* StatusName(Status status) noexcept;

// A calendar day as its parts (what a typed record struct would hold).
struct Ymd {
  int16_t year = 1970;
  uint8_t month = 1;
  uint8_t day = 1;
};
// Parses "YYYY-MM-DD" strictly (a real date). False otherwise.
bool ParseYmd(std::string_view text, Ymd* out) noexcept;
int DaysInMonth(int year, int month) noexcept;
// Completed calendar months from `from` to `to` (Civil Code Art. 147 clamping);
// negative when `to` is before `from`.
int MonthsBetween(Ymd from, Ymd to) noexcept;

struct Person {
  Ymd birth_date;
  Sex sex = Sex::kMale;
  bool pregnant = false;
  bool has_pension = false;
  Disability disability = Disability::kNone;
  Merit merit = Merit::kNone;
};

struct Household {
  int64_t income_per_capita = 0;  // VND/person/month
  uint32_t first_member = 0;      // index into Population::persons
  uint8_t member_count = 0;
  uint8_t deprivation_count = 0;
  Area area = Area::kRural;
};

// Households and persons as typed structs, members stored contiguously. Ids
// are kept apart: the rules never read them, only the output does.
struct Population {
  std::vector<Household> households;
  std::vector<Person> persons;
  std::vector<std::string> household_ids;
  std::vector<std::string> person_ids;
  size_t source_bytes = 0;  // size of the file it was read from
};

// The parameters in force on the evaluation date.
struct Rules {
  Ymd as_of{2026, 1, 1};
  int64_t base = 500'000;            // social assistance base level (VND/month)
  int64_t line_rural = 1'500'000;    // income poverty lines (VND/person/month)
  int64_t line_urban = 2'000'000;
  int64_t amount[kBenefitCount] = {};  // filled by Prepare()

  // Computes the benefit amounts from the base level (coefficients x base).
  void Prepare() noexcept;
};

struct HouseholdResult {
  int64_t total = 0;
  Status status = Status::kNone;
};
struct PersonResult {
  int64_t total = 0;
  uint8_t benefits = 0;  // bit b set = benefit b paid
};

struct Results {
  std::vector<HouseholdResult> households;
  std::vector<PersonResult> persons;
  // Sizes both vectors for `population` (done once, outside any timing).
  void Resize(const Population& population);
};

// Evaluates households [begin, end) of `population` into `results` (already
// sized). Thread-safe for disjoint ranges. No allocation.
void Evaluate(const Rules& rules, const Population& population, size_t begin, size_t end,
              Results* results) noexcept;

// Reads a JSON Lines file (one household per line, members inline) with
// simdjson. On a problem returns false and sets `error` ("file:line: ...").
bool ReadJsonLines(const std::string& path, Population* population, std::string* error);

// Appends the canonical form of household `index` to `out`: one line
//   <id> <status> <total>[ | <member id> <member total>[ <benefit>:<amount>]...]...
// with members in input order and benefits sorted by id.
void AppendCanonical(const Rules& rules, const Population& population, const Results& results,
                     size_t index, std::string* out);

// Runs the built-in checks (dates, hand-computed households). Prints failures
// to stderr; returns the number of failures.
int SelfTest();

}  // namespace vn_core

#endif  // ANSINH_BENCH_BASELINE_VN_CORE_HPP_
