// IndicatorTally: numerator and denominator of each indicator, and the
// households to follow up (those counting against the target, those unknown).
#include "report/report_internal.hpp"
#include "report/tallies.hpp"

namespace ansinh::report {

IndicatorTally::IndicatorTally(const RuleSet& rules, size_t max_listed) : max_listed_(max_listed) {
  for (const IndicatorInfo& info : rules.indicators()) {
    IndicatorLine line;
    line.info = info;
    lines_.push_back(std::move(line));
  }
  against_.resize(lines_.size());
  to_check_.resize(lines_.size());
}

void IndicatorTally::List(std::vector<ListedHousehold>& list, uint64_t& count, ListState& state,
                          std::string_view member) {
  if (state.household != household_) {
    state.household = household_;
    ++count;
    state.listed = HasRoom(list.size(), max_listed_);
    if (state.listed) list.push_back({household_id_, {}});
  }
  if (state.listed && !member.empty()) list.back().members.emplace_back(member);
}

void IndicatorTally::Count(uint32_t indicator, IndicatorStatus status, std::string_view member) {
  IndicatorLine& line = lines_[indicator];
  switch (status) {
    case IndicatorStatus::kOutside: return;
    case IndicatorStatus::kNotMet: ++line.denominator; break;
    case IndicatorStatus::kMet:
      ++line.denominator;
      ++line.numerator;
      break;
    case IndicatorStatus::kUnknown: ++line.unknown; break;
    case IndicatorStatus::kPopulationUnknown: ++line.population_unknown; break;
  }
  if (CountsAgainst(line.info, status)) {
    List(line.against, line.against_households, against_[indicator], member);
  } else if (status == IndicatorStatus::kUnknown || status == IndicatorStatus::kPopulationUnknown) {
    List(line.to_check, line.to_check_households, to_check_[indicator], member);
  }
}

void IndicatorTally::AddHousehold(const DecisionView& d) {
  if (lines_.empty()) return;
  ++household_;
  household_id_ = std::string(d.household_id());
  for (const IndicatorOutcome& io : d.indicators(-1)) Count(io.indicator, io.status, {});
  for (size_t m = 0; m < d.member_count(); ++m) {
    const std::string_view id = d.member_id(m);
    for (const IndicatorOutcome& io : d.indicators(static_cast<int>(m))) Count(io.indicator, io.status, id);
  }
}

void IndicatorTally::Finish(Report& report) {
  for (IndicatorLine& line : lines_) FinishIndicator(line);
  report.indicators = std::move(lines_);
}

}  // namespace ansinh::report
