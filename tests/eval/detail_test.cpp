// Detail levels (docs/decision-format.md, "Detail levels"): near misses by the
// benefit's `for:` list or, without one, by "exactly one condition failed";
// what each level lists in JSON; the brief behind `ansinh explain`.
#include <catch2/catch.hpp>

#include <string>

#include "eval/package_fixture.hpp"

using namespace ansinh;
using ansinh::testing::Find;
using ansinh::testing::TempPackage;

namespace {

const char* kDetailRules = R"Y(
schema:
  household:
    poor: {type: bool, label: {vi: Hộ nghèo, en: Poor household}}
  person:
    age: {type: int, label: {vi: Tuổi, en: Age}}
    sex: {type: enum, values: [male, female], label: {vi: Giới tính, en: Sex}}
    invalid: {type: bool, label: {vi: Là thương binh, en: War invalid}}
    rate: {type: int, label: {vi: Tỷ lệ tổn thương, en: Injury rate}}
    births: {type: int, label: {vi: Số lần sinh, en: Births}}
    studying: {type: bool, label: {vi: Đang đi học, en: Studying}}
parameters:
  unconfirmed:
    label: {vi: Mức trợ cấp chờ văn bản, en: Allowance awaiting its text}
    unit: money
    values:
      2021-01-01: {value: null, reference: "chưa có văn bản"}
benefits:
  - id: war_invalid
    label: {vi: Trợ cấp thương binh, en: War invalid allowance}
    applies_to: person
    effective: {from: 2021-01-01}
    for: [invalid]
    when:
      - {name: rate_21, label: {vi: Tỷ lệ từ 21%, en: Rate of 21% or more}, test: rate >= 21}
      - {name: invalid, label: {vi: Là thương binh, en: War invalid}, test: invalid}
    amount: 1000
  - id: birth
    label: {vi: Hỗ trợ sinh con, en: Birth support}
    applies_to: person
    frequency: once
    effective: {from: 2021-01-01}
    for: [woman, gave_birth]
    when:
      - {name: woman, label: {vi: Là phụ nữ, en: A woman}, test: sex == "female"}
      - {name: poor, label: {vi: Thuộc hộ nghèo, en: Poor household}, test: household.poor}
      - {name: gave_birth, label: {vi: Đã sinh con, en: Gave birth}, test: births >= 1}
    amount: 2000
  - id: unmarked
    label: {vi: Học bổng, en: Scholarship}
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - {name: young, label: {vi: Dưới 18 tuổi, en: Under 18}, test: age < 18}
      - {name: studying, label: {vi: Đang đi học, en: Studying}, test: studying}
      - {name: poor, label: {vi: Thuộc hộ nghèo, en: Poor household}, test: household.poor}
    amount: 300
  - id: awaiting
    label: {vi: Trợ cấp mới, en: New allowance}
    applies_to: person
    effective: {from: 2021-01-01}
    for: [young]
    when:
      - {name: young, label: {vi: Dưới 18 tuổi, en: Under 18}, test: age < 18}
    amount: param.unconfirmed
  - id: school_meal
    label: {vi: Hỗ trợ tiền ăn trưa, en: School lunch}
    applies_to: person
    effective: {from: 2021-01-01}
    for: [young]
    when:
      - {name: young, label: {vi: Dưới 18 tuổi, en: Under 18}, test: age < 18}
      - {name: studying, label: {vi: Đang đi học, en: Studying}, test: studying}
    amount: 100
)Y";

// A non-poor household: a boy of ten, a war invalid rated 15%, a man, a woman who gave birth, a
// schoolgirl whose studying is unknown.
Household Family() {
  Household h("H1");
  h.Set("poor", false);
  h.AddMember("BOY").Set("age", int64_t{10}).Set("sex", "male").Set("invalid", false).Set("rate", int64_t{0})
      .Set("births", int64_t{0}).Set("studying", true);
  h.AddMember("VET").Set("age", int64_t{70}).Set("sex", "male").Set("invalid", true).Set("rate", int64_t{15})
      .Set("births", int64_t{0}).Set("studying", false);
  h.AddMember("MAN").Set("age", int64_t{30}).Set("sex", "male").Set("invalid", false).Set("rate", int64_t{0})
      .Set("births", int64_t{0}).Set("studying", false);
  h.AddMember("MUM").Set("age", int64_t{28}).Set("sex", "female").Set("invalid", false).Set("rate", int64_t{0})
      .Set("births", int64_t{1}).Set("studying", false);
  h.AddMember("GIRL").Set("age", int64_t{12}).Set("sex", "female").Set("invalid", false).Set("rate", int64_t{0})
      .Set("births", int64_t{0});
  return h;
}

const When kDetailDay = When::AsOf(Date::FromYmd(2024, 7, 1));

