// Internal: the running counts of a report — cost and beneficiaries per
// benefit and group, and indicator counts with their follow-up lists.
#ifndef ANSINH_LIB_REPORT_TALLIES_HPP_
#define ANSINH_LIB_REPORT_TALLIES_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/decision.hpp"
#include "ansinh/report.hpp"
#include "ansinh/rule_set.hpp"

namespace ansinh::report {

// What one household contributed (valid until the next AddHousehold).
struct HouseholdTally {
  std::vector<uint64_t> paid;   // per benefit: entities of the household paid it
  uint64_t beneficiaries = 0;   // members paid at least one money benefit
  bool household_paid = false;  // a household-level money benefit is paid
  int64_t once = 0;             // one-off money paid
  bool provisional = false;     // a paid amount used a provisional value
};

class CostTally {
 public:
  explicit CostTally(const RuleSet& rules);
  const HouseholdTally& AddHousehold(const DecisionView& decision);
  // Moves the benefit and group lines into `report`.
  void Finish(Report& report);

 private:
  void AddEntity(const OutcomeRange& outcomes, bool person);

  RuleSet rules_;
  std::vector<CostLine> benefits_;
  std::vector<CostLine> groups_;
  std::vector<int> benefit_group_;        // per benefit: group index or -1
  std::vector<uint8_t> group_entity_;     // per group: the current entity is paid one of it
  std::vector<uint8_t> group_household_;  // per group: the current household is
  HouseholdTally tally_;
};

class IndicatorTally {
 public:
  IndicatorTally(const RuleSet& rules, size_t max_listed);
  void AddHousehold(const DecisionView& decision);
  // Computes shares, targets and gaps and moves the lines into `report`.
  void Finish(Report& report);

 private:
  struct ListState {
    uint64_t household = UINT64_MAX;  // sequence number of the household last counted
    bool listed = false;              // that household is in the list
  };
  void Count(uint32_t indicator, IndicatorStatus status, std::string_view member);
  void List(std::vector<ListedHousehold>& list, uint64_t& count, ListState& state, std::string_view member);

  std::vector<IndicatorLine> lines_;
  std::vector<ListState> against_;
  std::vector<ListState> to_check_;
  size_t max_listed_;
  uint64_t household_ = 0;   // sequence number of the current household
  std::string household_id_;
};

}  // namespace ansinh::report

#endif  // ANSINH_LIB_REPORT_TALLIES_HPP_
