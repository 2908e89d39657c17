// BatchBuilder and RecordBatch: conversion of every field type, and every
// issue the builder reports.
#include <catch2/catch.hpp>

#include "runtime/access.hpp"
#include "records/batch.hpp"
#include "records/value_text.hpp"
#include "test_schema.hpp"

using ansinh::Date;
using ansinh::Entity;
using ansinh::Household;
using ansinh::RecordBatch;
using ansinh::Severity;
using ansinh::internal::BatchBuilder;
using namespace test_io;

namespace {

constexpr Entity kBatchH = Entity::kHousehold;
constexpr Entity kBatchP = Entity::kPerson;

// Builds one household with one member "P1" and sets `field` of `entity` to `text`.
RecordBatch OneText(const ansinh::RuleSet& rules, Entity entity, const std::string& field,
                    const std::string& text) {
  RecordBatch batch(rules);
  BatchBuilder b(&ansinh::internal::DataOf(batch));
  const auto& schema = *ansinh::internal::DataOf(batch).schema;
  b.BeginHousehold({});
  b.SetText(kBatchH, 0, "H1");
  if (entity == kBatchH) b.SetText(kBatchH, schema.IndexOf(kBatchH, field), text);
  b.BeginPerson();
  b.SetText(kBatchP, 0, "P1");
  if (entity == kBatchP) b.SetText(kBatchP, schema.IndexOf(kBatchP, field), text);
  b.EndPerson();
  b.EndHousehold();
  return batch;
}

}  // namespace

