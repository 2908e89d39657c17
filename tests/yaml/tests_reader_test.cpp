// Test cases written in YAML: households, dates and expectations.
#include <catch2/catch.hpp>

#include "yaml_test_util.hpp"

namespace ansinh {
namespace {

using testing::Codes;
using testing::Find;
using testing::Load;
using testing::TempDir;

model::LoadedTree LoadTests(TempDir& dir, const std::string& tests) {
  dir.Write("package.yaml", "id: p\n");
  dir.Write("tests.yaml", tests);
  return Load(dir.str());
}

const char* kExample = R"(tests:
  - name: Trẻ 35 tháng tuổi, hộ nghèo vùng ĐBKK, được trợ cấp
    reference: "Nghị định 20/2021/NĐ-CP, Điều 5 khoản 7"
    as_of: 2024-02-27
    household:
      id: T1
      area: rural
      income_per_capita: 1200000
      deprivations: [water, sanitation, housing_area]
      extremely_difficult_area: true
      members:
        - {id: C1, birth_date: 2021-02-28, sex: female}
        - id: M1
          birth_date: 1990-05-01
          pension_amount: ~
    expect:
      status: ok
      variables: {poverty_status: poor}
      benefits:
        hh_benefit: {status: undetermined, missing: ["members[M1].has_supporter"]}
      members:
        C1:
          variables: {age_months: 35}
          benefits:
            sa_child_under_3: 540000
            sa_disability: not_eligible
            sa_elderly_80: {status: not_in_force}
        M1:
          benefits:
            sa_single_parent: {status: superseded, superseded_by: sa_disability, amount: null, provisional: true}
      total_monthly: 540000
      warnings: [R_PREGNANT_MALE]
  - name: Tháng 7
    period: 2024-07
    household: {id: T2}
    expect: {status: error, errors: [R_BAD_DATE]}
)";

TEST_CASE("A full test case", "[yaml][tests]") {
  TempDir dir;
  const model::LoadedTree tree = LoadTests(dir, kExample);
  INFO(Format(tree.diagnostics));
  REQUIRE(tree.ok);
  REQUIRE(tree.package.tests.size() == 2);
  const model::TestCase& t = tree.package.tests[0];
  CHECK(t.name == "Trẻ 35 tháng tuổi, hộ nghèo vùng ĐBKK, được trợ cấp");
  CHECK(t.reference == "Nghị định 20/2021/NĐ-CP, Điều 5 khoản 7");
  CHECK_FALSE(t.is_period);
  CHECK(t.as_of == Date::FromYmd(2024, 2, 27));
  CHECK(t.loc.line == 2);

  const Household& h = t.household;
  CHECK(h.id == "T1");
  REQUIRE(h.fields.size() == 4);
  CHECK(h.fields[0].first == "area");
  CHECK(h.fields[0].second.as_text() == "rural");
  CHECK(h.fields[1].second.kind() == InputValue::Kind::kInt);
  CHECK(h.fields[1].second.as_int() == 1200000);
  CHECK(h.fields[2].second.as_list() == std::vector<std::string>{"water", "sanitation", "housing_area"});
  CHECK(h.fields[3].second.as_bool());
  REQUIRE(h.members.size() == 2);
  CHECK(h.members[0].id == "C1");
  REQUIRE(h.members[0].fields.size() == 2);
  CHECK(h.members[0].fields[0].second.as_text() == "2021-02-28");
  CHECK(h.members[1].fields[1].first == "pension_amount");
  CHECK(h.members[1].fields[1].second.is_null());

  CHECK(t.status == std::optional<std::string>("ok"));
  CHECK(t.total_monthly == std::optional<int64_t>(540000));
  CHECK(t.warnings == std::vector<std::string>{"R_PREGNANT_MALE"});
  REQUIRE(t.variables.size() == 2);
  CHECK(t.variables[0].person.empty());
  CHECK(t.variables[0].name == "poverty_status");
  CHECK(t.variables[0].value.as_text() == "poor");
  CHECK(t.variables[1].person == "C1");
  CHECK(t.variables[1].value.as_int() == 35);

  REQUIRE(t.benefits.size() == 5);
  const model::ExpectedBenefit& hh = t.benefits[0];
  CHECK(hh.person.empty());
  CHECK(hh.status == std::optional<std::string>("undetermined"));
  CHECK(hh.missing == std::optional<std::vector<std::string>>({"members[M1].has_supporter"}));
  const model::ExpectedBenefit& child = t.benefits[1];
  CHECK(child.person == "C1");
  CHECK(child.benefit == "sa_child_under_3");
  CHECK(child.status == std::optional<std::string>("eligible"));
  CHECK(child.amount == std::optional<int64_t>(540000));
  CHECK(child.loc.line == 25);
  CHECK(child.loc.column == 13);
  CHECK(t.benefits[2].status == std::optional<std::string>("not_eligible"));
  CHECK_FALSE(t.benefits[2].amount.has_value());
  CHECK(t.benefits[3].status == std::optional<std::string>("not_in_force"));
  const model::ExpectedBenefit& single = t.benefits[4];
  CHECK(single.person == "M1");
  CHECK(single.superseded_by == std::optional<std::string>("sa_disability"));
  CHECK(single.amount_null);
  CHECK_FALSE(single.amount.has_value());
  CHECK(single.provisional == std::optional<bool>(true));

  const model::TestCase& month = tree.package.tests[1];
  CHECK(month.is_period);
  CHECK(month.period == YearMonth(2024, 7));
  CHECK(month.as_of == Date::FromYmd(2024, 7, 1));
  CHECK(month.status == std::optional<std::string>("error"));
  CHECK(month.errors == std::vector<std::string>{"R_BAD_DATE"});
}

TEST_CASE("Malformed test cases", "[yaml][tests]") {
  TempDir dir;
  auto codes = [&](const std::string& test) { return Codes(LoadTests(dir, "tests:\n" + test)); };
  CHECK(codes("  - {name: t, household: {id: H}, expect: {}}\n") == "E_MISSING_KEY");
  CHECK(codes("  - {name: t, as_of: 2024-01-01, period: 2024-01, household: {id: H}, expect: {}}\n") ==
        "E_TEST_INVALID");
  CHECK(codes("  - {name: t, period: 2024-13, household: {id: H}, expect: {}}\n") == "E_BAD_DATE");
  CHECK(codes("  - {name: t, as_of: 2024-01-01, expect: {}}\n") == "E_MISSING_KEY");
  CHECK(codes("  - {name: t, as_of: 2024-01-01, household: {x: 1}, expect: {}}\n") == "E_MISSING_KEY");
  CHECK(codes("  - {name: t, as_of: 2024-01-01, household: {id: H, members: [{id: a}, {id: a}]}, expect: {}}\n") ==
        "E_TEST_INVALID");
  CHECK(codes("  - {name: t, as_of: 2024-01-01, household: {id: H, x: [[1]]}, expect: {}}\n") == "E_TEST_INVALID");
  CHECK(codes("  - {name: t, as_of: 2024-01-01, household: {id: H}, expect: {benefits: {b: ~}}}\n") ==
        "E_TEST_INVALID");
  CHECK(codes("  - {name: t, as_of: 2024-01-01, household: {id: H}, expect: {benefits: {b: 1.5}}}\n") ==
        "E_BAD_NUMBER");
  CHECK(codes("  - {name: t, as_of: 2024-01-01, household: {id: H}, expect: {benefits: {b: elegible}}}\n") ==
        "E_BAD_VALUE");
  CHECK(codes("  - {name: t, as_of: 2024-01-01, household: {id: H}, expect: {benefits: {b: {amont: 1}}}}\n") ==
        "E_UNKNOWN_KEY");
  CHECK(codes("  - {name: t, as_of: 2024-01-01, household: {id: H}, expect: {variables: {v: {a: 1}}}}\n") ==
        "E_TEST_INVALID");
  CHECK(codes("  - {name: t, as_of: 2024-01-01, household: {id: H}, expect: {status: fine}}\n") == "E_BAD_VALUE");
  CHECK(codes("  - {name: t, as_of: 2024-01-01, household: {id: H}, expect: {members: {C1: {benefit: {}}}}}\n") ==
        "E_UNKNOWN_KEY");
  CHECK(codes("  - just a sentence\n") == "E_WRONG_TYPE");
}

}  // namespace
}  // namespace ansinh
