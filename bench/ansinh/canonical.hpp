// The canonical output form of bench/README.md for an ansinh decision, so the
// ansinh vn-core runner's output can be checked against the baseline by
// bench/verify.py. Header-only; uses the public API (include/ansinh/) only.
//
//   <id> <poverty_status> <total>[ | <member id> <member total>[ <benefit>:<amount>]...]...
//
// Members in input order; only paid (eligible) benefits, sorted by id; a
// superseded benefit is not listed (its group's winner is). A decision with
// errors prints status "error", which never matches the baseline.
#ifndef ANSINH_BENCH_ANSINH_CANONICAL_HPP_
#define ANSINH_BENCH_ANSINH_CANONICAL_HPP_

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ansinh/decision.hpp"

namespace ansinh_bench {

// Appends one line (with '\n') for `decision` to `out`. Not for the timed path:
// it allocates.
inline void AppendCanonical(const ansinh::DecisionView& decision, std::string* out) {
  out->append(decision.household_id());
  std::string status = "error";
  if (decision.ok()) {
    for (const auto& [info, value] : decision.variables(-1)) {
      if (info != nullptr && info->name == "poverty_status") status = value.ToString();
    }
  }
  out->append(" " + status + " " + std::to_string(decision.total_monthly()));
  std::vector<std::pair<std::string_view, int64_t>> paid;
  for (size_t m = 0; m < decision.member_count(); ++m) {
    out->append(" | ");
    out->append(decision.member_id(m));
    out->append(" " + std::to_string(decision.member_total_monthly(m)));
    paid.clear();
    for (const ansinh::BenefitOutcome& outcome : decision.member_benefits(m)) {
      if (outcome.status != ansinh::BenefitStatus::kEligible) continue;
      paid.emplace_back(outcome.benefit_id(), outcome.amount);
    }
    std::sort(paid.begin(), paid.end());
    for (const auto& [id, amount] : paid) {
      out->push_back(' ');
      out->append(id);
      out->append(":" + std::to_string(amount));
    }
  }
  out->push_back('\n');
}

}  // namespace ansinh_bench

#endif  // ANSINH_BENCH_ANSINH_CANONICAL_HPP_
