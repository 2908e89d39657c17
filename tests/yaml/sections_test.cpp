// The sections of a rule file, read into the model.
#include <catch2/catch.hpp>

#include "yaml_test_util.hpp"

namespace ansinh {
namespace {

using testing::Codes;
using testing::Load;
using testing::TempDir;

model::LoadedTree LoadRules(TempDir& dir, const std::string& rules, const std::string& header = "id: p\n") {
  dir.Write("package.yaml", header);
  dir.Write("rules.yaml", rules);
  return Load(dir.str());
}

TEST_CASE("package.yaml keys", "[yaml][sections]") {
  TempDir dir;
  const model::LoadedTree tree =
      LoadRules(dir, "", "id: vn.national_2026\nname: Quốc gia\nversion: 2026.11\nlanguage: en\nmonth_rule: first_day\n");
  INFO(Format(tree.diagnostics));
  REQUIRE(tree.ok);
  const model::PackageMeta& m = tree.package.packages[0];
  CHECK(m.id == "vn.national_2026");
  CHECK(m.name.vi == "Quốc gia");
  CHECK(m.version == "2026.11");
  CHECK(m.language == Language::kEn);
  CHECK(m.month_rule == std::optional<model::MonthRule>(model::MonthRule::kFirstDay));
  CHECK(m.dir == dir.str());
  CHECK(m.loc.line == 1);
  CHECK(m.loc.column == 5);
}

TEST_CASE("schema: enum values as a list or with labels, defaults", "[yaml][sections]") {
  TempDir dir;
  const model::LoadedTree tree = LoadRules(dir, R"y(schema:
  household:
    area:
      type: enum
      values: {rural: {vi: Nông thôn, en: Rural}, urban: Thành thị}
      label: Khu vực
      default: rural
      description: {en: Where the household lives}
    deprivations: {type: set, values: [water, sanitation], default: [water]}
  person:
    pension_amount: {type: money, unit: VND/month, default: 0}
    note: {type: string, default: ~}
)y");
  INFO(Format(tree.diagnostics));
  REQUIRE(tree.ok);
  const std::vector<model::FieldDef>& f = tree.package.fields;
  REQUIRE(f.size() == 4);
  CHECK(f[0].entity == Entity::kHousehold);
  CHECK(f[0].type == ValueType::kEnum);
  CHECK(f[0].values == std::vector<std::string>{"rural", "urban"});
  CHECK(f[0].value_labels[0].en == "Rural");
  CHECK(f[0].value_labels[1].vi == "Thành thị");
  CHECK(f[0].label.vi == "Khu vực");
  CHECK(f[0].description.en == "Where the household lives");
  CHECK(f[0].default_input->as_text() == "rural");
  CHECK(f[0].default_loc.line == 7);
  CHECK(f[0].default_loc.column == 16);
  CHECK(f[0].loc.line == 3);
  CHECK(f[1].type == ValueType::kSet);
  CHECK(f[1].default_input->as_list() == std::vector<std::string>{"water"});
  CHECK(f[2].entity == Entity::kPerson);
  CHECK(f[2].unit == "VND/month");
  CHECK(f[2].default_input->as_int() == 0);
  CHECK_FALSE(f[3].default_input.has_value());  // `default: ~` is no default
}

TEST_CASE("schema: built-in names are refused", "[yaml][sections]") {
  TempDir dir;
  CHECK(Codes(LoadRules(dir, "schema:\n  household:\n    id: {type: string}\n    members: {type: int}\n")) ==
        "E_BAD_IDENTIFIER E_BAD_IDENTIFIER");
}

TEST_CASE("parameters: scalar, table and brackets steps", "[yaml][sections]") {
  TempDir dir;
  const model::LoadedTree tree = LoadRules(dir, R"y(parameters:
  base:
    label: {vi: Mức chuẩn, en: Base}
    unit: VND/month
    reference: "ND 20/2021"
    month_rule: first_day
    values:
      2026-07-01:
        value: ~
        reference: "ND 335/2026 (reported)"
        status: provisional
        note: "Sources disagree"
      2021-07-01: 360000
      2024-07-01: {value: 500000, reference: "ND 76/2024"}
  poverty_line:
    kind: table
    values:
      2022-01-01:
        value: {rural: 1500000, urban: ~}
        reference: "ND 07/2021"
      2026-01-01: {rural: 2000000, urban: 2500000}
  injury_allowance:
    kind: brackets
    type: int
    values:
      2024-07-01: {81: 7240000, 21: 1878000, 100: 8941000, 22.5: 1966000}
  rate:
    type: decimal
    values: {2021-01-01: 0.045}
)y");
  INFO(Format(tree.diagnostics));
  REQUIRE(tree.ok);
  const std::vector<model::ParamDef>& p = tree.package.parameters;
  REQUIRE(p.size() == 4);
  CHECK(p[0].type == ValueType::kMoney);
  CHECK(p[0].kind == model::ParamKind::kScalar);
  CHECK(p[0].month_rule == std::optional<model::MonthRule>(model::MonthRule::kFirstDay));
  REQUIRE(p[0].steps.size() == 3);  // sorted by date
  CHECK(p[0].steps[0].from == Date::FromYmd(2021, 7, 1));
  CHECK(p[0].steps[0].scalar == Decimal::FromInteger(360000));
  CHECK(p[0].steps[0].reference == "ND 20/2021");
  CHECK(p[0].steps[0].loc.line == 13);
  CHECK(p[0].steps[1].reference == "ND 76/2024");
  CHECK_FALSE(p[0].steps[2].scalar.has_value());
  CHECK(p[0].steps[2].provisional);
  CHECK(p[0].steps[2].note == "Sources disagree");

  CHECK(p[1].kind == model::ParamKind::kTable);
  REQUIRE(p[1].steps.size() == 2);
  REQUIRE(p[1].steps[0].cells.size() == 2);
  CHECK(p[1].steps[0].cells[0].key == "rural");
  CHECK(p[1].steps[0].cells[0].value == Decimal::FromInteger(1500000));
  CHECK_FALSE(p[1].steps[0].cells[1].value.has_value());
  CHECK(p[1].steps[1].cells[1].value == Decimal::FromInteger(2500000));
  CHECK(p[1].steps[1].reference.empty());

  CHECK(p[2].kind == model::ParamKind::kBrackets);
  CHECK(p[2].type == ValueType::kInt);
  std::vector<std::string> keys;
  for (const model::ParamCell& c : p[2].steps[0].cells) keys.push_back(c.key);
  CHECK(keys == std::vector<std::string>{"21", "22.5", "81", "100"});
  CHECK(p[2].steps[0].cells[1].bound == *Decimal::Parse("22.5"));

  CHECK(p[3].steps[0].scalar == *Decimal::Parse("0.045"));
}

TEST_CASE("parameters: mistakes", "[yaml][sections]") {
  TempDir dir;
  auto codes = [&](const std::string& rules) { return Codes(LoadRules(dir, "parameters:\n" + rules)); };
  CHECK(codes("  p: {label: x}\n") == "E_MISSING_KEY");
  CHECK(codes("  p: {values: {}}\n") == "E_BAD_VALUE");
  CHECK(codes("  p: {values: {2021-07-01: {rural: 1}}}\n") == "E_WRONG_TYPE");
  CHECK(codes("  p: {values: {2021-07-01: {reference: x}}}\n") == "E_MISSING_KEY");
  CHECK(codes("  p: {kind: table, values: {2021-07-01: 5}}\n") == "E_WRONG_TYPE");
  CHECK(codes("  p: {kind: brackets, values: {2021-07-01: {low: 5}}}\n") == "E_BAD_NUMBER");
  CHECK(codes("  p: {kind: brackets, values: {2021-07-01: {1: 5, 1.0: 6}}}\n") == "E_DUPLICATE_KEY");
  CHECK(codes("  p: {kind: grid, values: {2021-07-01: 5}}\n") == "E_BAD_VALUE");
  CHECK(codes("  p: {type: int, values: {2021-07-01: 1.5}}\n") == "E_BAD_NUMBER");
  CHECK(codes("  p: {values: {2021-07-01: {value: 1, status: draft}}}\n") == "E_BAD_VALUE");
}

TEST_CASE("variables", "[yaml][sections]") {
  TempDir dir;
  const model::LoadedTree tree = LoadRules(dir, R"y(variables:
  poverty_status:
    entity: household
    type: enum
    values: [poor, near_poor, none]
    reference: "ND 07/2021"
    formula: |
      if income_per_capita <= param.poverty_line[area] then "poor"
      else "none"
)y");
  INFO(Format(tree.diagnostics));
  REQUIRE(tree.ok);
  const model::VariableDef& v = tree.package.variables.at(0);
  CHECK(v.entity == Entity::kHousehold);
  CHECK(v.values.size() == 3);
  CHECK(v.reference == "ND 07/2021");
  CHECK(v.formula.text == "if income_per_capita <= param.poverty_line[area] then \"poor\"\nelse \"none\"\n");
  CHECK(v.formula.At(61).line == 9);  // "else", on the block's 2nd line
  CHECK(v.formula.At(61).column == 7);
  CHECK(v.formula.At(63).column == 9);
  CHECK(Codes(LoadRules(dir, "variables:\n  v: {type: int, entity: family, formula: 1}\n")) == "E_BAD_VALUE");
}

TEST_CASE("benefits: versions take what they leave out from the benefit", "[yaml][sections]") {
  TempDir dir;
  const model::LoadedTree tree = LoadRules(dir, R"y(benefits:
  - id: sa_elderly_80
    label: {vi: Người cao tuổi, en: Elderly}
    reference: "ND 20/2021, Art. 5.5"
    applies_to: person
    group: social_allowance
    unit: percent
    frequency: once
    rounding: {unit: 1000, mode: half_even}
    month_rule: last_day
    when:
      - aged_80: age_years >= 80
      - name: no_pension
        label: {vi: Không có lương hưu, en: No pension}
        test: pension_amount == 0
    amount: 1.0 * param.base
    versions:
      - effective: {from: 2025-07-01}
        reference: "ND 176/2025"
        amount: 1.2 * param.base
      - effective: {from: 2021-07-01, to: 2025-06-30}
        when:
          - aged_80: age_years >= 80
  - id: single_parent
    applies_to: person
    adds_to: social_allowance
    effective: {from: 2021-07-01}
    amount: 500000
)y");
  INFO(Format(tree.diagnostics));
  REQUIRE(tree.ok);
  REQUIRE(tree.package.benefits.size() == 2);
  const model::BenefitDef& b = tree.package.benefits[0];
  CHECK(b.label.en == "Elderly");
  CHECK(b.group == "social_allowance");
  CHECK_FALSE(b.adds_to_group);
  CHECK(b.group_loc.line == 6);
  CHECK(b.unit == BenefitUnit::kPercent);
  CHECK(b.frequency == Frequency::kOnce);
  CHECK(b.rounding.unit == 1000);
  CHECK(b.rounding.mode == RoundingMode::kHalfEven);
  CHECK(b.month_rule == std::optional<model::MonthRule>(model::MonthRule::kLastDay));
  CHECK(b.loc.line == 2);
  REQUIRE(b.versions.size() == 2);  // sorted by start
  const model::BenefitVersion& v1 = b.versions[0];
  CHECK(v1.from == Date::FromYmd(2021, 7, 1));
  CHECK(v1.to == std::optional<Date>(Date::FromYmd(2025, 6, 30)));
  CHECK(v1.reference == "ND 20/2021, Art. 5.5");
  REQUIRE(v1.when.size() == 1);
  CHECK(v1.amount.text == "1.0 * param.base");
  CHECK(v1.loc.line == 21);
  const model::BenefitVersion& v2 = b.versions[1];
  CHECK_FALSE(v2.to.has_value());
  CHECK(v2.reference == "ND 176/2025");
  CHECK(v2.amount.text == "1.2 * param.base");
  REQUIRE(v2.when.size() == 2);
  CHECK(v2.when[1].name == "no_pension");
  CHECK(v2.when[1].label.en == "No pension");
  CHECK(v2.when[1].test.text == "pension_amount == 0");
  CHECK(v2.when[1].loc.line == 13);
  CHECK(v2.when[1].test.At(0).line == 15);
  CHECK(v2.when[1].test.At(0).column == 15);
  const model::BenefitDef& s = tree.package.benefits[1];
  CHECK(s.adds_to_group);
  CHECK(s.group == "social_allowance");
  CHECK(s.applies_to == Entity::kPerson);
  REQUIRE(s.versions.size() == 1);
  CHECK(s.versions[0].loc.line == 27);  // a benefit without `versions`: its `effective` key
  CHECK(s.versions[0].loc.column == 5);
}

TEST_CASE("benefits: mistakes", "[yaml][sections]") {
  TempDir dir;
  auto codes = [&](const std::string& rules) { return Codes(LoadRules(dir, "benefits:\n" + rules)); };
  CHECK(codes("  - {applies_to: person, effective: {from: 2021-07-01}, amount: 1}\n") == "E_MISSING_KEY");
  CHECK(codes("  - {id: b, applies_to: person, amount: 1}\n") == "E_MISSING_KEY");
  CHECK(codes("  - {id: b, applies_to: person, effective: {to: 2021-07-01}, amount: 1}\n") == "E_MISSING_KEY");
  CHECK(codes("  - {id: b, applies_to: person, versions: [{effective: {from: 2021-07-01}}]}\n") == "E_MISSING_KEY");
  CHECK(codes("  - {id: b, applies_to: person, amount: 1, effective: {from: 2021-07-01}, versions: "
              "[{effective: {from: 2021-07-01}}]}\n") == "E_BAD_VALUE");
  CHECK(codes("  - {id: b, applies_to: person, effective: {from: 2021-07-01}, amount: 1, rounding: {unit: 0}}\n") ==
        "E_BAD_NUMBER");
  CHECK(codes("  - {id: b, applies_to: person, effective: {from: 2021-07-01}, amount: 1, when: [{a: x, b: y}]}\n") ==
        "E_WRONG_TYPE");
  CHECK(codes("  - {id: b, applies_to: person, effective: {from: 2021-07-01}, amount: 1, when: [{name: a}]}\n") ==
        "E_MISSING_KEY");
  CHECK(codes("  - {id: b, applies_to: person, effective: {from: 2021-07-01}, amount: [1]}\n") == "E_WRONG_TYPE");
  CHECK(codes("  - {id: b, applies_to: person, effective: {from: 2021-07-01}, amount: 1, override: yes}\n") ==
        "E_BAD_VALUE");
  CHECK(codes("  - b\n") == "E_WRONG_TYPE");
}

TEST_CASE("groups, checks and indicators", "[yaml][sections]") {
  TempDir dir;
  const model::LoadedTree tree = LoadRules(dir, R"y(groups:
  social_allowance:
    label: {vi: Trợ cấp, en: Allowance}
    policy: highest
    reference: "ND 20/2021, Art. 6.2"
    order: [sa_disability, sa_elderly]
checks:
  - id: R_PREGNANT_MALE
    applies_to: person
    severity: error
    field: pregnant
    when: pregnant and sex == "male"
    message: {vi: Nam mang thai, en: A male member is recorded as pregnant}
indicators:
  - id: hi_coverage
    population: person
    filter: known(has_health_insurance)
    numerator: has_health_insurance
    target: {op: ">=", share: 0.96, by: 2030-12-31}
  - id: no_poor
    population: household
    numerator: poverty_status == "poor"
    target: {op: "<=", count: 0}
)y");
  INFO(Format(tree.diagnostics));
  REQUIRE(tree.ok);
  const model::GroupDef& g = tree.package.groups.at(0);
  CHECK(g.policy == "highest");
  CHECK(g.order == std::vector<std::string>{"sa_disability", "sa_elderly"});
  CHECK(g.order_locs[1].column == 28);
  const model::CheckDef& c = tree.package.checks.at(0);
  CHECK(c.id == "R_PREGNANT_MALE");
  CHECK(c.severity == Severity::kError);
  CHECK(c.field == "pregnant");
  CHECK(c.when.text == "pregnant and sex == \"male\"");
  CHECK(c.message.en == "A male member is recorded as pregnant");
  const model::IndicatorDef& i = tree.package.indicators.at(0);
  CHECK(i.population == Entity::kPerson);
  CHECK(i.filter.text == "known(has_health_insurance)");
  CHECK(i.target_share == *Decimal::Parse("0.96"));
  CHECK(i.target_by == std::optional<Date>(Date::FromYmd(2030, 12, 31)));
  const model::IndicatorDef& j = tree.package.indicators.at(1);
  CHECK(j.target_op == "<=");
  CHECK(j.target_count == std::optional<int64_t>(0));
  CHECK(j.filter.empty());

  auto codes = [&](const std::string& rules) { return Codes(LoadRules(dir, rules)); };
  CHECK(codes("groups:\n  g: {policy: lowest}\n") == "E_BAD_VALUE");
  CHECK(codes("checks:\n  - {id: r_lower, applies_to: person, when: x, message: m}\n") == "E_BAD_IDENTIFIER");
  CHECK(codes("checks:\n  - {id: R_X, applies_to: person, message: m}\n") == "E_MISSING_KEY");
  CHECK(codes("indicators:\n  - {id: i, population: person, numerator: x, target: {share: 1.5}}\n") ==
        "E_BAD_NUMBER");
  CHECK(codes("indicators:\n  - {id: i, population: person, numerator: x, target: {share: 0.5, count: 1}}\n") ==
        "E_BAD_VALUE");
  CHECK(codes("indicators:\n  - {id: i, population: person, numerator: x, target: {op: \"=\", count: 1}}\n") ==
        "E_BAD_VALUE");
  CHECK(codes("indicators:\n  - {id: i, population: person, numerator: x, target: {op: \">\", count: 1}}\n").empty());
}

}  // namespace
}  // namespace ansinh
