// The semantics users rely on (design.md §4): three-valued logic with the
// exact missing fields, exact money, effective dates, provisional values.
#include <catch2/catch.hpp>

#include "eval/package_fixture.hpp"

using namespace ansinh;
using ansinh::testing::Find;
using ansinh::testing::TempPackage;

namespace {

Decision One(const RuleSet& rules, const Household& h, const char* date = "2024-07-01") {
  return Evaluate(rules, h, When::AsOf(*Date::Parse(date)));
}

// A household needs members (one without is a record error, R_NO_MEMBERS).
Household WithMember(const char* id) {
  Household h(id);
  h.AddMember(std::string(id) + "-1");
  return h;
}

const char* kLogic = R"Y(
benefits:
  - id: both
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - disabled: disabled
      - rural: household.area == "rural"
    amount: 100
  - id: either
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - one: disabled or household.flag
    amount: 100
  - id: negated
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - not_disabled: not disabled
    amount: 100
  - id: chosen
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - always: true
    amount: if household.flag then 100 else 100
  - id: chosen2
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - always: true
    amount: if household.flag then 100 else 200
)Y";

}  // namespace

TEST_CASE("unknown is not false: and", "[semantics][unknown]") {
  TempPackage pkg({{"rules.yaml", std::string(testing::kBaseSchema) + kLogic}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.Set("area", "urban");
  h.AddMember("P1");  // disabled unknown
  Decision d = One(rules, h);
  REQUIRE(d.ok());
  // false and unknown = false: not eligible, nothing missing.
  const std::optional<BenefitOutcome> both = Find(d, "both");
  REQUIRE(both);
  CHECK(both->status == BenefitStatus::kNotEligible);
  CHECK(d.missing(*both).empty());
  // true and unknown = unknown: undetermined, exactly the missing field.
  Household h2("H2");
  h2.Set("area", "rural");
  h2.AddMember("P1");
  Decision d2 = One(rules, h2);
  const std::optional<BenefitOutcome> both2 = Find(d2, "both");
  CHECK(both2->status == BenefitStatus::kUndetermined);
  CHECK(d2.missing(*both2) == std::vector<std::string>{"members[P1].disabled"});
  CHECK_FALSE(both2->has_amount);
}

TEST_CASE("unknown is not false: or, not, if", "[semantics][unknown]") {
  TempPackage pkg({{"rules.yaml", std::string(testing::kBaseSchema) + kLogic}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.Set("area", "urban");
  h.AddMember("P1");
  Decision d = One(rules, h);
  // unknown or unknown: both fields listed.
  const std::optional<BenefitOutcome> either = Find(d, "either");
  CHECK(either->status == BenefitStatus::kUndetermined);
  auto missing = d.missing(*either);
  std::sort(missing.begin(), missing.end());
  CHECK(missing == std::vector<std::string>{"flag", "members[P1].disabled"});
  // not unknown = unknown
  CHECK(Find(d, "negated")->status == BenefitStatus::kUndetermined);
  // if unknown then 100 else 100 = 100; with different branches: unknown.
  CHECK(Find(d, "chosen")->status == BenefitStatus::kEligible);
  CHECK(Find(d, "chosen")->amount == 100);
  CHECK(Find(d, "chosen2")->status == BenefitStatus::kUndetermined);
  CHECK(d.missing(*Find(d, "chosen2")) == std::vector<std::string>{"flag"});
  // true or unknown = true
  Household h2("H2");
  h2.Set("flag", true).Set("area", "urban");
  h2.AddMember("P1");
  Decision d2 = One(rules, h2);
  CHECK(Find(d2, "either")->status == BenefitStatus::kEligible);
  CHECK(Find(d2, "chosen2")->amount == 100);
}

TEST_CASE("aggregations propagate unknowns by Kleene rules", "[semantics][unknown]") {
  TempPackage pkg({{"rules.yaml", std::string(testing::kBaseSchema) + R"Y(
variables:
  any_disabled: {entity: household, type: bool, formula: "any(members, disabled)"}
  all_disabled: {entity: household, type: bool, formula: "all(members, disabled)"}
  n_disabled: {entity: household, type: int, formula: "count(members, disabled)"}
  n_my_children: {entity: person, type: int, formula: "count(m in household.members, m.mother_id == id)"}
benefits:
  - id: hh
    applies_to: household
    effective: {from: 2021-01-01}
    when: [{some: any_disabled}]
    amount: 1
)Y"}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.Set("area", "rural");
  h.AddMember("M").Set("disabled", true);
  h.AddMember("C1").Set("mother_id", "M");
  h.AddMember("C2").Set("mother_id", "M").Set("disabled", false);
  Decision d = One(rules, h);
  auto var = [&](const std::string& name, int member) {
    for (const auto& [info, value] : d.variables(member)) {
      if (info->name == name) return value;
    }
    FAIL("no variable " << name);
    return OutputValue{};
  };
  CHECK(var("any_disabled", -1).known);  // one true decides
  CHECK(var("any_disabled", -1).raw == 1);
  CHECK(var("all_disabled", -1).known);  // one false decides
  CHECK(var("all_disabled", -1).raw == 0);
  CHECK_FALSE(var("n_disabled", -1).known);  // C1 unknown
  CHECK(var("n_my_children", 0).raw == 2);
  CHECK(var("n_my_children", 1).raw == 0);  // C1 has no children (C2.mother_id is M)
  // Into a reused buffer: the same variables, whatever the buffer held before.
  std::vector<std::pair<const VariableInfo*, OutputValue>> buffer(7);
  buffer[0].second.text = "left over";
  for (int member : {-1, 0, 1, 2, -1}) {
    d.variables(member, &buffer);
    const auto fresh = d.variables(member);
    REQUIRE(buffer.size() == fresh.size());
    for (size_t i = 0; i < fresh.size(); ++i) {
      CHECK(buffer[i].first == fresh[i].first);
      CHECK(buffer[i].second.ToString() == fresh[i].second.ToString());
      CHECK(buffer[i].second.known == fresh[i].second.known);
      CHECK(buffer[i].second.type == fresh[i].second.type);
      CHECK(buffer[i].second.text == fresh[i].second.text);
    }
  }
  const std::optional<BenefitOutcome> hh = Find(d, "hh", -1);
  REQUIRE(hh);
  CHECK(hh->status == BenefitStatus::kEligible);
}

TEST_CASE("money is exact, rounding is declared", "[semantics][money]") {
  TempPackage pkg({{"rules.yaml", std::string(testing::kBaseSchema) + R"Y(
parameters:
  base: {type: money, values: {2021-01-01: 333333}}
benefits:
  - id: half_up
    applies_to: household
    effective: {from: 2021-01-01}
    when: [{t: true}]
    amount: 1.5 * param.base            # 499,999.5 -> 500,000
  - id: down
    applies_to: household
    effective: {from: 2021-01-01}
    rounding: {unit: 1, mode: down}
    when: [{t: true}]
    amount: 1.5 * param.base
  - id: thousands
    applies_to: household
    effective: {from: 2021-01-01}
    rounding: {unit: 1000, mode: half_even}
    when: [{t: true}]
    amount: 1.5 * param.base            # 499,999.5 -> 500,000
  - id: exact
    applies_to: household
    effective: {from: 2021-01-01}
    when: [{t: true}]
    amount: 0.1 * 3 * param.base - 0.3 * param.base    # exactly 0 (binary floats would not be)
)Y"}});
  Decision d = One(pkg.Rules(), WithMember("H"));
  CHECK(Find(d, "half_up", -1)->amount == 500000);
  CHECK(Find(d, "down", -1)->amount == 499999);
  CHECK(Find(d, "thousands", -1)->amount == 500000);
  CHECK(Find(d, "exact", -1)->amount == 0);
}

TEST_CASE("parameters and benefits as they stood on the date", "[semantics][dates]") {
  TempPackage pkg({{"rules.yaml", std::string(testing::kBaseSchema) + R"Y(
parameters:
  base:
    type: money
    values:
      2021-07-01: 360000
      2024-07-01: 500000
      2026-07-01: {value: 540000, status: provisional, reference: "reported"}
benefits:
  - id: b
    applies_to: household
    when: [{t: true}]
    amount: 1.5 * param.base
    versions:
      - effective: {from: 2021-07-01, to: 2025-06-30}
      - effective: {from: 2025-07-01}
        amount: 2 * param.base
)Y"}});
  const RuleSet rules = pkg.Rules();
  auto amount = [&](const char* date) {
    Decision d = One(rules, WithMember("H"), date);
    return *Find(d, "b", -1);  // a value: the decision dies here
  };
  CHECK(amount("2024-06-30").amount == 540000);
  CHECK(amount("2024-07-01").amount == 750000);
  CHECK(amount("2025-06-30").amount == 750000);
  CHECK(amount("2025-07-01").amount == 1000000);
  CHECK_FALSE(amount("2025-07-01").provisional);
  Decision later = One(rules, WithMember("H"), "2026-07-01");
  const std::optional<BenefitOutcome> p = Find(later, "b", -1);
  REQUIRE(p.has_value());
  CHECK(p->amount == 1080000);
  CHECK(p->provisional);
  REQUIRE(later.provisional_uses(*p).size() == 1);
  CHECK(later.provisional_uses(*p)[0].reference == "reported");
  CHECK(amount("2021-06-30").status == BenefitStatus::kNotInForce);
}

TEST_CASE("an evaluation error stays in its record and benefit", "[semantics][errors]") {
  TempPackage pkg({{"rules.yaml", std::string(testing::kBaseSchema) + R"Y(
variables:
  per_member: {entity: household, type: money, formula: "income / count(members, true)"}
benefits:
  - id: b
    applies_to: household
    effective: {from: 2021-01-01}
    when: [{low: per_member < 1000}]
    amount: 1
  - id: c
    applies_to: household
    effective: {from: 2021-01-01}
    when: [{t: true}]
    amount: 2
)Y"}});
  const RuleSet rules = pkg.Rules();
  Household empty("E");  // no members: count = 0 -> division by zero
  empty.Set("income", 100);
  RecordBatch batch(rules);
  batch.Add(empty);
  Household fine("F");
  fine.Set("income", 100);
  fine.AddMember("P");
  batch.Add(fine);
  DecisionBatch out = Evaluate(rules, batch, When::AsOf(*Date::Parse("2024-07-01")));
  REQUIRE(out.size() == 2);
  CHECK_FALSE(out[0].ok());  // R_NO_MEMBERS is a record error
  CHECK(out[1].ok());
  CHECK(Find(out[1], "b", -1)->status == BenefitStatus::kEligible);
}

TEST_CASE("a table or brackets value written as a whole null is unknown for every key", "[semantics][unknown]") {
  TempPackage pkg({{"rules.yaml", std::string(testing::kBaseSchema) + R"Y(
parameters:
  line:
    kind: table
    values:
      2021-01-01: {rural: 1500000, urban: 2000000}
      2026-07-01: null
  band:
    kind: brackets
    values:
      2021-01-01: {0: 100, 1000000: 200}
      2026-07-01: {value: null, status: provisional, reference: "reported, appendix not read"}
benefits:
  - id: low
    applies_to: household
    effective: {from: 2021-01-01}
    when:
      - low: income <= param.line[area]
    amount: param.band[income]
  - id: rural_line
    applies_to: household
    effective: {from: 2021-01-01}
    when: [{t: true}]
    amount: param.line["rural"]
)Y"}});
  const RuleSet rules = pkg.Rules();
  Household h = WithMember("H");
  h.Set("area", "urban");
  h.Set("income", int64_t{1200000});
  const Decision before = One(rules, h, "2026-06-30");
  CHECK(Find(before, "low", -1)->amount == 200);
  CHECK(Find(before, "rural_line", -1)->amount == 1500000);
  const Decision after = One(rules, h, "2026-07-01");
  const BenefitOutcome low = *Find(after, "low", -1);
  CHECK(low.status == BenefitStatus::kUndetermined);
  CHECK(after.missing(low) == std::vector<std::string>{"param.line[urban]"});
  const BenefitOutcome rural = *Find(after, "rural_line", -1);
  CHECK(rural.status == BenefitStatus::kUndetermined);
  // The condition holds on a known line: the amount's whole-null brackets are missing as a whole.
  TempPackage known({{"rules.yaml", std::string(testing::kBaseSchema) + R"Y(
parameters:
  band:
    kind: brackets
    values:
      2021-01-01: {0: 100}
      2026-07-01: null
benefits:
  - id: b
    applies_to: household
    effective: {from: 2021-01-01}
    when: [{t: true}]
    amount: param.band[income]
)Y"}});
  const Decision d = One(known.Rules(), h, "2026-07-01");
  const BenefitOutcome b = *Find(d, "b", -1);
  CHECK(b.status == BenefitStatus::kUndetermined);
  CHECK(d.missing(b) == std::vector<std::string>{"param.band"});
}
