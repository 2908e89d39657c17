// DecisionView accessors: read one household's decision out of the batch's columns.
#include "runtime/access.hpp"
#include "ansinh/decision.hpp"
#include "eval/decision_data.hpp"
#include "plan/plan.hpp"
#include "runtime/render.hpp"
#include "runtime/rule_set_impl.hpp"

ANSINH_BEGIN_NAMESPACE

using internal::DecisionData;
using internal::HouseholdRow;

ANSINH_END_NAMESPACE

namespace ansinh::internal {
bool IsStringRegister(const RuleSet& rules, int32_t reg) {
  const plan::Program* p = internal::ImplOf(rules).program.get();
  return reg >= 0 && p != nullptr && static_cast<size_t>(reg) < p->regs.size() &&
         p->regs[reg].type == ValueType::kString;
}

uint8_t Access::RawStatus(const OutcomeRange& r, size_t i) noexcept {
  return (r.person_ ? r.data_->person_outcomes : r.data_->household_outcomes)[i].status[r.entity_];
}
}  // namespace ansinh::internal

ANSINH_BEGIN_NAMESPACE

size_t OutcomeRange::count(BenefitStatus status) const noexcept {
  if (size_ == 0) return 0;
  const auto& columns = person_ ? data_->person_outcomes : data_->household_outcomes;
  size_t n = 0;
  for (size_t i = 0; i < size_; ++i) {
    n += static_cast<BenefitStatus>(columns[i].status[entity_] & internal::kStatusMask) == status;
  }
  return n;
}

BenefitOutcome OutcomeRange::operator[](size_t i) const noexcept {
  const internal::OutcomeColumn& col = (person_ ? data_->person_outcomes : data_->household_outcomes)[i];
  const uint8_t raw = col.status[entity_];
  BenefitOutcome o;
  o.benefit = col.benefit;
  o.status = static_cast<BenefitStatus>(raw & internal::kStatusMask);
  o.provisional = (raw & internal::kProvisionalBit) != 0;
  o.near_miss = (raw & internal::kNearMissBit) != 0;
  o.has_amount = o.status == BenefitStatus::kEligible || o.status == BenefitStatus::kSuperseded;
  o.amount = o.has_amount ? col.amount[entity_] : 0;
  o.superseded_by = col.superseded_by[entity_];
  o.member = member_;
  internal::Access::SetInfo(o, &internal::ImplOf(*data_->rules).benefits[col.benefit]);
  const auto benefits = static_cast<int32_t>(data_->rules->benefits().size());
  if (o.superseded_by >= benefits) {  // an exclusive benefit (vm.hpp ResolveExclusive): paid to another member
    o.superseded_by_member = o.superseded_by - benefits;
    o.superseded_by = static_cast<int32_t>(col.benefit);
  }
  if (data_->dense_details) {
    internal::Access::SetDetail(o, col.detail[entity_]);
  } else if (o.status == BenefitStatus::kUndetermined || o.provisional) {
    const uint32_t household = person_ ? data_->members[entity_].household : entity_;
    const auto& sparse = data_->PoolOf(household).sparse_details;
    auto it = sparse.find(internal::ChunkPool::SparseKey(person_, static_cast<uint32_t>(i), entity_));
    internal::Access::SetDetail(o, it == sparse.end() ? UINT32_MAX : it->second);
  }
  return o;
}

namespace {
const HouseholdRow& Row(const DecisionData& d, size_t i) { return d.households[i]; }
}  // namespace

const RuleSet& DecisionView::rules() const noexcept { return *data_->rules; }
const When& DecisionView::when() const noexcept { return data_->when; }
std::string_view DecisionView::household_id() const noexcept {
  return data_->PoolOf(index_).Text(Row(*data_, index_).id);
}

RecordOrigin DecisionView::origin() const {
  const HouseholdRow& r = Row(*data_, index_);
  const internal::ChunkPool& pool = data_->PoolOf(index_);
  RecordOrigin o;
  if (r.origin_file < pool.origin_files.size()) o.file = pool.origin_files[r.origin_file];
  o.line = r.origin_line;
  o.index = r.origin_index;
  return o;
}

bool DecisionView::ok() const noexcept { return Row(*data_, index_).ok; }

