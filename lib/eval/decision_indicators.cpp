// DecisionView::indicators: the indicator flags of a household or member
// (stored per entity in DecisionData::indicators, see assemble.cpp).
#include "ansinh/decision.hpp"
#include "eval/decision_data.hpp"
#include "eval/rule_set_impl.hpp"

namespace ansinh {

const char* ToString(IndicatorStatus status) noexcept {
  switch (status) {
    case IndicatorStatus::kOutside: return "outside";
    case IndicatorStatus::kNotMet: return "not_met";
    case IndicatorStatus::kMet: return "met";
    case IndicatorStatus::kUnknown: return "unknown";
    case IndicatorStatus::kPopulationUnknown: return "population_unknown";
  }
  return "outside";
}

std::vector<IndicatorOutcome> DecisionView::indicators(int member) const {
  std::vector<IndicatorOutcome> out;
  const internal::HouseholdRow& row = data_->households[index_];
  if (!row.ok) return out;
  const std::vector<IndicatorInfo>& infos = data_->rules.impl().indicators;
  const Entity want = member < 0 ? Entity::kHousehold : Entity::kPerson;
  uint32_t at = member < 0 ? row.indicator_begin
                           : data_->members[row.member_begin + static_cast<uint32_t>(member)].indicator_begin;
  for (size_t i = 0; i < infos.size(); ++i) {
    if (infos[i].population != want) continue;
    const internal::IndicatorFlag flag = data_->indicators[at++];
    out.push_back({static_cast<uint32_t>(i), flag <= 4 ? static_cast<IndicatorStatus>(flag) : IndicatorStatus::kOutside});
  }
  return out;
}

}  // namespace ansinh
