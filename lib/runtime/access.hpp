// Internal: the library's only way to the insides of the public classes.
//
// The public headers declare no accessor to their internal state and no
// constructor taking internal types; they befriend `internal::Access` instead,
// and the library (lib/runtime and the layers above it: io, report, testing)
// reaches RuleSetImpl, BatchData and DecisionData through the functions here.
// A program using only include/ansinh cannot name them.
#ifndef ANSINH_LIB_RUNTIME_ACCESS_HPP_
#define ANSINH_LIB_RUNTIME_ACCESS_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "ansinh/decision.hpp"
#include "ansinh/records.hpp"
#include "ansinh/rule_set.hpp"

namespace ansinh::internal {

struct RuleSetImpl;
struct BatchData;
struct DecisionData;

struct Access {
  // --- RuleSet and LoadResult
  static const RuleSetImpl& Impl(const RuleSet& rules) noexcept { return *rules.impl_; }
  static RuleSet MakeRuleSet(std::shared_ptr<const RuleSetImpl> impl) { return RuleSet(std::move(impl)); }
  static LoadResult MakeLoadResult(std::shared_ptr<const RuleSetImpl> rules, std::vector<Diagnostic> diagnostics) {
    LoadResult result;
    result.rules_ = std::move(rules);
    result.diagnostics_ = std::move(diagnostics);
    return result;
  }
  static std::vector<FieldInfo>& Fields(Schema& schema, Entity entity) noexcept {
    return entity == Entity::kHousehold ? schema.household_ : schema.person_;
  }

  // --- RecordBatch
  static BatchData& Data(RecordBatch& batch) noexcept { return *batch.data_; }
  static const BatchData& Data(const RecordBatch& batch) noexcept { return *batch.data_; }

  // --- decisions
  static const DecisionData& Data(const DecisionBatch& batch) noexcept { return *batch.data_; }
  static DecisionBatch MakeDecisionBatch(std::shared_ptr<const DecisionData> data) {
    return DecisionBatch(std::move(data));
  }
  static DecisionView MakeView(std::shared_ptr<const DecisionData> data, size_t index) {
    return DecisionView(std::move(data), index);
  }
  static OutcomeRange MakeRange(const DecisionData* data, bool person, uint32_t entity, int32_t member,
                                size_t size) {
    return OutcomeRange(data, person, entity, member, size);
  }
  // The status byte of outcome i of a range (status, provisional and near-miss bits:
  // eval/decision_data.hpp), read without building the outcome.
  static uint8_t RawStatus(const OutcomeRange& range, size_t i) noexcept;
  // The batch a view reads and the view's household in it.
  static const DecisionData& Data(const DecisionView& view) noexcept { return *view.data_; }
  static size_t Index(const DecisionView& view) noexcept { return view.index_; }
  static uint32_t Detail(const BenefitOutcome& outcome) noexcept { return outcome.detail_; }
  static void SetDetail(BenefitOutcome& outcome, uint32_t detail) noexcept { outcome.detail_ = detail; }
  static void SetInfo(BenefitOutcome& outcome, const BenefitInfo* info) noexcept { outcome.info_ = info; }
};

// Short forms for the library's code.
inline const RuleSetImpl& ImplOf(const RuleSet& rules) noexcept { return Access::Impl(rules); }
inline BatchData& DataOf(RecordBatch& batch) noexcept { return Access::Data(batch); }
inline const BatchData& DataOf(const RecordBatch& batch) noexcept { return Access::Data(batch); }
inline const DecisionData& DataOf(const DecisionBatch& batch) noexcept { return Access::Data(batch); }

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_RUNTIME_ACCESS_HPP_