TEST_CASE("text conversion per field type", "[builder]") {
  const auto rules = MakeRules();
  SECTION("bool") {
    for (const char* t : {"true", "TRUE", "1", "yes", "Yes", "c\xC3\xB3", "C\xC3\xB3"}) {
      auto b = OneText(rules, kBatchP, "has_supporter", t);
      INFO(t);
      CHECK(PersonCell(b, 0, "has_supporter").known);
      CHECK(PersonCell(b, 0, "has_supporter").value == 1);
    }
    for (const char* t : {"false", "False", "0", "no", "NO", "kh\xC3\xB4ng", "KH\xC3\x94NG"}) {
      auto b = OneText(rules, kBatchP, "has_supporter", t);
      INFO(t);
      CHECK(PersonCell(b, 0, "has_supporter").known);
      CHECK(PersonCell(b, 0, "has_supporter").value == 0);
    }
    auto bad = OneText(rules, kBatchP, "has_supporter", "maybe");
    CHECK_FALSE(PersonCell(bad, 0, "has_supporter").known);
    CHECK(HasIssue(bad, 0, "R_WRONG_TYPE", "members[P1].has_supporter"));
  }
  SECTION("int") {
    CHECK(HouseholdCell(OneText(rules, kBatchH, "rooms", "12"), 0, "rooms").value == 12);
    CHECK(HouseholdCell(OneText(rules, kBatchH, "rooms", "-3"), 0, "rooms").value == -3);
    CHECK(HouseholdCell(OneText(rules, kBatchH, "rooms", " 4 "), 0, "rooms").value == 4);
    CHECK(HouseholdCell(OneText(rules, kBatchH, "rooms", "3.0"), 0, "rooms").value == 3);
    auto frac = OneText(rules, kBatchH, "rooms", "3.5");
    CHECK_FALSE(HouseholdCell(frac, 0, "rooms").known);
    CHECK(HasIssue(frac, 0, "R_BAD_NUMBER", "rooms"));
    CHECK(HasIssue(OneText(rules, kBatchH, "rooms", "three"), 0, "R_WRONG_TYPE", "rooms"));
    CHECK(HasIssue(OneText(rules, kBatchH, "rooms", "99999999999999999999"), 0, "R_BAD_NUMBER"));
  }
  SECTION("money is integer VND stored in millionths") {
    CHECK(HouseholdCell(OneText(rules, kBatchH, "income_per_capita", "1500000"), 0, "income_per_capita").value ==
          1500000LL * 1000000);
    CHECK(HouseholdCell(OneText(rules, kBatchH, "income_per_capita", "1500000.0"), 0, "income_per_capita")
              .value == 1500000LL * 1000000);
    CHECK(HouseholdCell(OneText(rules, kBatchH, "income_per_capita", "1_500_000"), 0, "income_per_capita")
              .value == 1500000LL * 1000000);
    auto half = OneText(rules, kBatchH, "income_per_capita", "1500000.5");
    CHECK_FALSE(HouseholdCell(half, 0, "income_per_capita").known);
    CHECK(HasIssue(half, 0, "R_BAD_NUMBER", "income_per_capita"));
    CHECK(HasIssue(OneText(rules, kBatchH, "income_per_capita", "10000000000000"), 0, "R_BAD_NUMBER"));
  }
  SECTION("decimal is exact") {
    CHECK(HouseholdCell(OneText(rules, kBatchH, "coefficient", "1.1"), 0, "coefficient").value == 1100000);
    CHECK(HouseholdCell(OneText(rules, kBatchH, "coefficient", "0.000001"), 0, "coefficient").value == 1);
    CHECK(HouseholdCell(OneText(rules, kBatchH, "coefficient", "-2.5"), 0, "coefficient").value == -2500000);
    CHECK(HasIssue(OneText(rules, kBatchH, "coefficient", "0.0000001"), 0, "R_BAD_NUMBER", "coefficient"));
  }
  SECTION("dates: ISO and day-first") {
    const int64_t d = Date::FromYmd(2021, 2, 28).days();
    CHECK(PersonCell(OneText(rules, kBatchP, "birth_date", "2021-02-28"), 0, "birth_date").value == d);
    CHECK(PersonCell(OneText(rules, kBatchP, "birth_date", "28/02/2021"), 0, "birth_date").value == d);
    CHECK(PersonCell(OneText(rules, kBatchP, "birth_date", "5/3/2021"), 0, "birth_date").value ==
          Date::FromYmd(2021, 3, 5).days());
    for (const char* t : {"31/02/2021", "2021-02-30", "2021/02/28", "28-02-21", "yesterday"}) {
      auto b = OneText(rules, kBatchP, "birth_date", t);
      INFO(t);
      CHECK_FALSE(PersonCell(b, 0, "birth_date").known);
      CHECK(HasIssue(b, 0, "R_BAD_DATE", "members[P1].birth_date"));
    }
  }
  SECTION("enum with suggestion, in English and Vietnamese") {
    CHECK(HouseholdCell(OneText(rules, kBatchH, "area", "urban"), 0, "area").value == 1);
    auto b = OneText(rules, kBatchH, "area", "rurall");
    CHECK_FALSE(HouseholdCell(b, 0, "area").known);
    const auto issues = b.issues(0);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "R_UNKNOWN_ENUM_VALUE");
    CHECK(issues[0].severity == Severity::kError);
    CHECK(issues[0].field == "area");
    CHECK(issues[0].message ==
          "Value 'rurall' is not valid for field 'area'; valid values: rural, urban. Did you mean 'rural'?");
    CHECK(issues[0].message_vi ==
          "Giá trị 'rurall' không hợp lệ cho trường 'area'; các giá trị hợp lệ: rural, urban. "
          "Có phải ý bạn là 'rural'?");
    CHECK(ansinh::internal::DataOf(b).has_error[0] == 1);
  }
  SECTION("sets: ';' or '|' separated, [] empty") {
    auto b = OneText(rules, kBatchH, "deprivations", "water; sanitation|housing_area");
    CHECK(HouseholdCell(b, 0, "deprivations").value == 0b1110);
    CHECK(HouseholdCell(OneText(rules, kBatchH, "deprivations", "[]"), 0, "deprivations").known);
    CHECK(HouseholdCell(OneText(rules, kBatchH, "deprivations", "[]"), 0, "deprivations").value == 0);
    auto bad = OneText(rules, kBatchH, "deprivations", "water;sanitaton");
    CHECK_FALSE(HouseholdCell(bad, 0, "deprivations").known);
    CHECK(HasIssue(bad, 0, "R_UNKNOWN_ENUM_VALUE", "deprivations"));
  }
  SECTION("strings are stored as given") {
    auto b = OneText(rules, kBatchH, "note", "Hộ ở xã Đại Phước, \"khó khăn\"");
    CHECK(ansinh::internal::DataOf(b).String(HouseholdCell(b, 0, "note").value) == "Hộ ở xã Đại Phước, \"khó khăn\"");
  }
}