Span<RecordIssue> DecisionView::errors() const noexcept {
  // Within a household, issues are stored errors first (assemble.cpp).
  const HouseholdRow& r = Row(*data_, index_);
  const std::vector<RecordIssue>& issues = data_->PoolOf(index_).issues;
  uint32_t n = 0;
  while (n < r.issue_count && issues[r.issue_begin + n].severity == Severity::kError) ++n;
  return Span<RecordIssue>(issues.data() + r.issue_begin, n);
}

Span<RecordIssue> DecisionView::warnings() const noexcept {
  const HouseholdRow& r = Row(*data_, index_);
  const std::vector<RecordIssue>& issues = data_->PoolOf(index_).issues;
  uint32_t n = 0;
  while (n < r.issue_count && issues[r.issue_begin + n].severity == Severity::kError) ++n;
  return Span<RecordIssue>(issues.data() + r.issue_begin + n, r.issue_count - n);
}

int64_t DecisionView::total_monthly() const noexcept { return Row(*data_, index_).total; }

OutcomeRange DecisionView::benefits() const noexcept {
  const HouseholdRow& r = Row(*data_, index_);
  return internal::Access::MakeRange(data_.get(), false, static_cast<uint32_t>(index_), -1,
                      r.ok ? data_->household_outcomes.size() : 0);
}

size_t DecisionView::member_count() const noexcept { return Row(*data_, index_).member_count; }

std::string_view DecisionView::member_id(size_t member) const noexcept {
  return data_->PoolOf(index_).Text(data_->members[Row(*data_, index_).member_begin + member].id);
}

OutcomeRange DecisionView::member_benefits(size_t member) const noexcept {
  const HouseholdRow& r = Row(*data_, index_);
  return internal::Access::MakeRange(data_.get(), true, r.member_begin + static_cast<uint32_t>(member), static_cast<int32_t>(member),
                      r.ok ? data_->person_outcomes.size() : 0);
}

int64_t DecisionView::member_total_monthly(size_t member) const noexcept {
  return data_->members[Row(*data_, index_).member_begin + member].total;
}

std::vector<std::pair<const VariableInfo*, OutputValue>> DecisionView::variables(int member) const {
  std::vector<std::pair<const VariableInfo*, OutputValue>> out;
  variables(member, &out);
  return out;
}

void DecisionView::variables(int member, std::vector<std::pair<const VariableInfo*, OutputValue>>* out) const {
  const HouseholdRow& r = Row(*data_, index_);
  if (!r.ok) {
    out->clear();
    return;
  }
  const internal::RuleSetImpl& impl = internal::ImplOf(*data_->rules);
  const Entity want = member < 0 ? Entity::kHousehold : Entity::kPerson;
  const size_t entity = member < 0 ? index_ : r.member_begin + static_cast<size_t>(member);
  const auto& columns = member < 0 ? data_->household_vars : data_->person_vars;
  size_t k = 0;
  for (size_t v = 0; v < impl.variables.size(); ++v) {
    if (impl.variables[v].entity != want) continue;
    if (k == out->size()) out->emplace_back();
    auto& [info, value] = (*out)[k];
    info = &impl.variables[v];
    internal::VariableOutputInto(impl, v, columns[k++][entity], &value);
  }
  out->resize(k);
}

std::vector<std::string> DecisionView::missing(const BenefitOutcome& o) const {
  return internal::MissingPaths(*data_, index_, o);
}

std::vector<ParameterUse> DecisionView::provisional_uses(const BenefitOutcome& o) const {
  std::vector<ParameterUse> out;
  if (internal::Access::Detail(o) == UINT32_MAX) return out;
  const internal::ChunkPool& pool = data_->PoolOf(index_);
  const internal::OutcomeDetail& d = pool.details[internal::Access::Detail(o)];
  const internal::RuleSetImpl& impl = internal::ImplOf(*data_->rules);
  for (uint32_t i = 0; i < d.provisional_count; ++i) {
    const internal::ProvisionalRef& p = pool.provisional[d.provisional_begin + i];
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
  if (!data_->explain || internal::Access::Detail(o) == UINT32_MAX) return std::nullopt;
  return internal::Explain(*data_, index_, o);
}

ANSINH_END_NAMESPACE
