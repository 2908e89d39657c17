// The public C++ API as a developer meets it (issue 13, point 2): no back doors
// into internal types, fixed diagnostic code values, the conveniences of
// Household::Set, an outcome's benefit id and label, and strict records.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <type_traits>

#include "ansinh/decision.hpp"
#include "ansinh/diagnostic.hpp"
#include "ansinh/error.hpp"
#include "ansinh/reader.hpp"
#include "eval/package_fixture.hpp"

using namespace ansinh;
using ansinh::testing::Find;
using ansinh::testing::TempPackage;

namespace {

// Detects a callable `impl()` / `data()` member (private members do not count:
// access is checked during substitution).
template <typename T, typename = void>
struct HasImpl : std::false_type {};
template <typename T>
struct HasImpl<T, std::void_t<decltype(std::declval<const T&>().impl())>> : std::true_type {};
template <typename T, typename = void>
struct HasData : std::false_type {};
template <typename T>
struct HasData<T, std::void_t<decltype(std::declval<T&>().data())>> : std::true_type {};

static_assert(!HasImpl<RuleSet>::value, "RuleSet exposes impl()");
static_assert(!HasData<RecordBatch>::value, "RecordBatch exposes data()");
static_assert(!HasData<DecisionBatch>::value, "DecisionBatch exposes data()");
static_assert(!std::is_constructible_v<RuleSet, std::nullptr_t>, "RuleSet has a public internal constructor");
static_assert(!std::is_constructible_v<DecisionBatch, std::nullptr_t>, "DecisionBatch has a public internal constructor");
static_assert(!std::is_constructible_v<DecisionView, std::nullptr_t, size_t>, "DecisionView has a public internal constructor");

const char* kApiRules = R"Y(
schema:
  household:
    area: {type: enum, values: [rural, urban], label: {vi: Khu vực, en: Area}}
    income: {type: money}
    tags: {type: set, values: [a, b, c]}
    count: {type: int}
  person:
    age: {type: int}
benefits:
  - id: tagged
    label: {vi: Hộ có nhãn a, en: Household tagged a}
    applies_to: household
    effective: {from: 2021-01-01}
    when:
      - name: has_a
        test: '"a" in tags'
    amount: income
)Y";

const When kJuly = When::AsOf(Date::FromYmd(2024, 7, 1));

}  // namespace

TEST_CASE("diagnostic codes keep their numbers", "[api]") {
  CHECK(static_cast<int>(DiagnosticCode::kFileRead) == 0);
  CHECK(static_cast<int>(DiagnosticCode::kDuplicateKey) == 3);
  CHECK(static_cast<int>(DiagnosticCode::kLimit) == 14);
  CHECK(static_cast<int>(DiagnosticCode::kExprSyntax) == 26);
  CHECK(static_cast<int>(DiagnosticCode::kTestInvalid) == 34);
  CHECK(static_cast<int>(DiagnosticCode::kShadowedName) == 37);
  CHECK(CodeName(DiagnosticCode::kShadowedName) == "W_SHADOWED_NAME");
}

