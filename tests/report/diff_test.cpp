// ansinh diff: a package against itself changes nothing; a parameter change
// gives exactly the change computed by hand; the shipped scenarios add up.
#include <catch2/catch.hpp>

#include <map>

#include "report/report_fixture.hpp"

namespace ansinh {
namespace {

using testing::DiffLine;
using testing::ExampleRegistry;
using testing::Mini;
using testing::MiniBase;
using testing::MiniWhen;
using testing::ReportData;
using testing::ShippedRules;

void CheckEmpty(const Diff& d) {
  CHECK(d.changed_households == 0);
  CHECK(d.changes.empty());
  CHECK(d.gaining_households == 0);
  CHECK(d.losing_households == 0);
  CHECK(d.gaining_persons == 0);
  CHECK(d.losing_persons == 0);
  CHECK(d.error_changed_households == 0);
  CHECK(d.monthly_a == d.monthly_b);
  CHECK(d.annual_a == d.annual_b);
  CHECK(d.once_a == d.once_b);
  for (const DiffBenefitLine& l : d.benefits) {
    INFO(l.id);
    CHECK(l.gained + l.lost + l.up + l.down + l.status_changed == 0);
    CHECK(l.beneficiaries_a == l.beneficiaries_b);
    CHECK(l.monthly_a == l.monthly_b);
  }
  for (const DiffAreaLine& a : d.by_area) CHECK(a.monthly_a == a.monthly_b);
}

TEST_CASE("diff: a package against itself is empty", "[diff]") {
  const Diff mini = BuildDiff(Mini(), Mini(), {ReportData("registry.jsonl")}, MiniWhen());
  CheckEmpty(mini);
  CHECK(mini.households == 5);
  CHECK(mini.monthly_a == 400'000);

  const RuleSet vn = LoadRulesOrThrow(ShippedRules("vn"));
  const Diff d = BuildDiff(vn, vn, {ExampleRegistry()}, When::Month(YearMonth(2026, 11)));
  CheckEmpty(d);
  CHECK(d.households == 424);  // examples/README.md: 424 households
  CHECK(d.monthly_a > 0);
}

TEST_CASE("diff: base level 100,000 -> 120,000 equals the change computed by hand", "[diff]") {
  const Diff d = BuildDiff(Mini(), MiniBase(), {ReportData("registry.jsonl")}, MiniWhen());
  // P1 elder 2 × base: 200,000 -> 240,000; P2 and R1 elder_poor 1 × base: 100,000 -> 120,000.
  CHECK(d.monthly_a == 400'000);
  CHECK(d.monthly_b == 480'000);
  CHECK(d.annual_b - d.annual_a == 12 * 80'000);
  CHECK(d.once_a == d.once_b);  // the grant is a fixed amount
  CHECK(d.changed_households == 2);
  CHECK(d.gaining_households == 2);
  CHECK(d.gaining_persons == 3);
  CHECK(d.losing_households == 0);

  const DiffBenefitLine& elder = DiffLine(d, "elder");
  CHECK(elder.up == 1);
  CHECK(elder.monthly_b - elder.monthly_a == 40'000);
  const DiffBenefitLine& poor = DiffLine(d, "elder_poor");
  CHECK(poor.up == 2);
  CHECK(poor.monthly_b - poor.monthly_a == 40'000);
  CHECK(poor.status_changed == 0);  // P1's superseded elder_poor stays superseded
  CHECK(DiffLine(d, "hi_support").up + DiffLine(d, "grant").up == 0);

  REQUIRE(d.changes.size() == 2);
  const HouseholdChange& h1 = d.changes[0];
  CHECK(h1.household_id == "H1");
  CHECK(h1.area == "rural");
  CHECK(h1.commune == "Xã A");
  CHECK(h1.monthly_a == 300'000);
  CHECK(h1.monthly_b == 360'000);
  REQUIRE(h1.changes.size() == 2);
  CHECK(h1.changes[0].person_id == "P1");
  CHECK(h1.changes[0].benefit == "elder");
  CHECK(h1.changes[0].kind == ChangeKind::kUp);
  CHECK(*h1.changes[0].amount_a == 200'000);
  CHECK(*h1.changes[0].amount_b == 240'000);
  CHECK(h1.changes[1].person_id == "P2");
  CHECK(h1.changes[1].benefit == "elder_poor");
  CHECK(d.changes[1].household_id == "H3");

  REQUIRE(d.by_area.size() == 3);
  CHECK(d.by_area[0].key == "rural");
  CHECK(d.by_area[0].gaining_households == 2);
  CHECK(d.by_area[0].gaining_persons == 3);
  CHECK(d.by_area[0].monthly_b - d.by_area[0].monthly_a == 80'000);
  CHECK(d.by_area[1].gaining_households == 0);

  // The reverse diff: the same households lose the same amounts.
  const Diff back = BuildDiff(MiniBase(), Mini(), {ReportData("registry.jsonl")}, MiniWhen());
  CHECK(back.losing_households == 2);
  CHECK(back.losing_persons == 3);
  CHECK(back.monthly_b - back.monthly_a == -80'000);
  CHECK(DiffLine(back, "elder_poor").down == 2);
  // Indicators both packages declare are measured under each.
  REQUIRE(d.indicators.size() == 4);
  CHECK(d.indicators[0].a.numerator == d.indicators[0].b.numerator);
}

TEST_CASE("diff: the docs/analysts.md C++ example compiles as written (braced paths)", "[diff]") {
  const std::string path = ReportData("registry.jsonl");
  const Report r = BuildReport(Mini(), {path.c_str()}, When::Month({2026, 1}));
  const Diff d = BuildDiff(Mini(), MiniBase(), {path.c_str()}, When::Month({2026, 1}));
  CHECK(r.households == 5);
  CHECK(d.monthly_b - d.monthly_a == 80'000);
}

TEST_CASE("diff: households in memory give the same diff", "[diff]") {
  std::vector<Household> households;
  Household h("H1");
  h.Set("area", "rural").Set("income", 900'000).Set("commune", "Xã A");
  h.AddMember("P1").Set("age", 85).Set("insured", true);
  households.push_back(h);
  const Diff d = BuildDiff(Mini(), MiniBase(), households, MiniWhen());
  CHECK(d.households == 1);
  CHECK(d.monthly_b - d.monthly_a == 40'000);
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0].changes[0].kind == ChangeKind::kUp);
}

TEST_CASE("diff: NQ42 scenario — totals are the sum of the household changes", "[diff][shipped]") {
  const RuleSet vn = LoadRulesOrThrow(ShippedRules("vn"));
  const RuleSet nq42 = LoadRulesOrThrow(ShippedRules("scenarios/nq42-2030"));
  ReportOptions options;
  options.max_listed = 0;  // list every changed household
  const Diff d = BuildDiff(vn, nq42, {ExampleRegistry()}, When::Month(YearMonth(2026, 11)), options);
  CHECK(d.monthly_b > d.monthly_a);
  CHECK(d.losing_households == 0);  // the scenario only widens coverage
  REQUIRE(d.changes.size() == d.changed_households);
  int64_t delta = 0;
  std::map<std::string, uint64_t> gained;
  for (const HouseholdChange& h : d.changes) {
    delta += h.monthly_b - h.monthly_a;
    for (const BenefitChange& c : h.changes) gained[c.benefit] += c.kind == ChangeKind::kGained ? 1 : 0;
  }
  CHECK(delta == d.monthly_b - d.monthly_a);
  const DiffBenefitLine& child = DiffLine(d, "sa_child_under_3");
  CHECK(child.gained == gained["sa_child_under_3"]);
  CHECK(child.gained > 0);
  CHECK(child.beneficiaries_b == child.beneficiaries_a + child.gained - child.lost);
  const DiffBenefitLine& pregnant = DiffLine(d, "sa_pregnant_poor");  // only in B
  CHECK_FALSE(pregnant.in_a);
  CHECK(pregnant.in_b);
  CHECK(pregnant.gained == pregnant.beneficiaries_b);
  int64_t by_benefit = 0;
  for (const DiffBenefitLine& l : d.benefits) by_benefit += l.monthly_b - l.monthly_a;
  CHECK(by_benefit == d.monthly_b - d.monthly_a);
}

TEST_CASE("diff: base level 500,000 (scenario) against 540,000 (vn, November 2026)", "[diff][shipped]") {
  const RuleSet base500 = LoadRulesOrThrow(ShippedRules("scenarios/base-500000"));
  const RuleSet vn = LoadRulesOrThrow(ShippedRules("vn"));
  ReportOptions options;
  options.max_listed = 0;
  const Diff d = BuildDiff(base500, vn, {ExampleRegistry()}, When::Month(YearMonth(2026, 11)), options);
  CHECK(d.losing_households == 0);
  // Every allowance that is a multiple of the base rises by the same 8% (540/500); social pension does not move.
  CHECK(DiffLine(d, "social_pension").up == 0);
  for (const HouseholdChange& h : d.changes) {
    for (const BenefitChange& c : h.changes) {
      INFO(h.household_id << " " << c.person_id << " " << c.benefit);
      REQUIRE(c.kind == ChangeKind::kUp);
      CHECK(*c.amount_a * 540 == *c.amount_b * 500);
    }
  }
  // The benefits that change all rise by 40,000 per 500,000: the total change is 8% of what they cost under A.
  int64_t changed_a = 0;
  for (const DiffBenefitLine& l : d.benefits) changed_a += l.monthly_a != l.monthly_b ? l.monthly_a : 0;
  CHECK(changed_a > 0);
  CHECK((d.monthly_b - d.monthly_a) * 500 == changed_a * 40);
}

}  // namespace
}  // namespace ansinh
