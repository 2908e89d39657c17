// RecordBuilder: the public columnar way to fill a RecordBatch (used by the
// Python binding for DataFrames). Values go through the same checks as the
// file readers; these tests pin the typed setters and the issues they give.
#include <catch2/catch.hpp>

#include "runtime/access.hpp"
#include "ansinh/records.hpp"
#include "test_schema.hpp"

using ansinh::Date;
using ansinh::Decimal;
using ansinh::Entity;
using ansinh::RecordBatch;
using ansinh::RecordBuilder;
using ansinh::RecordOrigin;
using ansinh::ValueType;
using namespace test_io;

namespace {

constexpr Entity kRecordH = Entity::kHousehold;
constexpr Entity kRecordP = Entity::kPerson;

// One household "H1" with one member "P1"; `set` sets more fields of the member.
template <typename Fn>
RecordBatch OneMember(const ansinh::RuleSet& rules, Fn set) {
  RecordBatch batch(rules);
  RecordBuilder b(batch);
  b.BeginHousehold();
  b.SetText(kRecordH, RecordBuilder::kId, "H1");
  b.BeginPerson();
  b.SetText(kRecordP, RecordBuilder::kId, "P1");
  set(b);
  b.EndPerson();
  b.EndHousehold();
  return batch;
}

}  // namespace

TEST_CASE("field look-up by name, once", "[record_builder]") {
  const auto rules = MakeRules();
  RecordBatch batch(rules);
  RecordBuilder b(batch);
  CHECK(b.FieldIndex(kRecordH, "id") == RecordBuilder::kId);
  CHECK(b.FieldIndex(kRecordH, "area") == 1);
  CHECK(b.FieldIndex(kRecordP, "birth_date") == 1);
  CHECK(b.FieldIndex(kRecordP, "area") == -1);
  CHECK(b.FieldIndex(kRecordH, "nope") == -1);
  CHECK(b.field_count(kRecordH) == 8);
  CHECK(b.field_count(kRecordP) == 6);
  CHECK(b.field_type(kRecordH, 2) == ValueType::kMoney);
  CHECK(b.field_type(kRecordP, 1) == ValueType::kDate);
  CHECK(b.field_type(kRecordP, 99) == ValueType::kString);
  CHECK(b.ValueIndex(kRecordH, 1, "urban") == 1);
  CHECK(b.ValueIndex(kRecordH, 1, "city") == -1);
  CHECK(b.ValueIndex(kRecordH, 99, "urban") == -1);
}

TEST_CASE("typed setters store the column representation", "[record_builder]") {
  const auto rules = MakeRules();
  RecordBatch batch(rules);
  RecordBuilder b(batch);
  const int area = b.FieldIndex(kRecordH, "area"), income = b.FieldIndex(kRecordH, "income_per_capita");
  const int coefficient = b.FieldIndex(kRecordH, "coefficient"), deprivations = b.FieldIndex(kRecordH, "deprivations");
  const int birth = b.FieldIndex(kRecordP, "birth_date"), supporter = b.FieldIndex(kRecordP, "has_supporter");
  b.BeginHousehold(RecordOrigin{"frame", 0, 7});
  b.SetText(kRecordH, RecordBuilder::kId, "H1");
  b.SetEnumIndex(kRecordH, area, 1);
  b.SetInt(kRecordH, income, 1'500'000);
  b.SetDecimal(kRecordH, coefficient, *Decimal::Parse("1.5"));
  b.BeginSet(kRecordH, deprivations);
  b.AddSetItem(kRecordH, deprivations, "water");
  b.AddSetItem(kRecordH, deprivations, "housing_area");
  b.BeginPerson();
  b.SetText(kRecordP, RecordBuilder::kId, "P1");
  b.SetDate(kRecordP, birth, Date::FromYmd(2021, 2, 28));
  b.SetBool(kRecordP, supporter, true);
  b.EndPerson();
  CHECK(b.EndHousehold() == 0);
  REQUIRE(batch.size() == 1);
  CHECK(batch.issues(0).empty());
  CHECK(HouseholdCell(batch, 0, "area").value == 1);
  CHECK(HouseholdCell(batch, 0, "income_per_capita").value == 1'500'000LL * 1'000'000);
  CHECK(HouseholdCell(batch, 0, "coefficient").value == 1'500'000);
  CHECK(HouseholdCell(batch, 0, "deprivations").value == ((1 << 1) | (1 << 3)));
  CHECK(HouseholdCell(batch, 0, "extremely_difficult_area").known);  // the default
  CHECK_FALSE(HouseholdCell(batch, 0, "rooms").known);                // never set: unknown
  CHECK(PersonCell(batch, 0, "birth_date").value == Date::FromYmd(2021, 2, 28).days());
  CHECK(PersonCell(batch, 0, "has_supporter").value == 1);
  CHECK(ansinh::internal::DataOf(batch).origins[0].file == "frame");
  CHECK(ansinh::internal::DataOf(batch).origins[0].index == 7);
}