TEST_CASE("Set takes a braced list as a set value", "[api]") {
  TempPackage pkg({{"rules.yaml", std::string(kApiRules)}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.Set("area", "rural").Set("income", 500'000).Set("tags", {"a", "c"});
  h.AddMember("P1").Set("age", 40);
  REQUIRE(h.Get("tags")->kind() == InputValue::Kind::kList);
  CHECK(h.Get("tags")->as_list() == std::vector<std::string>{"a", "c"});
  const Decision d = Evaluate(rules, h, kJuly);
  REQUIRE(d.ok());
  const std::optional<BenefitOutcome> o = Find(d, "tagged", -1);
  REQUIRE(o);
  CHECK(o->status == BenefitStatus::kEligible);

  h.Set("tags", {});  // the empty set, not "not given"
  REQUIRE(h.Get("tags")->kind() == InputValue::Kind::kList);
  CHECK(h.Get("tags")->as_list().empty());
  const Decision none = Evaluate(rules, h, kJuly);
  CHECK(Find(none, "tagged", -1)->status == BenefitStatus::kNotEligible);
}

TEST_CASE("Set takes unsigned integers, and doubles that are whole đồng", "[api]") {
  CHECK(InputValue(uint64_t{1'500'000}).as_int() == 1'500'000);
  CHECK(InputValue(size_t{7}).kind() == InputValue::Kind::kInt);
  CHECK(InputValue(3u).as_int() == 3);
  CHECK(InputValue(uint64_t{std::numeric_limits<int64_t>::max()}).as_int() == std::numeric_limits<int64_t>::max());
  CHECK_THROWS_AS(InputValue(uint64_t{std::numeric_limits<int64_t>::max()} + 1), UsageError);

  CHECK(InputValue(1'500'000.0).kind() == InputValue::Kind::kInt);
  CHECK(InputValue(1'500'000.0).as_int() == 1'500'000);
  CHECK(InputValue(-2.0).as_int() == -2);
  CHECK_THROWS_WITH(InputValue(1.5), Catch::Contains("not a whole number of đồng"));
  CHECK_THROWS_AS(InputValue(std::nan("")), UsageError);
  CHECK_THROWS_AS(InputValue(1e300), UsageError);

  TempPackage pkg({{"rules.yaml", std::string(kApiRules)}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.Set("income", 750'000.0).Set("count", uint32_t{2}).Set("tags", {"a"});
  h.AddMember("P1").Set("age", size_t{40});
  const Decision d = Evaluate(rules, h, kJuly);
  REQUIRE(d.ok());
  CHECK(Find(d, "tagged", -1)->amount == 750'000);
}

TEST_CASE("an outcome gives its benefit's id and label", "[api]") {
  TempPackage pkg({{"rules.yaml", std::string(kApiRules)}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.Set("income", 1).Set("tags", {"a"});
  h.AddMember("P1");
  const Decision d = Evaluate(rules, h, kJuly);
  REQUIRE(d.benefits().size() == 1);
  const BenefitOutcome o = d.benefits()[0];
  CHECK(o.benefit_id() == "tagged");
  CHECK(o.label(Language::kVi) == "Hộ có nhãn a");
  CHECK(o.label(Language::kEn) == "Household tagged a");
  CHECK(&o.label() == &rules.benefits()[o.benefit].label);
  const BenefitOutcome blank;
  CHECK(blank.benefit_id().empty());
  CHECK(blank.label(Language::kVi).empty());
}

TEST_CASE("copies of a rule set compare equal, other loads do not", "[api]") {
  TempPackage pkg({{"rules.yaml", std::string(kApiRules)}});
  const RuleSet a = pkg.Rules();
  const RuleSet copy = a;
  const RuleSet other = pkg.Rules();
  CHECK(a == copy);
  CHECK(a != other);
}

TEST_CASE("strict records make an unknown field an error", "[api]") {
  TempPackage pkg({{"rules.yaml", std::string(kApiRules)}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.Set("tags", {"a"}).Set("incme", 5);
  h.AddMember("P1");

  RecordBatch batch(rules);
  batch.Add(h);
  RecordOptions strict;
  strict.strict = true;
  batch.Add(h, {}, strict);
  REQUIRE(batch.issues(0).size() == 1);
  CHECK(batch.issues(0)[0].code == "R_UNKNOWN_FIELD");
  CHECK(batch.issues(0)[0].severity == Severity::kWarning);
  REQUIRE(batch.issues(1).size() == 1);
  CHECK(batch.issues(1)[0].severity == Severity::kError);
  const DecisionBatch decisions = Evaluate(rules, batch, kJuly);
  CHECK(decisions[0].ok());
  CHECK_FALSE(decisions[1].ok());

  RecordBatch built(rules);
  {
    RecordBuilder b(built, strict);
    b.BeginHousehold();
    b.SetText(Entity::kHousehold, RecordBuilder::kId, "H");
    b.UnknownField(Entity::kHousehold, "incme");
    b.BeginPerson();
    b.SetText(Entity::kPerson, RecordBuilder::kId, "P1");
    b.EndPerson();
    b.EndHousehold();
  }
  REQUIRE(built.issues(0).size() == 1);
  CHECK(built.issues(0)[0].severity == Severity::kError);

  // The file readers take the same option (ReadOptions extends RecordOptions).
  const std::string path = pkg.path() + "/records.jsonl";
  std::ofstream(path) << R"({"id": "H", "incme": 5, "members": [{"id": "P1"}]})" << "\n";
  ReadOptions read;
  CHECK(ReadAll(rules, {path}, read).issues(0)[0].severity == Severity::kWarning);
  read.strict = true;
  CHECK(ReadAll(rules, {path}, read).issues(0)[0].severity == Severity::kError);
}

TEST_CASE("round(x, unit) rounds half up to the unit, as RoundToUnit does", "[api][round]") {
  TempPackage pkg({{"rules.yaml", std::string(R"Y(
schema:
  household:
    income: {type: money}
  person:
    age: {type: int}
benefits:
  - id: rounded
    applies_to: household
    effective: {from: 2021-01-01}
    when:
      - name: any
        test: income >= 0
    amount: round(income * 1.5, 1000)
)Y")}});
  const RuleSet rules = pkg.Rules();
  auto amount = [&](int64_t income) {
    Household h("H");
    h.Set("income", income);
    h.AddMember("P1");
    const Decision d = Evaluate(rules, h, kJuly);
    REQUIRE(d.ok());
    const int64_t got = Find(d, "rounded", -1)->amount;
    CHECK(got == *RoundToUnit(Decimal::FromMillionths(income * 1'500'000), 1000, RoundingMode::kHalfUp));
    return got;
  };
  CHECK(amount(1000) == 2000);  // 1,500: half up
  CHECK(amount(999) == 1000);   // 1,498.5
  CHECK(amount(333) == 0);      // 499.5
  CHECK(amount(1001) == 2000);  // 1,501.5
}
