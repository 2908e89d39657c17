// Groups (highest wins, ties by declared order, adds_to, receives) and months
// (Decree 20/2021 Art. 8: a month is paid at the highest level reached on any day).
#include <catch2/catch.hpp>

#include "ansinh/reader.hpp"
#include "eval/package_fixture.hpp"
#include "test_paths.hpp"

using namespace ansinh;
using ansinh::testing::Find;
using ansinh::testing::TempPackage;

namespace {

const char* kGroups = R"Y(
groups:
  g:
    label: {vi: Nhóm, en: Group}
    policy: highest
benefits:
  - id: small
    applies_to: person
    group: g
    effective: {from: 2021-01-01}
    when: [{t: true}]
    amount: 100
  - id: tie_a
    applies_to: person
    group: g
    effective: {from: 2021-01-01}
    when: [{d: disabled}]
    amount: 300
  - id: tie_b
    applies_to: person
    group: g
    effective: {from: 2021-01-01}
    when: [{d: disabled}]
    amount: 300
  - id: extra
    applies_to: person
    adds_to: g
    effective: {from: 2021-01-01}
    when: [{t: true}]
    amount: 7
  - id: follows
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - gets: receives("g")
      - not_small: not receives("small")
      - qualifies_small: qualifies("small")
    amount: 1
)Y";

Decision Eval(const RuleSet& rules, const Household& h, const When& when) { return Evaluate(rules, h, when); }

}  // namespace

