// ansinh — what-if for one household: change some of its facts, evaluate it
// again and see what changed; and, for each benefit it just misses, the
// smallest change of one fact that would make it eligible (a counterfactual),
// each one verified by evaluating the changed household.
#ifndef ANSINH_WHATIF_HPP_
#define ANSINH_WHATIF_HPP_

#include "ansinh/export.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/decision.hpp"
#include "ansinh/records.hpp"
#include "ansinh/rule_set.hpp"
#include "ansinh/value.hpp"
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

// Household `index` of `batch` as a value, read back from its columns: each
// field that has a value (given, or its schema default) with it, in the
// schema's order; unknown fields are left out, and so are fields the schema
// does not know. Evaluated again it gives the same decision (what-if starts
// from it when the household came from a file). Throws UsageError if `index`
// is out of range.
ANSINH_EXPORT Household HouseholdOf(const RecordBatch& batch, size_t index);

// One change of a household's facts: a record field and its new value.
struct FieldChange {
  std::string path;     // "income_per_capita", "members[CL-0001-02].disability"
  int32_t member = -1;  // the member (index in the household), or -1: a household field
  std::string field;    // the schema field ("disability")
  InputValue value;     // checked against the field's type; null: not given (the schema default, else unknown)
  InputValue before;    // the household's value when the change was parsed (null: not given)
};

// Parses one change, `path=value` (the CLI's `--set`), against the schema of
// `rules` and the members of `household`:
//   income_per_capita=1400000      a household field (money: 1400000, 1_400_000 or 1.400.000)
//   members[CL-0001-02].disability=severe   a member's field, by the member's id
//   birth_date=1946-05-31, merit=[martyr_relative,war_invalid] (a set; [] empty), pregnant=true,
//   area=null (unknown)
// Throws UsageError naming the field for an unknown field or member id, a
// value of the wrong type, or an enum value the schema does not list, with
// "Did you mean …?" when a close name exists. Thread-safe.
ANSINH_EXPORT FieldChange ParseChange(const RuleSet& rules, const Household& household, std::string_view text);

// `household` with `changes` applied in order (a later change of the same
// field wins). Throws UsageError for a member index out of range.
ANSINH_EXPORT Household ApplyChanges(Household household, const std::vector<FieldChange>& changes);

// One benefit whose outcome differs between the two decisions.
struct OutcomeDifference {
  int32_t member = -1;    // the member (index in the household), or -1: the household
  std::string member_id;  // empty for the household
  BenefitOutcome before;
  BenefitOutcome after;
};

// The smallest change of one fact that makes a near-miss benefit eligible,
// verified by evaluating the household with that change.
struct Counterfactual {
  enum class Kind {
    kMoney,   // a money field at a threshold: `value` is the verified amount
    kNumber,  // a whole-number field at a threshold (a count): `value` is the verified number
    kAge,    // time: the member reaches the age on `when` (no fact changes)
    kValue,  // an enum or yes/no field set to `value` (for an enum, `values`: every one that works)
  };
  Kind kind = Kind::kValue;
  int32_t member = -1;  // whom the benefit is for (index in the household), or -1
  std::string member_id;
  uint32_t benefit = 0;  // index into RuleSet::benefits()
  std::string path;      // the fact ("income_per_capita", "members[P1].disability", "members[P1].birth_date")
  InputValue value;      // kMoney, kValue: the value verified
  std::vector<std::string> values;  // kValue of an enum: all the values that make it eligible
  std::optional<When> when;         // kAge: the day or month from which it is eligible
  BenefitOutcome outcome;           // the verified outcome (eligible, with its amount)
  Label text;  // "đủ điều kiện nếu thu nhập bình quân đầu người ≤ 1.500.000 đ"
};

struct WhatIfOptions {
  // Also look for counterfactuals (one evaluation per candidate change).
  bool counterfactuals = true;
};

// What a set of changes does to one household's decision.
struct WhatIfResult {
  std::vector<FieldChange> changes;
  Household household;              // the changed household
  Decision before{DecisionView()};  // explained decisions (EvaluateOptions::explain)
  Decision after{DecisionView()};
  // Benefits whose status or amount differ, the household's first, then each member's, in order.
  std::vector<OutcomeDifference> differences;
  // For the near misses of `after` (MakeBrief at Detail::kReasons): each
  // verified change of one fact, at most one per fact and benefit.
  std::vector<Counterfactual> counterfactuals;
};

// Evaluates `household` as it is and with `changes` (each `path=value`, see
// ParseChange) on `when`, compares the two, and finds the counterfactuals of
// the changed household (with no change: of the household as it is).
// Throws UsageError for a bad change (ParseChange). Record errors are in the
// decisions (ok() == false), never thrown. Thread-safe.
//
// Example:
//   auto r = ansinh::WhatIf(rules, household, ansinh::When::Month(*ansinh::YearMonth::Parse("2026-11")),
//                           {"members[CL-0001-02].disability=none"});
//   for (const auto& d : r.differences) { ... d.before.status ... d.after.status ... }
//   std::cout << ansinh::WhatIfText(r, ansinh::Language::kVi);
ANSINH_EXPORT WhatIfResult WhatIf(const RuleSet& rules, const Household& household, const When& when,
                                  const std::vector<std::string>& changes, const WhatIfOptions& options = {});

// The result in words for a case worker or a policy officer, in `lang`: the
// changes, each difference (status and amount before → after), the totals
// before → after, and the counterfactual lines.
ANSINH_EXPORT std::string WhatIfText(const WhatIfResult& result, Language lang);

ANSINH_END_NAMESPACE

#endif  // ANSINH_WHATIF_HPP_
