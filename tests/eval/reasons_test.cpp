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
