// DecisionView::indicators: the indicator flags of a household or member
// (one column per indicator and population, see assemble.cpp).
#include "runtime/access.hpp"
#include "ansinh/decision.hpp"
#include "eval/decision_data.hpp"
#include "runtime/rule_set_impl.hpp"

ANSINH_BEGIN_NAMESPACE

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
  const bool household = member < 0;
  const size_t at = household ? index_ : row.member_begin + static_cast<size_t>(member);
  const auto& columns =
      household ? data_->household_indicators : data_->person_indicators;
  const Entity want = household ? Entity::kHousehold : Entity::kPerson;
  const std::vector<IndicatorInfo>& infos = internal::ImplOf(*data_->rules).indicators;
  size_t column = 0;
  for (size_t i = 0; i < infos.size(); ++i) {
    if (infos[i].population != want) continue;
    const internal::IndicatorFlag flag = columns[column++][at];
    out.push_back({static_cast<uint32_t>(i), flag <= 4 ? static_cast<IndicatorStatus>(flag) : IndicatorStatus::kOutside});
  }
  return out;
}

ANSINH_END_NAMESPACE
