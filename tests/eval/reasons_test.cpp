// One-line reasons (design.md §4, "why not"): the first failing condition with
// the values compared, in words a case worker reads — labels, not codes.
#include <catch2/catch.hpp>

#include "eval/package_fixture.hpp"

using namespace ansinh;
using ansinh::testing::Find;
using ansinh::testing::TempPackage;

namespace {

const char* kReasonsRules = R"Y(
schema:
  household:
    area:
      type: enum
      values: {rural: {vi: Nông thôn, en: Rural}, urban: {vi: Thành thị, en: Urban}}
      label: {vi: Khu vực, en: Area}
  person:
    disability:
      type: enum
      values:
        none: {vi: Không khuyết tật, en: No disability}
        severe: {vi: Nặng, en: Severe}
        particularly_severe: {vi: Đặc biệt nặng, en: Particularly severe}
      label: {vi: Mức độ khuyết tật, en: Disability level}
    merit:
      type: set
      values:
        war_invalid: {vi: Thương binh, en: War invalid}
        martyr_relative: {vi: Thân nhân liệt sĩ, en: Relative of a martyr}
      label: {vi: Diện người có công, en: Merit}
    children: {type: int, label: {vi: Số con, en: Children}}
benefits:
  - id: disability
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - name: severe
        label: {vi: Khuyết tật nặng, en: Severely disabled}
        test: disability in ["severe", "particularly_severe"]
    amount: 100
  - id: not_rural
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - name: urban_only
        label: {vi: Ở thành thị, en: Urban}
        test: household.area not in ["rural"]
    amount: 100
  - id: invalid
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - name: invalid
        label: {vi: Là thương binh, en: War invalid}
        test: '"war_invalid" in merit'
    amount: 100
  - id: children
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - name: two
        label: {vi: Có từ 2 con, en: Two children or more}
        test: children >= 2
    amount: 100
)Y";

}  // namespace

