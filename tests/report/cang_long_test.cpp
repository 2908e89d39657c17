// The Càng Long indicators (rules/vn/tra-vinh/cang-long/indicators.yaml) on
// six hand-made households (tests/data/report/cang-long.jsonl), November 2026:
//   HA poor, extremely difficult area: child 18 months (paid sa_child_under_3); water + latrine deprived
//   HB near-poor, not in such an area: child 18 months (not paid), a pregnant woman (nothing); water deprived
//   HC well-off, urban: a child (outside the target groups)
//   HD poor: a man of 76 without pension (social pension); water + latrine deprived
//   HE near-poor: a woman of 76 (social pension) and a man of 66 with a supporter (nothing);
//      the woman's `pregnant` is not recorded
//   HF poor, deprivations not recorded
#include <catch2/catch.hpp>

#include "report/report_fixture.hpp"

namespace ansinh {
namespace {

using testing::Ids;
using testing::Indicator;
using testing::ReportData;
using testing::ShippedRules;

const RuleSet& CangLong() {
  static const RuleSet rules = LoadRulesOrThrow(ShippedRules("vn/tra-vinh/cang-long"));
  return rules;
}

const When kNov2026 = When::Month(YearMonth(2026, 11));

TEST_CASE("cang-long: the programme's targets on hand-made households", "[report][cang-long]") {
  const Report r = BuildReport(CangLong(), {ReportData("cang-long.jsonl")}, kNov2026);
  REQUIRE(r.error_households == 0);

  const IndicatorLine& children = Indicator(r, "sa_children_under_36_months");
  CHECK(children.info.population == Entity::kHousehold);
  CHECK(children.numerator == 1);  // HA
  CHECK(children.denominator == 2);
  CHECK(children.gap == 1);
  CHECK(Ids(children.against) == std::vector<std::string>{"HB"});

  const IndicatorLine& pregnant = Indicator(r, "sa_pregnant_women");
  CHECK(pregnant.numerator == 0);
  CHECK(pregnant.denominator == 1);
  CHECK(Ids(pregnant.against) == std::vector<std::string>{"HB"});
  CHECK(pregnant.population_unknown == 1);  // HE: whether the woman of 76 is pregnant is not recorded
  CHECK(Ids(pregnant.to_check) == std::vector<std::string>{"HE"});

  const IndicatorLine& elderly = Indicator(r, "sa_elderly");
  CHECK(elderly.numerator == 1);  // HD; in HE the man of 66 gets nothing
  CHECK(elderly.denominator == 2);
  CHECK(Ids(elderly.against) == std::vector<std::string>{"HE"});

  const IndicatorLine& hi = Indicator(r, "hi_coverage");
  CHECK(hi.numerator == 6);
  CHECK(hi.denominator == 8);
  CHECK(hi.unknown == 1);  // HB-W
  CHECK(hi.gap == 2);      // ceil(0.96 × 8) − 6
  CHECK(Ids(hi.against) == std::vector<std::string>{"HC(HC-C)", "HE(HE-E2)"});

  const IndicatorLine& water = Indicator(r, "rural_hygienic_water");
  CHECK(water.numerator == 1);  // HE
  CHECK(water.denominator == 4);
  CHECK(Ids(water.against) == std::vector<std::string>{"HA", "HB", "HD"});
  CHECK(Ids(water.to_check) == std::vector<std::string>{"HF"});
  const IndicatorLine& latrine = Indicator(r, "rural_hygienic_latrine");
  CHECK(latrine.numerator == 2);  // HB, HE
  CHECK(latrine.denominator == 4);
  CHECK(latrine.met == false);

  CHECK(testing::Cost(r, "sa_child_under_3").monthly == 810'000);  // 1.5 × 540,000 (provisional)
  CHECK(testing::Cost(r, "sa_child_under_3").provisional == 1);
  CHECK(testing::Cost(r, "social_pension").beneficiaries == 2);
}

TEST_CASE("cang-long: the example registry's report shows every indicator and the cost table", "[report][cang-long]") {
  const Report r = BuildReport(CangLong(), {testing::ExampleRegistry()}, kNov2026);
  CHECK(r.households == 424);  // examples/README.md: 424 households
  REQUIRE(r.indicators.size() == CangLong().indicators().size());
  const std::string text = RenderText(r);
  for (const IndicatorInfo& info : CangLong().indicators()) {
    INFO(info.id);
    CHECK(text.find("  " + info.label.vi + "\n") != std::string::npos);  // by its label (issue 15), not its id
    CHECK(text.find(info.id + " ") == std::string::npos);
  }
  for (const IndicatorLine& i : r.indicators) {
    INFO(i.info.id);
    CHECK(i.numerator <= i.denominator);
    CHECK(i.against.size() == i.against_households);  // fewer than 1000: all listed
  }
  int64_t sum = 0;
  for (const CostLine& c : r.benefits) sum += c.monthly;
  CHECK(sum == r.monthly);
  // The same total as evaluating record by record.
  RecordBatch batch = ReadAll(CangLong(), {testing::ExampleRegistry()});
  const DecisionBatch d = Evaluate(CangLong(), batch, kNov2026);
  int64_t total = 0;
  for (size_t h = 0; h < d.size(); ++h) total += d[h].total_monthly();
  CHECK(total == r.monthly);
}

}  // namespace
}  // namespace ansinh
