// CostTally: beneficiaries and cost per benefit and per group.
#include <algorithm>

#include "report/report_internal.hpp"
#include "report/tallies.hpp"

namespace ansinh::report {

CostTally::CostTally(const RuleSet& rules) : rules_(rules) {
  const std::vector<BenefitInfo>& benefits = rules.benefits();
  const std::vector<GroupInfo>& groups = rules.groups();
  for (const BenefitInfo& b : benefits) {
    CostLine line;
    line.id = b.id;
    line.label = b.label;
    line.applies_to = b.applies_to;
    line.unit = b.unit;
    line.frequency = b.frequency;
    benefits_.push_back(std::move(line));
    int group = -1;
    for (size_t g = 0; g < groups.size(); ++g) {
      if (!b.group.empty() && groups[g].id == b.group) group = static_cast<int>(g);
    }
    benefit_group_.push_back(group);
  }
  for (const GroupInfo& g : groups) {
    CostLine line;
    line.id = g.id;
    line.label = g.label;
    line.is_group = true;
    auto first = std::find_if(benefits.begin(), benefits.end(), [&](const BenefitInfo& b) { return b.group == g.id; });
    if (first != benefits.end()) {
      line.applies_to = first->applies_to;
      line.unit = first->unit;
      line.frequency = first->frequency;
    }
    groups_.push_back(std::move(line));
  }
  group_entity_.assign(groups_.size(), 0);
  group_household_.assign(groups_.size(), 0);
}

void CostTally::AddEntity(const OutcomeRange& outcomes, bool person) {
  std::fill(group_entity_.begin(), group_entity_.end(), 0);
  bool cash = false;
  for (const BenefitOutcome o : outcomes) {
    CostLine& line = benefits_[o.benefit];
    const int g = benefit_group_[o.benefit];
    if (o.status == BenefitStatus::kSuperseded) ++line.superseded;
    if (o.status == BenefitStatus::kUndetermined) ++line.undetermined;
    if (o.status != BenefitStatus::kEligible || !o.has_amount) continue;
    ++line.beneficiaries;
    ++tally_.paid[o.benefit];
    if (o.provisional) {
      ++line.provisional;
      tally_.provisional = true;
    }
    const bool money = line.unit == BenefitUnit::kMoney;
    const bool monthly = line.frequency == Frequency::kMonthly;
    if (money) {
      cash = true;
      int64_t& sum = monthly ? line.monthly : line.once;
      sum = AddMoney(sum, o.amount, {"the cost of benefit", "chi phí của trợ cấp"}, TextsOf(line.label));
      if (!monthly) {
        tally_.once =
            AddMoney(tally_.once, o.amount, {"the one-off payments of a household", "các khoản chi một lần của một hộ"});
      }
    }
    if (g < 0) continue;
    CostLine& group = groups_[g];
    if (!group_entity_[g]) {
      group_entity_[g] = 1;
      ++group.beneficiaries;
      group_household_[g] = 1;
    }
    if (money) {
      int64_t& sum = monthly ? group.monthly : group.once;
      sum = AddMoney(sum, o.amount, {"the cost of group", "chi phí của nhóm"}, TextsOf(group.label));
    }
    if (o.provisional) ++group.provisional;
  }
  if (cash && person) ++tally_.beneficiaries;
  if (cash && !person) tally_.household_paid = true;
}

const HouseholdTally& CostTally::AddHousehold(const DecisionView& d) {
  tally_.paid.assign(benefits_.size(), 0);
  tally_.beneficiaries = 0;
  tally_.household_paid = false;
  tally_.once = 0;
  tally_.provisional = false;
  std::fill(group_household_.begin(), group_household_.end(), 0);
  AddEntity(d.benefits(), false);
  for (size_t m = 0; m < d.member_count(); ++m) AddEntity(d.member_benefits(m), true);
  for (size_t b = 0; b < benefits_.size(); ++b) benefits_[b].households += tally_.paid[b] > 0 ? 1 : 0;
  for (size_t g = 0; g < groups_.size(); ++g) groups_[g].households += group_household_[g];
  return tally_;
}

void CostTally::Finish(Report& report) {
  for (CostLine& line : benefits_) {
    line.annual = AnnualMoney(line.monthly, {"the cost of benefit", "chi phí của trợ cấp"}, TextsOf(line.label));
  }
  for (CostLine& line : groups_) {
    line.annual = AnnualMoney(line.monthly, {"the cost of group", "chi phí của nhóm"}, TextsOf(line.label));
  }
  report.benefits = std::move(benefits_);
  report.groups = std::move(groups_);
}

}  // namespace ansinh::report