TEST_CASE("groups: the highest wins, ties go to the declared order", "[groups]") {
  TempPackage pkg({{"rules.yaml", std::string(testing::kBaseSchema) + kGroups}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.AddMember("P").Set("disabled", true);
  Decision d = Eval(rules, h, When::AsOf(*Date::Parse("2024-01-01")));
  CHECK(Find(d, "tie_a")->status == BenefitStatus::kEligible);
  CHECK(Find(d, "tie_b")->status == BenefitStatus::kSuperseded);
  CHECK(Find(d, "tie_b")->superseded_by == rules.BenefitIndex("tie_a"));
  CHECK(Find(d, "small")->status == BenefitStatus::kSuperseded);
  CHECK(Find(d, "extra")->status == BenefitStatus::kEligible);  // adds to the winner
  CHECK(d.total_monthly() == 300 + 7 + 1);  // winner + adds_to + the ungrouped "follows"
  CHECK(Find(d, "follows")->status == BenefitStatus::kEligible);  // receives/qualifies see the resolution
  Household h2("H2");
  h2.AddMember("P").Set("disabled", false);
  Decision d2 = Eval(rules, h2, When::AsOf(*Date::Parse("2024-01-01")));
  CHECK(Find(d2, "small")->status == BenefitStatus::kEligible);
  CHECK(Find(d2, "follows")->status == BenefitStatus::kNotEligible);
  CHECK(d2.total_monthly() == 107);
}

TEST_CASE("groups: an explicit order breaks ties", "[groups]") {
  std::string text = std::string(testing::kBaseSchema) + kGroups;
  text.replace(text.find("    policy: highest"), 19, "    policy: highest\n    order: [tie_b, tie_a]");
  TempPackage pkg({{"rules.yaml", text}});
  Household h("H");
  h.AddMember("P").Set("disabled", true);
  Decision d = Eval(pkg.Rules(), h, When::AsOf(*Date::Parse("2024-01-01")));
  CHECK(Find(d, "tie_b")->status == BenefitStatus::kEligible);
  CHECK(Find(d, "tie_a")->status == BenefitStatus::kSuperseded);
}

namespace {
const char* kMonths = R"Y(
parameters:
  base: {type: money, values: {2021-01-01: 500000}}
variables:
  age_months: {entity: person, type: int, formula: "months_between(birth_date, as_of)"}
  age_years: {entity: person, type: int, formula: "years_between(birth_date, as_of)"}
benefits:
  - id: under_3
    applies_to: person
    effective: {from: 2021-01-01}
    when: [{u3: age_months < 36}]
    amount: 1.5 * param.base
  - id: elderly
    applies_to: person
    effective: {from: 2021-01-01}
    when: [{old: age_years >= 60}]
    amount: "if age_years >= 80 then 2.0 * param.base else 1.5 * param.base"
  - id: first_day_only
    applies_to: person
    month_rule: first_day
    effective: {from: 2021-01-01}
    when: [{u3: age_months < 36}]
    amount: 1
  - id: last_day_only
    applies_to: person
    month_rule: last_day
    effective: {from: 2021-01-01}
    when: [{u3: age_months < 36}]
    amount: 1
)Y";
}  // namespace

TEST_CASE("months: a child's third birthday month is still paid; as of the birthday it is not", "[months]") {
  TempPackage pkg({{"rules.yaml", std::string(testing::kBaseSchema) + kMonths}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.AddMember("C").Set("birth_date", "2021-02-28");
  auto status = [&](const When& w, const char* benefit = "under_3") {
    Decision d = Eval(rules, h, w);
    return Find(d, benefit)->status;
  };
  CHECK(status(When::AsOf(*Date::Parse("2024-02-27"))) == BenefitStatus::kEligible);
  CHECK(status(When::AsOf(*Date::Parse("2024-02-28"))) == BenefitStatus::kNotEligible);  // 36 months completed
  CHECK(status(When::Month(*YearMonth::Parse("2024-02"))) == BenefitStatus::kEligible);  // any day of Feb
  CHECK(status(When::Month(*YearMonth::Parse("2024-03"))) == BenefitStatus::kNotEligible);
  // first_day rule: on 2024-02-01 the child is 35 months: paid; in March not.
  CHECK(status(When::Month(*YearMonth::Parse("2024-02")), "first_day_only") == BenefitStatus::kEligible);
  // last_day rule: on 2024-02-29 the child has completed 36 months (the day before): not paid; in January it is.
  // (Three passes, 1st, 28th and 29th: the last keeps the 28th's lanes, and is merged for its day.)
  CHECK(status(When::Month(*YearMonth::Parse("2024-02")), "last_day_only") == BenefitStatus::kNotEligible);
  CHECK(status(When::Month(*YearMonth::Parse("2024-01")), "last_day_only") == BenefitStatus::kEligible);
  // Born on the 1st: the third birthday is the 1st day of the month, no day of that month is under 36 months.
  Household h2("H2");
  h2.AddMember("C").Set("birth_date", "2021-03-01");
  Decision d2 = Eval(rules, h2, When::Month(*YearMonth::Parse("2024-03")));
  CHECK(Find(d2, "under_3")->status == BenefitStatus::kNotEligible);
  Decision d3 = Eval(rules, h2, When::Month(*YearMonth::Parse("2024-02")));
  CHECK(Find(d3, "under_3")->status == BenefitStatus::kEligible);
}

TEST_CASE("months: the month of the 80th birthday is paid at the 80+ rate", "[months]") {
  TempPackage pkg({{"rules.yaml", std::string(testing::kBaseSchema) + kMonths}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.AddMember("E").Set("birth_date", "1944-07-20");
  Decision before = Eval(rules, h, When::AsOf(*Date::Parse("2024-07-19")));
  CHECK(Find(before, "elderly")->amount == 750000);
  Decision month = Eval(rules, h, When::Month(*YearMonth::Parse("2024-07")));
  CHECK(Find(month, "elderly")->amount == 1000000);
  auto ex = month.explanation(*Find(month, "elderly"));
  CHECK_FALSE(ex.has_value());  // explanations only with EvaluateOptions::explain
  EvaluateOptions options;
  options.explain = true;
  Decision traced = Evaluate(rules, h, When::Month(*YearMonth::Parse("2024-07")), options);
  auto trace = traced.explanation(*Find(traced, "elderly"));
  REQUIRE(trace.has_value());
  CHECK(trace->decided_on == *Date::Parse("2024-07-20"));  // the birthday decided the amount
}

TEST_CASE("months: a 29 February birthday completes its year on 28 February", "[months][dates]") {
  TempPackage pkg({{"rules.yaml", std::string(testing::kBaseSchema) + kMonths}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.AddMember("E").Set("birth_date", "1964-02-29");
  CHECK(Find(Eval(rules, h, When::AsOf(*Date::Parse("2024-02-28"))), "elderly")->status == BenefitStatus::kNotEligible);
  CHECK(Find(Eval(rules, h, When::AsOf(*Date::Parse("2024-02-29"))), "elderly")->status == BenefitStatus::kEligible);
  Household h2("H2");
  h2.AddMember("E").Set("birth_date", "1963-02-28");
  CHECK(Find(Eval(rules, h2, When::AsOf(*Date::Parse("2023-02-28"))), "elderly")->status == BenefitStatus::kEligible);
  Household h3("H3");
  h3.AddMember("E").Set("birth_date", "1960-02-29");
  // 2020-02-29 + 60 years → 2080? no: age 60 in 2020-02-29; use 2021 (non-leap): 61 completed on 2021-02-28.
  Decision d = Eval(rules, h3, When::AsOf(*Date::Parse("2021-02-28")));
  for (const auto& [info, value] : d.variables(0)) {
    if (info->name == "age_years") CHECK(value.raw == 61);
  }
}

TEST_CASE("record checks written in the package fire as warnings or errors", "[checks]") {
  TempPackage pkg({{"rules.yaml", std::string(testing::kBaseSchema) + kMonths + R"Y(
checks:
  - id: R_BORN_LATER
    applies_to: person
    severity: error
    field: birth_date
    when: birth_date > as_of
    message: {vi: Ngày sinh sau ngày xét, en: Birth date after the evaluation date}
  - id: R_NO_SEX
    applies_to: person
    severity: warning
    field: sex
    when: not known(sex)
    message: {vi: Thiếu giới tính, en: Sex missing}
)Y"}});
  const RuleSet rules = pkg.Rules();
  Household h("H");
  h.AddMember("A").Set("birth_date", "2030-01-01").Set("sex", "male");
  Decision d = Eval(rules, h, When::AsOf(*Date::Parse("2024-01-01")));
  CHECK_FALSE(d.ok());
  REQUIRE(d.errors().size() == 1);
  CHECK(d.errors()[0].code == "R_BORN_LATER");
  CHECK(d.errors()[0].field == "members[A].birth_date");
  CHECK(d.errors()[0].message_vi == "Ngày sinh sau ngày xét");
  Household h2("H2");
  h2.AddMember("B").Set("birth_date", "2000-01-01");
  Decision d2 = Eval(rules, h2, When::AsOf(*Date::Parse("2024-01-01")));
  CHECK(d2.ok());
  REQUIRE(d2.warnings().size() == 1);
  CHECK(d2.warnings()[0].code == "R_NO_SEX");
}

TEST_CASE("decisions do not depend on the thread count or chunking", "[determinism]") {
  const RuleSet rules = LoadRulesOrThrow(std::string(ANSINH_RULES_DIR) + "/vn");
  RecordBatch batch = ReadAll(rules, {std::string(ANSINH_SOURCE_DIR) + "/examples/registry.jsonl"});
  REQUIRE(batch.size() >= 300);
  auto render = [&](unsigned threads, unsigned chunk, const When& when, int detail = 2) {
    EvaluateOptions options;
    options.threads = threads;
    options.chunk_households = chunk;
    options.reasons = detail >= 1;
    options.explain = detail == 3;
    JsonOptions json;
    json.detail = detail == 0 ? Detail::kSummary : detail == 1 ? Detail::kReasons : Detail::kFull;
    json.explain = detail == 3;
    DecisionBatch out = Evaluate(rules, batch, when, options);
    std::string all;
    for (size_t i = 0; i < out.size(); ++i) all += ToJson(out[i], json) + "\n";
    return all;
  };
  // "" when equal, else the first line that differs (shortened): a failure stays readable.
  auto difference = [](const std::string& a, const std::string& b) -> std::string {
    if (a == b) return "";
    size_t at = 0;
    while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
    const size_t line = a.rfind('\n', at) == std::string::npos ? 0 : a.rfind('\n', at) + 1;
    return a.substr(line, 80) + " ... at byte " + std::to_string(at - line) + ": " + a.substr(at, 60) + " | " +
           b.substr(at, 60);
  };
  for (const When& when : {When::AsOf(*Date::Parse("2026-01-01")), When::Month(*YearMonth::Parse("2024-07"))}) {
    const std::string one = render(1, 1024, when);
    CHECK(difference(one, render(2, 1024, when)).empty());
    CHECK(difference(one, render(2, 7, when)).empty());
    CHECK(difference(one, render(1, 1, when)).empty());
  }
  // A chunk of one household has one day for all its lanes in each pass of a
  // month (as in the service): the later passes then skip the parameters, the
  // benefits and their merging whose inputs did not change (EvalState::Run).
  // A chunk of many has a day per household. Both give the same decisions, at
  // each detail, in months where birthdays cross the rules' age limits.
  for (const char* month : {"2026-07", "2026-12"}) {
    const When when = When::Month(*YearMonth::Parse(month));
    for (int detail = 0; detail <= 3; ++detail) {
      INFO(month << " detail " << detail);
      CHECK(difference(render(1, 1024, when, detail), render(1, 1, when, detail)).empty());
    }
  }
}

TEST_CASE("OutcomeRange::count gives what counting the outcomes gives, for every status", "[api]") {
  const RuleSet rules = LoadRulesOrThrow(std::string(ANSINH_RULES_DIR) + "/vn");
  RecordBatch batch = ReadAll(rules, {std::string(ANSINH_SOURCE_DIR) + "/examples/registry.jsonl"});
  const DecisionBatch out = Evaluate(rules, batch, When::AsOf(*Date::Parse("2026-01-01")));
  const BenefitStatus all[] = {BenefitStatus::kEligible, BenefitStatus::kNotEligible, BenefitStatus::kUndetermined,
                               BenefitStatus::kSuperseded, BenefitStatus::kNotInForce};
  size_t counted[5] = {0, 0, 0, 0, 0}, by_count[5] = {0, 0, 0, 0, 0};
  auto tally = [&](const OutcomeRange& range) {
    for (const BenefitOutcome o : range) ++counted[static_cast<int>(o.status)];
    for (int s = 0; s < 5; ++s) by_count[s] += range.count(all[s]);
  };
  for (size_t i = 0; i < out.size(); ++i) {
    tally(out[i].benefits());
    for (size_t m = 0; m < out[i].member_count(); ++m) tally(out[i].member_benefits(m));
  }
  for (int s = 0; s < 5; ++s) CHECK(counted[s] == by_count[s]);
  CHECK(by_count[static_cast<int>(BenefitStatus::kUndetermined)] > 0);  // the registry has some of each
  CHECK(by_count[static_cast<int>(BenefitStatus::kEligible)] > 0);
  CHECK(by_count[static_cast<int>(BenefitStatus::kNotEligible)] > 0);
}