TEST_CASE("reasons name the values compared, by their labels", "[reasons]") {
  TempPackage pkg({{"rules.yaml", std::string(kReasonsRules)}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.Set("area", "rural");
  Person& p = h.AddMember("P1");
  p.Set("disability", "none");
  p.Set("merit", std::vector<std::string>{"martyr_relative"});
  p.Set("children", int64_t{1});
  const Decision d = Evaluate(rules, h, When::AsOf(*Date::Parse("2024-07-01")));
  REQUIRE(d.ok());
  auto reason = [&](const char* id, Language lang) {
    const std::optional<BenefitOutcome> o = Find(d, id);
    REQUIRE(o);
    CHECK(o->status == BenefitStatus::kNotEligible);
    return d.reason(*o, lang);
  };
  CHECK(reason("disability", Language::kVi) ==
        "Không đủ điều kiện: Khuyết tật nặng (Mức độ khuyết tật là Không khuyết tật, không thuộc Nặng, Đặc biệt nặng)");
  CHECK(reason("disability", Language::kEn) ==
        "Not eligible: Severely disabled (Disability level is No disability, not one of Severe, Particularly severe)");
  CHECK(reason("not_rural", Language::kEn) == "Not eligible: Urban (Area is Rural, one of Rural)");
  CHECK(reason("invalid", Language::kVi) ==
        "Không đủ điều kiện: Là thương binh (Diện người có công là Thân nhân liệt sĩ, không gồm Thương binh)");
  CHECK(reason("invalid", Language::kEn) ==
        "Not eligible: War invalid (Merit is Relative of a martyr, which does not include War invalid)");
  CHECK(reason("children", Language::kVi) == "Không đủ điều kiện: Có từ 2 con (Số con 1 < 2)");
}

// A number is written in the unit its field or parameter declares: money "đ",
// percent "%", months/years/count a plain number (with the unit's word), even
// for a parameter that leaves `type` at its default (money).
TEST_CASE("reasons write numbers in their declared unit", "[reasons][units]") {
  TempPackage pkg({{"rules.yaml", std::string(R"Y(
schema:
  household:
    members_count: {type: int, unit: count, label: {vi: Số người, en: Members}}
    income: {type: money, unit: VND/month, label: {vi: Thu nhập, en: Income}}
  person:
    insured_months: {type: int, unit: months, label: {vi: Thời gian đóng, en: Contributions}}
    injury_rate: {type: int, unit: percent, label: {vi: Tỷ lệ tổn thương, en: Injury rate}}
    children: {type: int, label: {vi: Số con, en: Children}}
parameters:
  min_members:
    label: {vi: Số người tối thiểu, en: Minimum members}
    unit: count
    values: {2021-01-01: 3}
  min_months:
    label: {vi: Thời gian tối thiểu, en: Minimum period}
    type: int
    unit: months
    values: {2021-01-01: 6}
  min_children:
    label: {vi: Số con tối thiểu, en: Minimum children}
    values: {2021-01-01: 2}
  income_line:
    label: {vi: Chuẩn, en: Line}
    unit: VND/month
    values: {2021-01-01: 1500000}
benefits:
  - id: big_household
    applies_to: household
    effective: {from: 2021-01-01}
    when:
      - big: members_count >= param.min_members
    amount: 100
  - id: insured
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - long: insured_months >= param.min_months
    amount: 100
  - id: injured
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - rate: injury_rate >= 61
    amount: 100
  - id: many_children
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - many: children >= param.min_children
    amount: 100
  - id: poor
    applies_to: household
    effective: {from: 2021-01-01}
    when:
      - low: income <= param.income_line
    amount: 100
)Y")}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.Set("members_count", int64_t{1});
  h.Set("income", int64_t{2000000});
  Person& p = h.AddMember("P1");
  p.Set("insured_months", int64_t{4});
  p.Set("injury_rate", int64_t{41});
  p.Set("children", int64_t{1});
  const Decision d = Evaluate(rules, h, When::AsOf(*Date::Parse("2024-07-01")));
  REQUIRE(d.ok());
  auto reason = [&](const char* id, Language lang) {
    const bool household = std::string(id) == "big_household" || std::string(id) == "poor";
    const std::optional<BenefitOutcome> o = Find(d, id, household ? -1 : 0);
    REQUIRE(o);
    CHECK(o->status == BenefitStatus::kNotEligible);
    return d.reason(*o, lang);
  };
  // A whole number compared with a parameter left at type money: neither side is money.
  CHECK(reason("big_household", Language::kVi) == "Không đủ điều kiện: big (Số người 1 < Số người tối thiểu 3)");
  CHECK(reason("big_household", Language::kEn) == "Not eligible: big (Members 1 < Minimum members 3)");
  CHECK(reason("insured", Language::kVi) ==
        "Không đủ điều kiện: long (Thời gian đóng 4 tháng < Thời gian tối thiểu 6 tháng)");
  CHECK(reason("insured", Language::kEn) == "Not eligible: long (Contributions 4 months < Minimum period 6 months)");
  // Neither unit nor type: a money-typed parameter compared with a whole number is a count.
  CHECK(reason("many_children", Language::kVi) == "Không đủ điều kiện: many (Số con 1 < Số con tối thiểu 2)");
  CHECK(reason("injured", Language::kVi) == "Không đủ điều kiện: rate (Tỷ lệ tổn thương 41% < 61%)");
  CHECK(reason("poor", Language::kVi) == "Không đủ điều kiện: low (Thu nhập 2.000.000 đ > Chuẩn 1.500.000 đ)");
  CHECK(reason("poor", Language::kEn) == "Not eligible: low (Income 2,000,000 VND > Line 1,500,000 VND)");

  // The explanation writes each value read in its unit too.
  EvaluateOptions options;
  options.explain = true;
  const Decision traced = Evaluate(rules, h, When::AsOf(*Date::Parse("2024-07-01")), options);
  const std::string text = ToText(traced, Language::kVi, /*explain=*/true);
  CHECK(text.find("Số người tối thiểu (param.min_members) = 3  —") != std::string::npos);
  CHECK(text.find("Thời gian tối thiểu (param.min_months) = 6 tháng") != std::string::npos);
  CHECK(text.find("Tỷ lệ tổn thương (injury_rate) = 41%") != std::string::npos);
  CHECK(text.find("Chuẩn (param.income_line) = 1.500.000 đ") != std::string::npos);
  CHECK(text.find(" 3 đ") == std::string::npos);
  const std::optional<BenefitOutcome> big = Find(traced, "big_household", -1);
  REQUIRE(big);
  const std::optional<Explanation> x = traced.explanation(*big);
  REQUIRE(x);
  REQUIRE(x->conditions.size() == 1);
  bool saw_param = false;
  for (const ExplainedRead& r : x->conditions[0].reads) {
    if (r.name.find("min_members") != std::string::npos) {
      saw_param = true;
      CHECK(r.unit == "count");
    }
  }
  CHECK(saw_param);
  // The decision's JSON gives each figure read with its declared unit (none: no key).
  JsonOptions json;
  json.explain = true;
  const std::string doc = ToJson(traced, json);
  CHECK(doc.find("\"name\":\"param.min_months\",\"value\":6,\"unit\":\"months\"") != std::string::npos);
  CHECK(doc.find("\"name\":\"param.min_members\",\"value\":3,\"unit\":\"count\"") != std::string::npos);
  CHECK(doc.find("\"value\":41,\"unit\":\"percent\"") != std::string::npos);
  CHECK(doc.find("\"name\":\"children\",\"value\":1}") != std::string::npos);
}