TEST_CASE("number texts: money must be whole VND", "[record_builder]") {
  const auto rules = MakeRules();
  auto whole = OneMember(rules, [](RecordBuilder& b) { b.SetNumberText(kRecordP, 4, "1500000"); });
  CHECK(whole.issues(0).empty());
  CHECK(PersonCell(whole, 0, "monthly_income").value == 1'500'000LL * 1'000'000);
  auto exp = OneMember(rules, [](RecordBuilder& b) { b.SetNumberText(kRecordP, 4, "1.5e6"); });
  CHECK(exp.issues(0).empty());
  CHECK(PersonCell(exp, 0, "monthly_income").value == 1'500'000LL * 1'000'000);
  auto half = OneMember(rules, [](RecordBuilder& b) { b.SetNumberText(kRecordP, 4, "1500000.5"); });
  CHECK(HasIssue(half, 0, "R_BAD_NUMBER", "members[P1].monthly_income"));
  CHECK_FALSE(PersonCell(half, 0, "monthly_income").known);
}

TEST_CASE("dates: date, string and other fields", "[record_builder]") {
  const auto rules = MakeRules();
  SECTION("outside 0001..9999 is R_BAD_DATE") {
    auto b = OneMember(rules, [](RecordBuilder& r) { r.SetDate(kRecordP, 1, Date::FromDays(3'000'000)); });
    CHECK(HasIssue(b, 0, "R_BAD_DATE", "members[P1].birth_date"));
    CHECK_FALSE(PersonCell(b, 0, "birth_date").known);
  }
  SECTION("a string field gets the ISO text") {
    RecordBatch batch(rules);
    RecordBuilder b(batch);
    b.BeginHousehold();
    b.SetDate(kRecordH, RecordBuilder::kId, Date::FromYmd(2024, 7, 1));
    b.BeginPerson();
    b.SetText(kRecordP, RecordBuilder::kId, "P1");
    b.EndPerson();
    b.EndHousehold();
    CHECK(batch.issues(0).empty());
    CHECK(ansinh::internal::DataOf(batch).HouseholdId(0) == "2024-07-01");
  }
  SECTION("a number field is R_WRONG_TYPE") {
    auto b = OneMember(rules, [](RecordBuilder& r) { r.SetDate(kRecordP, 4, Date::FromYmd(2024, 7, 1)); });
    CHECK(HasIssue(b, 0, "R_WRONG_TYPE", "members[P1].monthly_income"));
  }
}

TEST_CASE("enum values by index", "[record_builder]") {
  const auto rules = MakeRules();
  auto ok = OneMember(rules, [](RecordBuilder& b) { b.SetEnumIndex(kRecordP, 5, 2); });
  CHECK(ok.issues(0).empty());
  CHECK(PersonCell(ok, 0, "disability").value == 2);
  auto out = OneMember(rules, [](RecordBuilder& b) { b.SetEnumIndex(kRecordP, 5, 3); });
  CHECK(HasIssue(out, 0, "R_UNKNOWN_ENUM_VALUE", "members[P1].disability"));
  auto not_enum = OneMember(rules, [](RecordBuilder& b) { b.SetEnumIndex(kRecordP, 3, 0); });
  CHECK(HasIssue(not_enum, 0, "R_WRONG_TYPE", "members[P1].has_supporter"));
}

