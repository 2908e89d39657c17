// `exclusive: {among: household}` (one member of a household is paid: the
// highest amount, then `prefer`, then the member listed first; `between` limits
// who competes) and the schema's `not_encoded:` values (warning R_NOT_ENCODED).
#include <catch2/catch.hpp>

#include "ansinh/reader.hpp"
#include "eval/package_fixture.hpp"

using namespace ansinh;
using ansinh::testing::Find;
using ansinh::testing::TempPackage;

namespace {

const char* kExclusive = R"Y(
schema:
  household:
    area: {type: enum, values: [rural, urban]}
  person:
    birth_date: {type: date}
    role: {type: enum, values: [head, spouse, other]}
    level: {type: int}
variables:
  age_months: {entity: person, type: int, formula: "months_between(birth_date, as_of)"}
benefits:
  - id: care
    applies_to: person
    effective: {from: 2021-01-01}
    exclusive:
      among: household
      between: role in ["head", "spouse"]
      prefer: role == "head"
      reference: "Only one of a couple"
    when: [{l: level >= 1}]
    amount: 100 * level
  - id: young
    applies_to: person
    effective: {from: 2021-01-01}
    exclusive: {among: household}
    when: [{u: age_months < 12}]
    amount: 50
  - id: follows
    applies_to: person
    effective: {from: 2021-01-01}
    when: [{gets: receives("care")}]
    amount: 1
)Y";

Person& Add(Household& h, const std::string& id, const std::string& role, int64_t level) {
  Person& p = h.AddMember(id);
  p.Set("role", role);
  p.Set("level", level);
  p.Set("birth_date", *Date::Parse("1990-01-01"));
  return p;
}

const When kExclusiveDay = When::AsOf(*Date::Parse("2024-01-01"));

}  // namespace