bool Near(const DecisionView& d, const char* benefit, int member) {
  const std::optional<BenefitOutcome> o = Find(d, benefit, member);
  REQUIRE(o);
  return o->near_miss;
}

}  // namespace

TEST_CASE("a near miss is someone of the benefit's target group who fails another condition", "[detail]") {
  TempPackage pkg({{"rules.yaml", std::string(kDetailRules)}});
  const RuleSet rules = pkg.Rules();
  const Decision d = Evaluate(rules, Family(), kDetailDay);
  REQUIRE(d.ok());
  // for: [invalid] — the boy is not told about the war-invalid allowance; the veteran rated 15% is.
  CHECK_FALSE(Near(d, "war_invalid", 0));
  CHECK(Near(d, "war_invalid", 1));
  CHECK(d.reason(*Find(d, "war_invalid", 1), Language::kVi) ==
        "Không đủ điều kiện: Tỷ lệ từ 21% (Tỷ lệ tổn thương 15 < 21)");
  // for: [woman, gave_birth] — no man is told about birth support; the mother of a non-poor household is.
  CHECK_FALSE(Near(d, "birth", 0));
  CHECK_FALSE(Near(d, "birth", 2));
  CHECK(Near(d, "birth", 3));
  CHECK_FALSE(Near(d, "birth", 4));  // a girl who did not give birth
  // No `for:`: a near miss when exactly one condition fails (the boy: only "poor"); two failures or an
  // unknown condition are not.
  CHECK(Near(d, "unmarked", 0));
  CHECK_FALSE(Near(d, "unmarked", 1));
  CHECK_FALSE(Near(d, "unmarked", 4));  // young, studying unknown, not poor: not eligible, not a near miss
  CHECK(Find(d, "unmarked", 4)->status == BenefitStatus::kNotEligible);
  CHECK(Find(d, "school_meal", 4)->status == BenefitStatus::kUndetermined);
  // Only not_eligible outcomes are near misses.
  CHECK(Find(d, "awaiting", 0)->status == BenefitStatus::kUndetermined);
  CHECK_FALSE(Near(d, "awaiting", 0));

  EvaluateOptions no_reasons;
  no_reasons.reasons = false;
  const Decision quick = Evaluate(rules, Family(), kDetailDay, no_reasons);
  CHECK_FALSE(Near(quick, "war_invalid", 1));  // needs reasons
}

TEST_CASE("Listed: summary lists eligible and undetermined, reasons adds near misses, full all", "[detail]") {
  BenefitOutcome o;
  o.status = BenefitStatus::kEligible;
  CHECK((Listed(o, Detail::kSummary) && Listed(o, Detail::kReasons) && Listed(o, Detail::kFull)));
  o.status = BenefitStatus::kUndetermined;
  CHECK((Listed(o, Detail::kSummary) && Listed(o, Detail::kReasons) && Listed(o, Detail::kFull)));
  o.status = BenefitStatus::kNotEligible;
  CHECK((!Listed(o, Detail::kSummary) && !Listed(o, Detail::kReasons) && Listed(o, Detail::kFull)));
  o.near_miss = true;
  CHECK((!Listed(o, Detail::kSummary) && Listed(o, Detail::kReasons) && Listed(o, Detail::kFull)));
  o.status = BenefitStatus::kSuperseded;
  o.near_miss = false;
  CHECK((!Listed(o, Detail::kSummary) && !Listed(o, Detail::kReasons) && Listed(o, Detail::kFull)));
  o.status = BenefitStatus::kNotInForce;
  CHECK((!Listed(o, Detail::kSummary) && !Listed(o, Detail::kReasons) && Listed(o, Detail::kFull)));
  CHECK(ParseDetail("summary") == Detail::kSummary);
  CHECK(ParseDetail("reasons") == Detail::kReasons);
  CHECK(ParseDetail("full") == Detail::kFull);
  CHECK_FALSE(ParseDetail("short"));
  CHECK(std::string(ToString(Detail::kReasons)) == "reasons");
}

