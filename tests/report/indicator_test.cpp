// The report of a hand-made registry (tests/data/report/registry.jsonl, the
// package tests/data/report/mini), every number worked out by hand:
//
//   H1 rural, Xã A, income 900,000 (poor), listed poor
//      P1 85 insured   elder 200,000 (elder_poor 100,000 superseded), hi 100%
//      P2 62 uninsured elder_poor 100,000, hi 100%
//      P3 10 insured   hi 100%                      grant 1,000,000 (once)
//   H2 urban, Phường B, income 1,200,000 (near-poor), not listed
//      Q1 70 insured   nothing but hi 100% (not poor)
//      Q2 40 insured?  hi 100%
//   H3 rural, Xã A, income 2,000,000 (computed none), listed poor
//      R1 65 insured   elder_poor 100,000 (the list says poor), hi 100%; grant
//   H4 rural, Xã C, income unknown, listed none
//      S1 age? uninsured  elder undetermined (age)
//   H5<b>& "rurall": a record error (not evaluated)
#include <catch2/catch.hpp>

#include "report/report_fixture.hpp"
#include "report/report_internal.hpp"

namespace ansinh {
namespace {

using testing::Ids;
using testing::Indicator;
using testing::Mini;
using testing::MiniWhen;
using testing::ReportData;

Report IndicatorReport(ReportOptions options = {}) {
  return BuildReport(Mini(), {ReportData("registry.jsonl")}, MiniWhen(), options);
}

TEST_CASE("report: totals and cost per benefit of the hand-made registry", "[report]") {
  const Report r = IndicatorReport();
  CHECK(r.households == 5);
  CHECK(r.persons == 8);
  CHECK(r.evaluated_households == 4);
  CHECK(r.error_households == 1);
  CHECK(r.monthly == 400'000);
  CHECK(r.annual == 4'800'000);
  CHECK(r.once == 2'000'000);
  CHECK(r.beneficiaries == 3);           // P1, P2, R1 (cash)
  CHECK(r.beneficiary_households == 2);  // H1, H3

  const CostLine& elder = testing::Cost(r, "elder");
  CHECK(elder.beneficiaries == 1);
  CHECK(elder.undetermined == 1);  // S1: age unknown
  CHECK(elder.monthly == 200'000);
  CHECK(elder.annual == 2'400'000);
  const CostLine& poor = testing::Cost(r, "elder_poor");
  CHECK(poor.beneficiaries == 2);
  CHECK(poor.households == 2);
  CHECK(poor.superseded == 1);  // P1 gets the higher elder allowance
  CHECK(poor.monthly == 200'000);
  const CostLine& grant = testing::Cost(r, "grant");
  CHECK(grant.beneficiaries == 2);
  CHECK(grant.monthly == 0);
  CHECK(grant.once == 2'000'000);
  const CostLine& hi = testing::Cost(r, "hi_support");
  CHECK(hi.beneficiaries == 6);
  CHECK(hi.households == 3);
  CHECK(hi.monthly == 0);  // a percent is not money
  const CostLine& group = testing::Cost(r, "allowance");
  CHECK(group.is_group);
  CHECK(group.beneficiaries == 3);
  CHECK(group.households == 2);
  CHECK(group.monthly == 400'000);
}

TEST_CASE("report: indicator arithmetic on the hand-made registry", "[report][indicators]") {
  const Report r = IndicatorReport();
  REQUIRE(r.indicators.size() == 4);

  // Persons aged 60+: P1 P2 R1 paid, Q1 not, S1's age unknown. 3/4 = 75% < 90%: ceil(0.9 × 4) − 3 = 1 short.
  const IndicatorLine& elderly = Indicator(r, "elderly_covered");
  CHECK(elderly.numerator == 3);
  CHECK(elderly.denominator == 4);
  CHECK(elderly.population_unknown == 1);
  CHECK(elderly.unknown == 0);
  CHECK(*elderly.share == Decimal::FromMillionths(750'000));
  CHECK(elderly.met == false);
  CHECK(elderly.gap == 1);
  CHECK(Ids(elderly.against) == std::vector<std::string>{"H2(Q1)"});
  CHECK(Ids(elderly.to_check) == std::vector<std::string>{"H4(S1)"});

  // Everyone: insured P1 P3 Q1 R1; not P2 S1; Q2 unknown. 4/6 = 0.666667 >= 0.5.
  const IndicatorLine& insured = Indicator(r, "insured");
  CHECK(insured.numerator == 4);
  CHECK(insured.denominator == 6);
  CHECK(insured.unknown == 1);
  CHECK(*insured.share == Decimal::FromMillionths(666'667));
  CHECK(insured.met == true);
  CHECK(insured.gap == 0);
  CHECK(Ids(insured.against) == std::vector<std::string>{"H1(P2)", "H4(S1)"});
  CHECK(insured.against_households == 2);
  CHECK(Ids(insured.to_check) == std::vector<std::string>{"H2(Q2)"});

  // A "<=" count target: poor households H1 H3 (2) against at most 1 — the poor ones count against it.
  const IndicatorLine& poor = Indicator(r, "poor_households");
  CHECK(poor.numerator == 2);
  CHECK(poor.denominator == 4);
  CHECK(poor.met == false);
  CHECK(poor.gap == 1);
  CHECK(Ids(poor.against) == std::vector<std::string>{"H1", "H3"});

  // No target: rural households (H1 H3 H4) with a member aged 60+: H1 H3 yes, H4 unknown.
  const IndicatorLine& rural = Indicator(r, "rural_with_elderly");
  CHECK(rural.numerator == 2);
  CHECK(rural.denominator == 2);
  CHECK(rural.unknown == 1);
  CHECK(*rural.share == Decimal::FromInteger(1));
  CHECK_FALSE(rural.met.has_value());
  CHECK(rural.against.empty());
  CHECK(Ids(rural.to_check) == std::vector<std::string>{"H4"});
}

TEST_CASE("report: DecisionView::indicators gives one flag per indicator of the entity", "[report][indicators]") {
  RecordBatch batch = ReadAll(Mini(), {ReportData("registry.jsonl")});
  const DecisionBatch d = Evaluate(Mini(), batch, MiniWhen());
  REQUIRE(d.size() == 5);
  const std::vector<IndicatorOutcome> h4 = d[3].indicators(-1);  // poor_households, rural_with_elderly
  REQUIRE(h4.size() == 2);
  CHECK(Mini().indicators()[h4[0].indicator].id == "poor_households");
  CHECK(h4[0].status == IndicatorStatus::kNotMet);
  CHECK(h4[1].status == IndicatorStatus::kUnknown);
  const std::vector<IndicatorOutcome> s1 = d[3].indicators(0);  // elderly_covered, insured
  REQUIRE(s1.size() == 2);
  CHECK(s1[0].status == IndicatorStatus::kPopulationUnknown);
  CHECK(s1[1].status == IndicatorStatus::kNotMet);
  CHECK(d[1].indicators(-1)[1].status == IndicatorStatus::kOutside);  // H2 is urban
  CHECK(d[4].indicators(-1).empty());                                // a record error counts nowhere
  CHECK(std::string(ToString(IndicatorStatus::kPopulationUnknown)) == "population_unknown");
}

TEST_CASE("report: status differences, errors, undetermined and breakdowns", "[report]") {
  const Report r = IndicatorReport();
  CHECK(r.has_status);
  CHECK(r.status_compared == 2);  // H1 (same) and H3; H2 has no list status, H4 no computed one
  CHECK(r.status_difference_households == 1);
  REQUIRE(r.status_differences.size() == 1);
  CHECK(r.status_differences[0].household_id == "H3");
  CHECK(r.status_differences[0].recognized == "poor");
  CHECK(r.status_differences[0].computed == "none");
  CHECK(r.status_differences[0].possible_inclusion_error);

  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].household_id == "H5<b>&");
  CHECK(r.errors[0].origin.line == 5);
  REQUIRE(r.error_codes.size() == 1);
  CHECK(r.error_codes[0].key == "R_UNKNOWN_ENUM_VALUE");

  CHECK(r.undetermined_households == 1);
  CHECK(r.undetermined_outcomes == 1);
  REQUIRE(r.undetermined.size() == 1);
  CHECK(r.undetermined[0].household_id == "H4");
  CHECK(r.undetermined[0].benefits == std::vector<std::string>{"members[S1].elder"});
  CHECK(r.undetermined[0].missing == std::vector<std::string>{"members[S1].age"});
  REQUIRE(r.missing_fields.size() == 1);
  CHECK(r.missing_fields[0].key == "members[].age");
  CHECK(r.missing_parameters.empty());

  REQUIRE(r.by_area.size() == 3);  // rural, urban, then the unknown area of the record with errors
  CHECK(r.by_area[0].key == "rural");
  CHECK(r.by_area[0].label.en == "Rural");
  CHECK(r.by_area[0].households == 3);
  CHECK(r.by_area[0].persons == 5);
  CHECK(r.by_area[0].beneficiaries == 3);
  CHECK(r.by_area[0].monthly == 400'000);
  CHECK(r.by_area[1].key == "urban");
  CHECK(r.by_area[1].monthly == 0);
  CHECK(r.by_area[2].key.empty());
  CHECK(r.by_area[2].error_households == 1);
  REQUIRE(r.by_commune.size() == 3);  // Phường B, Xã A, Xã C
  CHECK(r.by_commune[1].key == "Xã A");
  CHECK(r.by_commune[1].households == 2);
  CHECK(r.by_commune[1].error_households == 1);
  CHECK(r.by_commune[1].monthly == 400'000);
  REQUIRE(r.by_status.size() == 3);  // poor (H1 H3), near_poor (H2), none (H4)
  CHECK(r.by_status[0].key == "poor");
  CHECK(r.by_status[0].households == 2);
  CHECK(r.by_status[2].key == "none");
  CHECK(r.by_status[0].by_benefit[static_cast<size_t>(Mini().BenefitIndex("elder_poor"))] == 2);
}

TEST_CASE("report: the result does not depend on the chunk size (streaming)", "[report]") {
  ReportOptions small;
  small.chunk_households = 2;
  const Report a = IndicatorReport();
  const Report b = IndicatorReport(small);
  CHECK(RenderJson(a) == RenderJson(b));
  CHECK(RenderText(a) == RenderText(b));
}

TEST_CASE("report: max_listed bounds the lists, not the counts", "[report]") {
  ReportOptions options;
  options.max_listed = 1;
  const Report r = IndicatorReport(options);
  const IndicatorLine& insured = Indicator(r, "insured");
  CHECK(insured.against_households == 2);
  CHECK(Ids(insured.against) == std::vector<std::string>{"H1(P2)"});
  CHECK(Indicator(r, "poor_households").against.size() == 1);
}

TEST_CASE("report: in-memory records give the same report as the file", "[report]") {
  RecordBatch batch = ReadAll(Mini(), {ReportData("registry.jsonl")});
  CHECK(RenderJson(BuildReport(Mini(), batch, MiniWhen())) == RenderJson(IndicatorReport()));
}

TEST_CASE("report: share, target and gap arithmetic", "[report][indicators]") {
  auto line = [](uint64_t num, uint64_t den, const char* op, std::optional<Decimal> share, std::optional<int64_t> count) {
    IndicatorLine l;
    l.numerator = num;
    l.denominator = den;
    l.info.target_op = op;
    l.info.target_share = share;
    l.info.target_count = count;
    report::FinishIndicator(l);
    return l;
  };
  const Decimal p96 = *Decimal::Parse("0.96");
  // 1269/1372 = 0.924927 (half-even at the 6th decimal); 0.96 × 1372 = 1317.12 -> 1318 needed.
  IndicatorLine hi = line(1269, 1372, ">=", p96, std::nullopt);
  CHECK(hi.share->ToString() == "0.924927");
  CHECK(hi.met == false);
  CHECK(hi.gap == 49);
  // Exactly on target: 24/25 = 0.96.
  CHECK(line(24, 25, ">=", p96, std::nullopt).met == true);
  CHECK(line(24, 25, ">=", p96, std::nullopt).gap == 0);
  // "<=" share: at most 10% of 25 = 2.5 -> at most 2 allowed; 4 is 2 too many.
  IndicatorLine at_most = line(4, 25, "<=", *Decimal::Parse("0.1"), std::nullopt);
  CHECK(at_most.met == false);
  CHECK(at_most.gap == 2);
  // Strict targets: "over 96%" is not met exactly on 96%; 25 x 0.96 = 24, so 25 of 25 are needed.
  CHECK(line(24, 25, ">", p96, std::nullopt).met == false);
  CHECK(line(24, 25, ">", p96, std::nullopt).gap == 1);
  CHECK(line(1269, 1372, ">", p96, std::nullopt).gap == 49);  // 1317.12: 1318 is over it
  // "< 10%" of 25 = 2.5: 2 allowed; of 30 = 3: only 2 allowed (3 is not fewer than 3).
  CHECK(line(3, 25, "<", *Decimal::Parse("0.1"), std::nullopt).gap == 1);
  CHECK(line(3, 30, "<", *Decimal::Parse("0.1"), std::nullopt).met == false);
  CHECK(line(2, 30, "<", *Decimal::Parse("0.1"), std::nullopt).met == true);
  CHECK(line(5, 10, ">", std::nullopt, 5).gap == 1);
  CHECK(line(4, 10, "<", std::nullopt, 5).met == true);
  // Count targets hold even with no denominator.
  CHECK(line(0, 0, "<=", std::nullopt, 0).met == true);
  CHECK(line(3, 10, ">=", std::nullopt, 5).gap == 2);
  // A share target with nobody in the population: no share, no verdict.
  IndicatorLine empty = line(0, 0, ">=", p96, std::nullopt);
  CHECK_FALSE(empty.share.has_value());
  CHECK_FALSE(empty.met.has_value());
  // Rounding: 2/3 = 0.666667, 1/8 = 0.125, 1/3e6 rounds half-even at the 6th place.
  CHECK(report::Share(2, 3)->ToString() == "0.666667");
  CHECK(report::Share(1, 8)->ToString() == "0.125");
  CHECK(report::Share(1, 2'000'000)->ToString() == "0");  // 0.0000005 -> even: 0
  CHECK(report::Share(3, 2'000'000)->ToString() == "0.000002");  // 0.0000015 -> even: 0.000002
}

}  // namespace
}  // namespace ansinh