TEST_CASE("exclusive: the higher amount wins, the other is superseded naming the member", "[exclusive]") {
  TempPackage pkg({{"rules.yaml", std::string(kExclusive)}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  Add(h, "A", "head", 1);
  Add(h, "B", "spouse", 2);
  const Decision d = Evaluate(rules, h, kExclusiveDay);
  REQUIRE(Find(d, "care", 1)->status == BenefitStatus::kEligible);
  CHECK(Find(d, "care", 1)->amount == 200);
  const BenefitOutcome lost = *Find(d, "care", 0);
  CHECK(lost.status == BenefitStatus::kSuperseded);
  CHECK(lost.amount == 100);
  CHECK(lost.superseded_by == rules.BenefitIndex("care"));
  CHECK(lost.superseded_by_member == 1);
  CHECK(d.reason(lost, Language::kEn).find("member B") != std::string::npos);
  CHECK(d.reason(lost, Language::kVi).find("thành viên B") != std::string::npos);
  CHECK(d.reason(lost, Language::kEn).find("Only one of a couple") != std::string::npos);
  // receives() sees the resolution: only the winner "receives" care.
  CHECK(Find(d, "follows", 0)->status == BenefitStatus::kNotEligible);
  CHECK(Find(d, "follows", 1)->status == BenefitStatus::kEligible);
  CHECK(d.total_monthly() == 200 + 1);
  const std::string json = ToJson(d);
  CHECK(json.find("\"superseded_by_member\":\"B\"") != std::string::npos);
}

TEST_CASE("exclusive: a tie goes to the preferred member, else to the one listed first", "[exclusive]") {
  TempPackage pkg({{"rules.yaml", std::string(kExclusive)}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  Add(h, "S", "spouse", 1);  // listed first, but not preferred
  Add(h, "M", "head", 1);
  const Decision d = Evaluate(rules, h, kExclusiveDay);
  CHECK(Find(d, "care", 1)->status == BenefitStatus::kEligible);
  CHECK(Find(d, "care", 0)->status == BenefitStatus::kSuperseded);
  CHECK(Find(d, "care", 0)->superseded_by_member == 1);
  // Without a preference (`young` has none) the member listed first is paid.
  Household k("K");
  for (const char* id : {"X", "Y"}) Add(k, id, "other", 0).Set("birth_date", *Date::Parse("2023-06-01"));
  const Decision e = Evaluate(rules, k, kExclusiveDay);
  CHECK(Find(e, "young", 0)->status == BenefitStatus::kEligible);
  CHECK(Find(e, "young", 1)->status == BenefitStatus::kSuperseded);
  CHECK(Find(e, "young", 1)->superseded_by_member == 0);
}

TEST_CASE("exclusive: members outside `between` do not compete", "[exclusive]") {
  TempPackage pkg({{"rules.yaml", std::string(kExclusive)}});
  Household h("H");
  Add(h, "A", "head", 1);
  Add(h, "O", "other", 3);  // not part of the couple: paid, and does not supersede the head
  const Decision d = Evaluate(pkg.Rules(), h, kExclusiveDay);
  CHECK(Find(d, "care", 0)->status == BenefitStatus::kEligible);
  CHECK(Find(d, "care", 1)->status == BenefitStatus::kEligible);
  CHECK(d.total_monthly() == 100 + 300 + 1 + 1);
}

TEST_CASE("exclusive: households do not affect each other in a batch", "[exclusive]") {
  TempPackage pkg({{"rules.yaml", std::string(kExclusive)}});
  const RuleSet rules = pkg.Rules();
  RecordBatch batch(rules);
  for (int i = 0; i < 3; ++i) {
    Household h("H" + std::to_string(i));
    Add(h, "A", "head", 1);
    Add(h, "B", "spouse", 1);
    batch.Add(h);
  }
  const DecisionBatch decisions = Evaluate(rules, batch, kExclusiveDay);
  for (size_t i = 0; i < decisions.size(); ++i) {
    const DecisionView d = decisions[i];
    CHECK(Find(d, "care", 0)->status == BenefitStatus::kEligible);
    CHECK(Find(d, "care", 1)->status == BenefitStatus::kSuperseded);
    CHECK(Find(d, "care", 1)->superseded_by_member == 0);
  }
}

TEST_CASE("exclusive: a month is resolved on the month's results", "[exclusive][months]") {
  // X is under 12 months until 2024-03-15 and Y from 2024-03-20: on no day of
  // March are both eligible, but each is eligible for the month; one is paid.
  TempPackage pkg({{"rules.yaml", std::string(kExclusive)}});
  Household h("H");
  Add(h, "X", "other", 0).Set("birth_date", *Date::Parse("2023-03-15"));
  Add(h, "Y", "other", 0).Set("birth_date", *Date::Parse("2024-03-20"));
  const Decision d = Evaluate(pkg.Rules(), h, When::Month(*YearMonth::Parse("2024-03")));
  CHECK(Find(d, "young", 0)->status == BenefitStatus::kEligible);
  CHECK(Find(d, "young", 1)->status == BenefitStatus::kSuperseded);
  CHECK(Find(d, "young", 1)->superseded_by_member == 0);
  CHECK(d.total_monthly() == 50);
}

namespace {
// The diagnostics of a package that must not load.
std::string LoadErrors(const std::string& yaml) {
  TempPackage pkg({{"rules.yaml", yaml}});
  const LoadResult r = pkg.Load();
  CHECK_FALSE(r.ok());
  return r.Format(Language::kEn);
}
}  // namespace

TEST_CASE("exclusive: the checker rejects what it cannot mean", "[exclusive][check]") {
  const std::string schema = "schema:\n  person:\n    level: {type: int}\n";
  CHECK(LoadErrors(schema + R"Y(
benefits:
  - id: hh
    applies_to: household
    effective: {from: 2021-01-01}
    exclusive: {among: household}
    amount: 1
)Y").find("needs applies_to: person") != std::string::npos);
  CHECK(LoadErrors(schema + R"Y(
groups:
  g: {policy: highest}
benefits:
  - id: grouped
    applies_to: person
    group: g
    effective: {from: 2021-01-01}
    exclusive: {among: household}
    amount: 1
)Y").find("cannot also compete in a group") != std::string::npos);
  const std::string all = LoadErrors(schema + R"Y(
benefits:
  - id: bad
    applies_to: person
    effective: {from: 2021-01-01}
    exclusive: {among: couple, prefr: level > 1}
    amount: 1
)Y");
  CHECK(all.find("'among'") != std::string::npos);  // only "household"
  CHECK(all.find("prefr") != std::string::npos);    // unknown key, with a suggestion
  CHECK(LoadErrors(schema + R"Y(
benefits:
  - id: bad
    applies_to: person
    effective: {from: 2021-01-01}
    exclusive: {among: household, prefer: level + 1}
    amount: 1
)Y").find("'prefer' of bad") != std::string::npos);  // not a bool
}

namespace {
const char* kNotEncoded = R"Y(
schema:
  person:
    kind:
      type: set
      values:
        covered: {vi: Có, en: Covered}
        missing:
          vi: Diện chưa tính
          en: Not computed
          not_encoded: {vi: cần thâm niên, en: needs seniority}
    single:
      type: enum
      values:
        x: X
        y: {vi: Y, not_encoded: {vi: chưa đọc phụ lục}}
benefits:
  - id: paid
    applies_to: person
    effective: {from: 2021-01-01}
    when: [{c: '"covered" in kind'}]
    amount: 1
)Y";
}  // namespace

TEST_CASE("not_encoded: a record naming an uncovered category gets R_NOT_ENCODED, never silence", "[not_encoded]") {
  TempPackage pkg({{"rules.yaml", std::string(kNotEncoded)}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.AddMember("P").Set("kind", std::vector<std::string>{"covered", "missing"});
  h.AddMember("Q").Set("kind", std::vector<std::string>{"covered"});
  h.members[1].Set("single", "y");
  const Decision d = Evaluate(rules, h, kExclusiveDay);
  std::vector<RecordIssue> warnings(d.warnings().begin(), d.warnings().end());
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].code == "R_NOT_ENCODED");
  CHECK(warnings[0].severity == Severity::kWarning);
  CHECK(warnings[0].field == "members[P].kind");
  CHECK(warnings[0].message_vi.find("Diện chưa tính") != std::string::npos);
  CHECK(warnings[0].message_vi.find("cần thâm niên") != std::string::npos);
  CHECK(warnings[0].message.find("needs seniority") != std::string::npos);
  CHECK(warnings[1].field == "members[Q].single");
  CHECK(warnings[1].message.find("chưa đọc phụ lục") != std::string::npos);  // no English reason: the Vietnamese one
  CHECK(Find(d, "paid", 0)->status == BenefitStatus::kEligible);  // evaluated anyway
  Household k("K");
  k.AddMember("P").Set("kind", std::vector<std::string>{"covered"});
  CHECK(Evaluate(rules, k, kExclusiveDay).warnings().size() == 0);
}

TEST_CASE("not_encoded: only on schema values, and with a reason", "[not_encoded][check]") {
  CHECK(LoadErrors(R"Y(
schema:
  person:
    level: {type: int}
variables:
  v:
    entity: person
    type: enum
    values: {a: {vi: A, not_encoded: {vi: lý do}}}
    formula: '"a"'
)Y").find("not of a variable") != std::string::npos);
  CHECK(LoadErrors(R"Y(
schema:
  person:
    kind: {type: enum, values: {a: {vi: A, not_encoded: {}}}}
)Y").find("write the reason") != std::string::npos);
}