TEST_CASE("the JSON form at each detail level", "[detail]") {
  TempPackage pkg({{"rules.yaml", std::string(kDetailRules)}});
  const RuleSet rules = pkg.Rules();
  const Decision d = Evaluate(rules, Family(), kDetailDay);
  JsonOptions json;
  const std::string full = ToJson(d, json);
  json.detail = Detail::kReasons;
  const std::string reasons = ToJson(d, json);
  json.detail = Detail::kSummary;
  const std::string summary = ToJson(d, json);
  auto count = [](const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  // 5 members × 5 benefits in full; summary: the boy's school lunch (eligible), the girl's (undetermined),
  // the children's "awaiting" (undetermined); reasons: those plus 3 near misses (veteran, mother, boy's
  // scholarship).
  CHECK(count(full, "\"benefit\":") == 25);
  CHECK(count(summary, "\"benefit\":") == 4);
  CHECK(count(reasons, "\"benefit\":") == 7);
  CHECK(count(summary, "\"reason\"") == 0);
  CHECK(count(summary, "\"reference\"") == 0);
  CHECK(count(reasons, "\"reason\"") == 7);
  CHECK(count(full, "\"reason\"") == 25);
  CHECK(reasons.find("Tỷ lệ tổn thương 15 < 21") != std::string::npos);
  CHECK(summary.find("\"missing\":[\"members[GIRL].studying\"]") != std::string::npos);
  // The same household, variables and totals at every level.
  CHECK(summary.substr(0, summary.find("\"members\"")) == full.substr(0, full.find("\"members\"")));
  CHECK(summary.substr(summary.rfind("\"total_monthly\"")) == full.substr(full.rfind("\"total_monthly\"")));
  std::string appended = "x";
  AppendJson(d, json, &appended);
  CHECK(appended == "x" + summary);
}

TEST_CASE("the brief: total and caveats, questions of fact, awaiting a text, near misses", "[detail][brief]") {
  TempPackage pkg({{"rules.yaml", std::string(kDetailRules)}});
  const RuleSet rules = pkg.Rules();
  const Decision d = Evaluate(rules, Family(), kDetailDay);
  const Brief brief = MakeBrief(d, Detail::kReasons);
  CHECK(brief.total_monthly == 100);
  CHECK_FALSE(brief.total_provisional);
  REQUIRE(brief.receives.size() == 1);
  CHECK(brief.receives[0].member == 0);
  // The girl's studying is a fact to ask; the unconfirmed figure is not a question.
  REQUIRE(brief.questions.size() == 1);
  CHECK(brief.questions[0].path == "members[GIRL].studying");
  CHECK(brief.questions[0].member == 4);
  REQUIRE(brief.questions[0].field != nullptr);
  CHECK(brief.questions[0].field->name == "studying");
  REQUIRE(brief.questions[0].decides.size() == 1);
  CHECK(rules.benefits()[brief.questions[0].decides[0].outcome.benefit].id == "school_meal");
  CHECK(brief.undetermined.size() == 1);
  CHECK(brief.awaiting_text.size() == 2);  // the children's "awaiting": a legal figure, not a fact
  CHECK(brief.near_misses.size() == 3);
  CHECK(brief.others.empty());
  CHECK(MakeBrief(d, Detail::kSummary).near_misses.empty());
  CHECK(MakeBrief(d, Detail::kFull).others.size() == 25 - 4 - 3);

  const std::string text = ToText(d, TextOptions{});
  CHECK(text.find("Tổng trợ cấp hằng tháng: 100 đ (chưa gồm 3 chế độ chưa xác định)") != std::string::npos);
  CHECK(text.find("? Đang đi học — Thành viên GIRL") != std::string::npos);
  CHECK(text.find("CHỜ VĂN BẢN") != std::string::npos);
  CHECK(text.find("chờ văn bản quy định Mức trợ cấp chờ văn bản") != std::string::npos);
  CHECK(text.find("param.") == std::string::npos);  // never a legal figure as a question or an id
  TextOptions short_text;
  short_text.detail = Detail::kReasons;
  const std::string brief_text = ToText(d, short_text);
  CHECK(brief_text.find("Tỷ lệ tổn thương 15 < 21") != std::string::npos);
  CHECK(brief_text.find("Thành viên BOY — Trợ cấp thương binh") == std::string::npos);
  CHECK(brief_text.find("Thành viên MAN — Hỗ trợ sinh con") == std::string::npos);
}

TEST_CASE("an amount resting on a provisional figure is marked in the brief and its total", "[detail][brief]") {
  TempPackage pkg({{"rules.yaml", std::string(R"Y(
schema:
  person:
    age: {type: int}
parameters:
  base:
    unit: money
    values:
      2021-01-01: {value: 500000, status: provisional, reference: "báo chí"}
benefits:
  - id: elderly
    label: {vi: Trợ cấp người cao tuổi, en: Elderly allowance}
    applies_to: person
    effective: {from: 2021-01-01}
    for: [old]
    when:
      - old: age >= 80
    amount: param.base
)Y")}});
  const RuleSet rules = pkg.Rules();
  Household h("H2");
  h.AddMember("P1").Set("age", int64_t{85});
  const Decision d = Evaluate(rules, h, kDetailDay);
  const Brief brief = MakeBrief(d);
  REQUIRE(brief.receives.size() == 1);
  CHECK(brief.receives[0].outcome.provisional);
  CHECK(brief.total_provisional);
  const std::string text = ToText(d, TextOptions{});
  CHECK(text.find("Tổng trợ cấp hằng tháng: 500.000 đ (có khoản tạm tính)") != std::string::npos);
  CHECK(text.find("500.000 đ/tháng (tạm tính)") != std::string::npos);
}