TEST_CASE("bad values are issues of their record, the next record is clean", "[record_builder]") {
  const auto rules = MakeRules();
  RecordBatch batch(rules);
  RecordBuilder b(batch);
  for (int i = 0; i < 2; ++i) {
    b.BeginHousehold();
    b.SetText(kRecordH, RecordBuilder::kId, i == 0 ? "BAD" : "GOOD");
    b.SetText(kRecordH, 1, i == 0 ? "rurall" : "rural");
    b.SetText(kRecordH, 1, "urban");  // given twice: the first value stays
    b.UnknownField(kRecordH, "areaa");
    b.WrongType(kRecordH, 6, "a list");
    b.BeginPerson();
    b.SetText(kRecordP, RecordBuilder::kId, "P1");
    b.EndPerson();
    b.EndHousehold();
  }
  CHECK(Codes(batch, 0) ==
        std::vector<std::string>{"R_UNKNOWN_ENUM_VALUE", "R_DUPLICATE_FIELD", "R_UNKNOWN_FIELD", "R_WRONG_TYPE"});
  CHECK(Codes(batch, 1) == std::vector<std::string>{"R_DUPLICATE_FIELD", "R_UNKNOWN_FIELD", "R_WRONG_TYPE"});
  CHECK(HouseholdCell(batch, 1, "area").value == 0);
}

TEST_CASE("join problems: missing and duplicate households", "[record_builder]") {
  const auto rules = MakeRules();
  RecordBatch batch(rules);
  RecordBuilder b(batch);
  b.BeginHousehold();
  b.SetText(kRecordH, RecordBuilder::kId, "H9");
  b.HouseholdMissing("persons", "households");
  b.BeginPerson();
  b.SetText(kRecordP, RecordBuilder::kId, "P1");
  b.EndPerson();
  b.EndHousehold();
  b.BeginHousehold(RecordOrigin{"households", 0, 4});
  b.SetText(kRecordH, RecordBuilder::kId, "H1");
  b.DuplicateHouseholdId(RecordOrigin{"households", 0, 1});
  b.EndHousehold();
  const auto missing = batch.issues(0);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].code == "R_HOUSEHOLD_MISSING");
  CHECK(missing[0].message == "persons lists members of household 'H9', which is not in households.");
  CHECK(HasIssue(batch, 1, "R_DUPLICATE_HOUSEHOLD_ID", "id"));
  CHECK(HasIssue(batch, 1, "R_NO_MEMBERS"));
  for (const auto& issue : batch.issues(1)) {
    if (issue.code == "R_DUPLICATE_HOUSEHOLD_ID") CHECK(issue.message.find("record 2") != std::string::npos);
  }
}

TEST_CASE("same columns as RecordBatch::Add", "[record_builder]") {
  const auto rules = MakeRules();
  ansinh::Household h("H1");
  h.Set("area", "urban").Set("income_per_capita", 900000).Set("deprivations", std::vector<std::string>{"water"});
  h.AddMember("P1").Set("birth_date", "2020-02-29").Set("sex", "female");
  RecordBatch added(rules);
  added.Add(h);
  RecordBatch built(rules);
  {
    RecordBuilder b(built);
    b.BeginHousehold();
    b.SetText(kRecordH, RecordBuilder::kId, "H1");
    b.SetEnumIndex(kRecordH, b.FieldIndex(kRecordH, "area"), b.ValueIndex(kRecordH, b.FieldIndex(kRecordH, "area"), "urban"));
    b.SetInt(kRecordH, b.FieldIndex(kRecordH, "income_per_capita"), 900000);
    b.SetText(kRecordH, b.FieldIndex(kRecordH, "deprivations"), "water");
    b.BeginPerson();
    b.SetText(kRecordP, RecordBuilder::kId, "P1");
    b.SetDate(kRecordP, b.FieldIndex(kRecordP, "birth_date"), Date::FromYmd(2020, 2, 29));
    b.SetText(kRecordP, b.FieldIndex(kRecordP, "sex"), "female");
    b.EndPerson();
  }  // the destructor ends the open household
  REQUIRE(built.size() == 1);
  const auto& x = ansinh::internal::DataOf(added);
  const auto& y = ansinh::internal::DataOf(built);
  for (size_t f = 1; f < x.household_columns.size(); ++f) {
    INFO("household field " << f);
    CHECK(x.household_columns[f].known == y.household_columns[f].known);
    CHECK(x.household_columns[f].value == y.household_columns[f].value);
  }
  for (size_t f = 1; f < x.person_columns.size(); ++f) {
    INFO("person field " << f);
    CHECK(x.person_columns[f].known == y.person_columns[f].known);
    CHECK(x.person_columns[f].value == y.person_columns[f].value);
  }
  CHECK(added.issues(0).size() == built.issues(0).size());
}