TEST_CASE("exact JSON number literals", "[builder]") {
  const auto rules = MakeRules();
  RecordBatch batch(rules);
  BatchBuilder b(&ansinh::internal::DataOf(batch));
  const auto& s = *ansinh::internal::DataOf(batch).schema;
  b.BeginHousehold({});
  b.SetNumberText(kBatchH, 0, "12345");  // numeric id
  b.SetNumberText(kBatchH, s.IndexOf(kBatchH, "income_per_capita"), "1.5e6");
  b.SetNumberText(kBatchH, s.IndexOf(kBatchH, "coefficient"), "1.1");
  b.SetNumberText(kBatchH, s.IndexOf(kBatchH, "rooms"), "2E1");
  b.BeginPerson();
  b.SetText(kBatchP, 0, "P1");
  b.EndPerson();
  b.EndHousehold();
  CHECK(ansinh::internal::DataOf(batch).HouseholdId(0) == "12345");
  CHECK(HouseholdCell(batch, 0, "income_per_capita").value == 1500000LL * 1000000);
  CHECK(HouseholdCell(batch, 0, "coefficient").value == 1100000);
  CHECK(HouseholdCell(batch, 0, "rooms").value == 20);
  CHECK(batch.issues(0).empty());
}

TEST_CASE("null and missing: default or unknown", "[builder]") {
  const auto rules = MakeRules();
  RecordBatch batch(rules);
  Household h("H1");
  h.Set("area", nullptr);
  h.AddMember("P1");
  batch.Add(h);
  CHECK_FALSE(HouseholdCell(batch, 0, "area").known);
  CHECK_FALSE(HouseholdCell(batch, 0, "income_per_capita").known);
  CHECK(HouseholdCell(batch, 0, "extremely_difficult_area").known);  // default false
  CHECK(HouseholdCell(batch, 0, "extremely_difficult_area").value == 0);
  Household h2("H2");
  h2.Set("extremely_difficult_area", nullptr);  // null = not given: the default applies
  h2.AddMember("P1");
  batch.Add(h2);
  CHECK(HouseholdCell(batch, 1, "extremely_difficult_area").known);
  CHECK(batch.issues(0).empty());
  CHECK(batch.issues(1).empty());
}

