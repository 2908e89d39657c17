// Internal: decisions stored by column for a whole batch (views read them).
#ifndef ANSINH_LIB_EVAL_DECISION_DATA_HPP_
#define ANSINH_LIB_EVAL_DECISION_DATA_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/decision.hpp"
#include "ansinh/rule_set.hpp"

namespace ansinh::internal {

// A value captured for a reason or an explanation (strings copied into `texts`).
struct CapturedValue {
  int32_t reg = -1;   // program register (gives the type)
  uint8_t state = 1;  // plan::kKnown / kUnknown / kError
  int64_t raw = 0;    // strings: offset into DecisionData::text_arena << 24 | length
};

struct MissingRef {
  int32_t member = -1;      // -1: a household field
  int32_t field = -1;       // schema field index, or -1 for a parameter value
  int32_t param_plan = -1;  // an unconfirmed parameter value
  uint32_t key = UINT32_MAX;
};

struct ProvisionalRef {
  int32_t param = -1;  // index into RuleSet::parameters()
  int32_t step = -1;
};

struct OutcomeDetail {
  int16_t version = -1;
  int16_t failed = -1;           // first false condition
  int32_t day = 0;               // the day whose evaluation decided
  uint32_t missing_begin = 0, missing_count = 0;
  uint32_t values_begin = 0, values_count = 0;
  uint32_t provisional_begin = 0, provisional_count = 0;
  int64_t error = -1;            // text ref of an evaluation error message, or -1
};

struct HouseholdRow {
  int64_t id = 0;                // text ref
  uint32_t member_begin = 0, member_count = 0;
  uint32_t outcome_begin = 0, outcome_count = 0;
  uint32_t issue_begin = 0, issue_count = 0;
  uint32_t var_begin = 0;
  uint32_t indicator_begin = 0;
  int64_t total = 0;
  bool ok = true;
};

struct MemberRow {
  int64_t id = 0;                // text ref
  uint32_t outcome_begin = 0, outcome_count = 0;
  uint32_t var_begin = 0;
  uint32_t indicator_begin = 0;
  int64_t total = 0;
};

struct VarValue {
  int64_t raw = 0;
  uint8_t state = 1;
};

// Indicator results per entity: 0 outside the population, 1 in it and the
// numerator false, 2 numerator true, 3 numerator unknown, 4 filter unknown.
using IndicatorFlag = uint8_t;

struct DecisionData {
  RuleSet rules{nullptr};
  When when;
  bool reasons = true;
  bool explain = false;
  std::vector<HouseholdRow> households;
  std::vector<MemberRow> members;
  std::vector<BenefitOutcome> outcomes;
  std::vector<OutcomeDetail> details;   // parallel to outcomes when reasons or explain
  std::vector<MissingRef> missing;
  std::vector<CapturedValue> values;
  std::vector<ProvisionalRef> provisional;
  std::vector<RecordIssue> issues;
  std::vector<RecordOrigin> origins;    // per household
  std::vector<VarValue> variables;
  std::vector<IndicatorFlag> indicators;
  std::string text_arena;

  int64_t AddText(std::string_view text) {
    const uint64_t offset = text_arena.size();
    text_arena.append(text.data(), text.size());
    return static_cast<int64_t>((offset << 24) | (text.size() & 0xFFFFFF));
  }
  std::string_view Text(int64_t ref) const {
    const uint64_t r = static_cast<uint64_t>(ref);
    return std::string_view(text_arena).substr(r >> 24, r & 0xFFFFFF);
  }
  // Appends `part` (decisions of a later chunk), shifting its indices.
  void Append(DecisionData&& part);
};

// True if program register `reg` of `rules` holds strings (captured as text refs).
bool IsStringRegister(const RuleSet& rules, int32_t reg);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_EVAL_DECISION_DATA_HPP_
