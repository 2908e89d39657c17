// DecisionView accessors: read a household's decision out of DecisionData.
#include "ansinh/decision.hpp"
#include "eval/decision_data.hpp"
#include "eval/render.hpp"
#include "eval/rule_set_impl.hpp"
#include "plan/plan.hpp"

namespace ansinh {

using internal::DecisionData;
using internal::HouseholdRow;

namespace {
const HouseholdRow& Row(const DecisionData& d, size_t i) { return d.households[i]; }
}  // namespace

namespace internal {
bool IsStringRegister(const RuleSet& rules, int32_t reg) {
  const plan::Program* p = rules.impl().program.get();
  return reg >= 0 && p != nullptr && static_cast<size_t>(reg) < p->regs.size() &&
         p->regs[reg].type == ValueType::kString;
}
}  // namespace internal

const RuleSet& DecisionView::rules() const noexcept { return data_->rules; }
const When& DecisionView::when() const noexcept { return data_->when; }
std::string_view DecisionView::household_id() const noexcept { return data_->Text(Row(*data_, index_).id); }
const RecordOrigin& DecisionView::origin() const noexcept { return data_->origins[index_]; }
bool DecisionView::ok() const noexcept { return Row(*data_, index_).ok; }

Span<RecordIssue> DecisionView::errors() const noexcept {
  // Within a household, issues are stored errors first (assemble.cpp).
  const HouseholdRow& r = Row(*data_, index_);
  uint32_t n = 0;
  while (n < r.issue_count && data_->issues[r.issue_begin + n].severity == Severity::kError) ++n;
  return Span<RecordIssue>(data_->issues.data() + r.issue_begin, n);
}

Span<RecordIssue> DecisionView::warnings() const noexcept {
  const HouseholdRow& r = Row(*data_, index_);
  uint32_t n = 0;
  while (n < r.issue_count && data_->issues[r.issue_begin + n].severity == Severity::kError) ++n;
  return Span<RecordIssue>(data_->issues.data() + r.issue_begin + n, r.issue_count - n);
}

int64_t DecisionView::total_monthly() const noexcept { return Row(*data_, index_).total; }

Span<BenefitOutcome> DecisionView::benefits() const noexcept {
  const HouseholdRow& r = Row(*data_, index_);
  return Span<BenefitOutcome>(data_->outcomes.data() + r.outcome_begin, r.outcome_count);
}

size_t DecisionView::member_count() const noexcept { return Row(*data_, index_).member_count; }

std::string_view DecisionView::member_id(size_t member) const noexcept {
  return data_->Text(data_->members[Row(*data_, index_).member_begin + member].id);
}

Span<BenefitOutcome> DecisionView::member_benefits(size_t member) const noexcept {
  const internal::MemberRow& m = data_->members[Row(*data_, index_).member_begin + member];
  return Span<BenefitOutcome>(data_->outcomes.data() + m.outcome_begin, m.outcome_count);
}

int64_t DecisionView::member_total_monthly(size_t member) const noexcept {
  return data_->members[Row(*data_, index_).member_begin + member].total;
}

std::vector<std::pair<const VariableInfo*, OutputValue>> DecisionView::variables(int member) const {
  std::vector<std::pair<const VariableInfo*, OutputValue>> out;
  const HouseholdRow& r = Row(*data_, index_);
  if (!r.ok) return out;
  const internal::RuleSetImpl& impl = data_->rules.impl();
  uint32_t at = member < 0 ? r.var_begin : data_->members[r.member_begin + static_cast<uint32_t>(member)].var_begin;
  const Entity want = member < 0 ? Entity::kHousehold : Entity::kPerson;
  for (size_t v = 0; v < impl.variables.size(); ++v) {
    if (impl.variables[v].entity != want) continue;
    const internal::VarValue& value = data_->variables[at++];
    out.emplace_back(&impl.variables[v], internal::VariableOutput(impl, v, value));
  }
  return out;
}

std::vector<std::string> DecisionView::missing(const BenefitOutcome& o) const {
  return internal::MissingPaths(*data_, index_, o);
}

std::vector<ParameterUse> DecisionView::provisional_uses(const BenefitOutcome& o) const {
  std::vector<ParameterUse> out;
  if (o.detail == UINT32_MAX) return out;
  const internal::OutcomeDetail& d = data_->details[o.detail];
  const internal::RuleSetImpl& impl = data_->rules.impl();
  for (uint32_t i = 0; i < d.provisional_count; ++i) {
    const internal::ProvisionalRef& p = data_->provisional[d.provisional_begin + i];
    const ParameterInfo& info = impl.parameters[p.param];
    const ParameterStepInfo& step = info.steps[p.step];
    out.push_back({info.name, step.from, step.value, step.reference, step.provisional});
  }
  return out;
}

std::string DecisionView::reason(const BenefitOutcome& o, Language lang) const {
  return internal::Reason(*data_, index_, o, lang);
}

std::optional<Explanation> DecisionView::explanation(const BenefitOutcome& o) const {
  if (!data_->explain || o.detail == UINT32_MAX) return std::nullopt;
  return internal::Explain(*data_, index_, o);
}

}  // namespace ansinh