TEST_CASE("in-memory households through RecordBatch::Add", "[builder]") {
  const auto rules = MakeRules();
  RecordBatch batch(rules);
  Household h("HH-001");
  h.Set("area", "rural").Set("income_per_capita", 1'200'000).Set("coefficient", ansinh::Decimal::Parse("1.5").value());
  h.Set("deprivations", std::vector<std::string>{"water", "sanitation", "housing_area"});
  h.Set("extremely_difficult_area", true);
  h.AddMember("P1").Set("birth_date", "2021-02-28").Set("sex", "female");
  h.AddMember("P2").Set("birth_date", Date::FromYmd(1950, 1, 1)).Set("monthly_income", 0);
  CHECK(batch.Add(h, {"mem", 0, 7}) == 0);
  CHECK(batch.size() == 1);
  CHECK(batch.person_count() == 2);
  CHECK(batch.issues(0).empty());
  const auto& d = ansinh::internal::DataOf(batch);
  CHECK(d.HouseholdId(0) == "HH-001");
  CHECK(batch.household_id(0) == "HH-001");  // the public accessor the CLI uses
  CHECK(batch.household_id(1).empty());       // out of range: empty, never a crash
  CHECK(d.PersonId(1) == "P2");
  CHECK(d.member_begin == std::vector<uint32_t>{0, 2});
  CHECK(d.person_household == std::vector<uint32_t>{0, 0});
  CHECK(d.origins[0].index == 7);
  CHECK(HouseholdCell(batch, 0, "income_per_capita").value == 1200000LL * 1000000);
  CHECK(HouseholdCell(batch, 0, "coefficient").value == 1500000);
  CHECK(HouseholdCell(batch, 0, "deprivations").value == 0b1110);
  CHECK(HouseholdCell(batch, 0, "extremely_difficult_area").value == 1);
  CHECK(PersonCell(batch, 0, "sex").value == 0);
  CHECK(PersonCell(batch, 1, "birth_date").value == Date::FromYmd(1950, 1, 1).days());
  CHECK_FALSE(PersonCell(batch, 0, "monthly_income").known);
  CHECK(PersonCell(batch, 1, "monthly_income").known);

  // Wrong types from code.
  Household bad("HH-002");
  bad.Set("area", 3).Set("rooms", true).Set("areas", "rural");
  bad.Set("income_per_capita", std::vector<std::string>{"x"});
  bad.AddMember("P1").Set("birth_date", 20210228);
  batch.Add(bad);
  CHECK(HasIssue(batch, 1, "R_UNKNOWN_ENUM_VALUE", "area"));
  CHECK(HasIssue(batch, 1, "R_WRONG_TYPE", "rooms"));
  CHECK(HasIssue(batch, 1, "R_WRONG_TYPE", "income_per_capita"));
  CHECK(HasIssue(batch, 1, "R_WRONG_TYPE", "members[P1].birth_date"));
  CHECK(HasIssue(batch, 1, "R_UNKNOWN_FIELD", "areas"));
  for (const auto& issue : batch.issues(1)) {
    if (issue.code == "R_UNKNOWN_FIELD") {
      CHECK(issue.severity == Severity::kWarning);
      CHECK(issue.message == "Field 'areas' is not in the schema and is ignored. Did you mean 'area'?");
    }
  }
  CHECK(ansinh::internal::DataOf(batch).has_error[1] == 1);

  batch.Clear();
  CHECK(batch.size() == 0);
  CHECK(batch.person_count() == 0);
  CHECK(ansinh::internal::DataOf(batch).strings.empty());
  CHECK(batch.household_id(0).empty());
  batch.Add(h);
  CHECK(ansinh::internal::DataOf(batch).HouseholdId(0) == "HH-001");
  CHECK(ansinh::internal::DataOf(batch).member_begin == std::vector<uint32_t>{0, 2});
}

