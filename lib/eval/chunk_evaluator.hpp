// Internal: evaluates chunks of households and writes their decisions.
#ifndef ANSINH_LIB_EVAL_CHUNK_EVALUATOR_HPP_
#define ANSINH_LIB_EVAL_CHUNK_EVALUATOR_HPP_

#include <vector>

#include "ansinh/decision.hpp"
#include "eval/decision_data.hpp"
#include "eval/eval_rules.hpp"
#include "eval/vm.hpp"

namespace ansinh::eval {

// One per thread. Evaluate() may be called for many chunks; buffers are reused.
class ChunkEvaluator {
 public:
  ChunkEvaluator(const EvalRules& rules, const When& when, const EvaluateOptions& options);
  // Reuses this evaluator (and its buffers) for another date or options.
  void Reset(const When& when, const EvaluateOptions& options);

  // Evaluates households [h_begin, h_begin + h_count) of `batch`, writing
  // their slices of `out` (whose columns are sized for the whole batch) and
  // pool `chunk` (which must exist).
  void Evaluate(const internal::BatchData& batch, size_t h_begin, size_t h_count, internal::DecisionData& out,
                uint32_t chunk);

 private:
  // Per benefit, beside the accumulated lanes: the deciding day and captures.
  struct Acc {
    std::vector<int32_t> day;
    std::vector<internal::CapturedValue> lhs, rhs;
    std::vector<uint8_t> near;  // reasons on: a near miss (see NearMiss)
    std::vector<std::vector<internal::CapturedValue>> explain;
  };

  void PrepareAcc(bool lanes);
  void Merge(size_t pass_day_index);
  void CaptureDetails(size_t b, size_t lane);
  bool NearMiss(size_t b, size_t lane, int version);
  void CopyVariables();
  internal::CapturedValue Capture(int32_t reg, Level level, size_t lane, bool copy_text = true);
  std::vector<std::vector<int64_t>> CandidateDays() const;
  void Assemble(internal::DecisionData& out);
  // Assemble's steps, in order.
  void WriteOutcomes(internal::DecisionData& out);
  void SumTotals(const internal::DecisionData& out);
  void CopyVariables(internal::DecisionData& out);
  void CopyIndicators(internal::DecisionData& out);
  void WriteRows(internal::DecisionData& out);
  void WriteColumn(size_t b, internal::OutcomeColumn& column, size_t global_begin, uint32_t index);
  uint32_t AddDetail(size_t b, size_t lane, uint8_t status, bool provisional, uint32_t prov_begin);
  void AddIssuesAndChecks(size_t h, internal::HouseholdRow& row);
  bool ProvisionalAt(size_t b, int version, int32_t day, std::vector<internal::ProvisionalRef>* refs) const;

  EvalRules rules_;
  const plan::Program& program_;
  When when_;
  EvaluateOptions options_;
  EvalState state_;
  internal::DecisionData* out_ = nullptr;
  internal::ChunkPool* pool_ = nullptr;
  uint32_t chunk_ = 0;
  std::vector<int64_t> totals_, hh_totals_;
  std::vector<std::vector<RecordIssue>> eval_issues_;  // per household lane of the chunk
  std::vector<internal::ProvisionalRef> prov_scratch_;
  size_t h_begin_ = 0;
  std::vector<BenefitLanes> acc_lanes_;
  std::vector<Acc> acc_;
  std::vector<std::vector<internal::VarValue>> vars_;  // variables of the first pass (by month)
  bool vars_from_regs_ = false;  // as of a day: one pass, the registers hold the variables
  std::vector<int64_t> pass_days_;  // current pass: day per household
  int32_t first_day_ = 0, last_day_ = 0;
  std::vector<WhyPool::Node> leaves_;
  std::vector<uint32_t> scratch_;
};

// Resolves a group over accumulated lanes (shared with the in-pass op).
void ResolveGroup(const plan::GroupPlan& g, std::vector<BenefitLanes>& benefits, std::vector<int32_t>& winner,
                  size_t n);

}  // namespace ansinh::eval

#endif  // ANSINH_LIB_EVAL_CHUNK_EVALUATOR_HPP_