TEST_CASE("structural checks at EndHousehold", "[builder]") {
  const auto rules = MakeRules();
  RecordBatch batch(rules);
  SECTION("missing household id and no members") {
    Household h;
    batch.Add(h);
    CHECK(HasIssue(batch, 0, "R_MISSING_ID", "id"));
    CHECK(HasIssue(batch, 0, "R_NO_MEMBERS", "members"));
    CHECK(ansinh::internal::DataOf(batch).has_error[0] == 1);
    CHECK(batch.size() == 1);  // still appended
  }
  SECTION("missing and duplicate person ids") {
    Household h("H1");
    h.AddMember("P1");
    h.AddMember("");
    h.AddMember("P1").Set("sex", "mal");
    batch.Add(h);
    CHECK(HasIssue(batch, 0, "R_MISSING_ID", "members[#2]"));
    CHECK(HasIssue(batch, 0, "R_DUPLICATE_PERSON_ID", "members[P1]"));
    CHECK(HasIssue(batch, 0, "R_UNKNOWN_ENUM_VALUE", "members[P1].sex"));
    for (const auto& issue : batch.issues(0)) {
      if (issue.code == "R_MISSING_ID") CHECK(issue.message_vi == "Thành viên thứ 2 của hộ không có mã (id).");
      if (issue.code == "R_UNKNOWN_ENUM_VALUE") {
        CHECK(issue.message.find("field 'members[P1].sex'") != std::string::npos);
      }
    }
  }
  SECTION("too many members") {
    BatchBuilder b(&ansinh::internal::DataOf(batch), {3, 4096, 64});
    b.BeginHousehold({});
    b.SetText(kBatchH, 0, "H1");
    for (int i = 0; i < 5; ++i) {
      b.BeginPerson();
      b.SetText(kBatchP, 0, "P" + std::to_string(i));
      b.EndPerson();
    }
    b.EndHousehold();
    CHECK(batch.person_count() == 3);
    CHECK(HasIssue(batch, 0, "R_LIMIT", "members"));
  }
  SECTION("too long a string, invalid UTF-8") {
    BatchBuilder b(&ansinh::internal::DataOf(batch), {200, 8, 64});
    const auto& s = *ansinh::internal::DataOf(batch).schema;
    b.BeginHousehold({});
    b.SetText(kBatchH, 0, "H1");
    b.SetText(kBatchH, s.IndexOf(kBatchH, "note"), "123456789");
    b.BeginPerson();
    b.SetText(kBatchP, 0, "P\xC3\x28");
    b.SetText(kBatchP, s.IndexOf(kBatchP, "sex"), "ma\xFFle");
    b.EndPerson();
    b.EndHousehold();
    CHECK(HasIssue(batch, 0, "R_LIMIT", "note"));
    CHECK(HasIssue(batch, 0, "R_BAD_UTF8", "members[#1].id"));
    CHECK(HasIssue(batch, 0, "R_BAD_UTF8", "members[#1].sex"));
    CHECK(HasIssue(batch, 0, "R_MISSING_ID", "members[#1]"));
  }
  SECTION("a member's path uses its id even when the id comes last") {
    BatchBuilder b(&ansinh::internal::DataOf(batch));
    const auto& s = *ansinh::internal::DataOf(batch).schema;
    b.BeginHousehold({});
    b.SetText(kBatchH, 0, "H1");
    b.BeginPerson();
    b.SetText(kBatchP, s.IndexOf(kBatchP, "birth_date"), "2021-13-01");
    b.UnknownField(kBatchP, "birthdate");
    b.SetText(kBatchP, 0, "C7");
    b.EndPerson();
    b.EndHousehold();
    const auto issues = batch.issues(0);
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].field == "members[C7].birth_date");
    CHECK(issues[0].message ==
          "Field 'members[C7].birth_date': '2021-13-01' is not a valid date; write YYYY-MM-DD or DD/MM/YYYY.");
    CHECK(issues[1].field == "members[C7].birthdate");
    CHECK(issues[1].message.find("Did you mean 'birth_date'?") != std::string::npos);
    CHECK(issues[1].severity == Severity::kWarning);
    CHECK(ansinh::internal::DataOf(batch).has_error[0] == 1);
  }
  SECTION("a field given twice") {
    BatchBuilder b(&ansinh::internal::DataOf(batch));
    const int area = ansinh::internal::DataOf(batch).schema->IndexOf(kBatchH, "area");
    b.BeginHousehold({});
    b.SetText(kBatchH, 0, "H1");
    b.SetText(kBatchH, area, "rural");
    b.SetText(kBatchH, area, "urban");
    b.BeginPerson();
    b.SetText(kBatchP, 0, "P1");
    b.EndPerson();
    b.EndHousehold();
    CHECK(HasIssue(batch, 0, "R_DUPLICATE_FIELD", "area"));
    CHECK(HouseholdCell(batch, 0, "area").value == 0);
  }
}

TEST_CASE("value text helpers", "[builder]") {
  using namespace ansinh::internal;
  int64_t v = 0;
  CHECK(ParseMillionths("1.1", &v) == NumberStatus::kOk);
  CHECK(v == 1100000);
  CHECK(ParseMillionths("-0.5e1", &v) == NumberStatus::kOk);
  CHECK(v == -5000000);
  CHECK(ParseWholeNumber("-9223372036854775808", &v) == NumberStatus::kOk);
  CHECK(v == INT64_MIN);
  CHECK(ParseWholeNumber("9223372036854775808", &v) == NumberStatus::kOutOfRange);
  CHECK(ParseWholeNumber("1e400", &v) == NumberStatus::kOutOfRange);
  CHECK(ParseWholeNumber("1e-400", &v) == NumberStatus::kFraction);
  CHECK(ParseWholeNumber("0e999999999", &v) == NumberStatus::kOk);
  CHECK(ParseWholeNumber("1_", &v) == NumberStatus::kNotNumber);
  CHECK(ParseWholeNumber(".5", &v) == NumberStatus::kNotNumber);
  CHECK(ParseWholeNumber("", &v) == NumberStatus::kNotNumber);
  CHECK(IsValidUtf8("Hộ nghèo"));
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));  // a surrogate
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong
  CHECK(QuoteForMessage("a\x01\xFF") == "'a\\x01\\xFF'");
}
