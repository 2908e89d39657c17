// Writing one chunk's decisions into the batch's columns: outcomes benefit by
// benefit (tight loops), details only where needed (undetermined outcomes,
// provisional values, reasons/traces when asked), totals, variables,
// indicators, issues and record checks.
#include <algorithm>

#include "ansinh/date.hpp"
#include "common/int128.hpp"
#include "eval/chunk_evaluator.hpp"
#include "plan/plan.hpp"

namespace ansinh::eval {

using internal::DecisionData;

namespace {
constexpr uint8_t S(BenefitStatus s) { return static_cast<uint8_t>(s); }
}  // namespace

void ChunkEvaluator::AddIssuesAndChecks(size_t h, internal::HouseholdRow& row) {
  const internal::BatchData& b = *state_.batch;
  const size_t hg = h_begin_ + h;
  std::vector<RecordIssue>& issues = pool_->issues;
  row.issue_begin = static_cast<uint32_t>(issues.size());
  for (uint32_t i = b.issue_begin[hg]; i < b.issue_begin[hg + 1]; ++i) issues.push_back(b.issues[i]);
  row.ok = !b.has_error[hg];
  if (row.ok) {
    for (size_t c = 0; c < program_.checks.size(); ++c) {
      const plan::CheckPlan& cp = program_.checks[c];
      const internal::CheckMeta& meta = rules_.checks[c];
      const Reg& r = state_.regs[cp.reg];
      auto fire = [&](size_t lane, int64_t person) {
        if (r.State(lane) != plan::kKnown || r.At(lane) == 0) return;
        RecordIssue issue;
        issue.code = meta.id;
        issue.severity = meta.severity;
        if (person < 0) {
          issue.field = meta.field;
        } else {
          issue.field = "members[" + std::string(b.PersonId(static_cast<size_t>(person))) + "]";
          if (!meta.field.empty()) issue.field += "." + meta.field;
        }
        issue.message = meta.message.Get(Language::kEn);
        issue.message_vi = meta.message.Get(Language::kVi);
        if (meta.severity == Severity::kError) row.ok = false;
        issues.push_back(std::move(issue));
      };
      if (cp.level == Level::kHousehold) {
        fire(h, -1);
      } else {
        for (uint32_t p = state_.lanes.member_begin[h]; p < state_.lanes.member_begin[h + 1]; ++p) {
          fire(p, static_cast<int64_t>(state_.p_begin + p));
        }
      }
    }
  }
  row.issue_count = static_cast<uint32_t>(issues.size()) - row.issue_begin;
}

bool ChunkEvaluator::ProvisionalAt(size_t b, int version, int32_t day,
                                   std::vector<internal::ProvisionalRef>* refs) const {
  bool any = false;
  // Only this outcome's own refs count as seen: `refs` is the chunk's pool, and
  // what other outcomes of the chunk used must not change this one.
  const size_t first = refs != nullptr ? refs->size() : 0;
  for (int32_t pp : program_.benefits[b].versions[static_cast<size_t>(version)].param_plans) {
    const plan::ParamPlan& plan = program_.params[pp];
    auto it = std::upper_bound(plan.step_from.begin(), plan.step_from.end(), day);
    const int step = static_cast<int>(it - plan.step_from.begin()) - 1;
    if (step < 0 || !rules_.parameters[plan.param].steps[step].provisional) continue;
    any = true;
    if (refs == nullptr) return true;
    const bool seen = std::any_of(refs->begin() + static_cast<std::ptrdiff_t>(first), refs->end(),
                                  [&](const internal::ProvisionalRef& r) {
      return r.param == plan.param && r.step == step;
    });
    if (!seen) refs->push_back(internal::ProvisionalRef{plan.param, step});
  }
  return any;
}

uint32_t ChunkEvaluator::AddDetail(size_t b, size_t lane, uint8_t status, bool provisional, uint32_t) {
  const BenefitLanes& l = acc_lanes_[b];
  const Acc& a = acc_[b];
  internal::ChunkPool& pool = *pool_;
  internal::OutcomeDetail d;
  d.version = l.version[lane];
  d.failed = l.failed[lane];
  d.day = a.day[lane];
  d.provisional_begin = static_cast<uint32_t>(pool.provisional.size());
  if (provisional && d.version >= 0) ProvisionalAt(b, d.version, d.day, &pool.provisional);
  d.provisional_count = static_cast<uint32_t>(pool.provisional.size()) - d.provisional_begin;
  if (status == S(BenefitStatus::kUndetermined)) {
    const size_t h = program_.benefits[b].level == Level::kHousehold ? lane : state_.lanes.hh_of_person[lane];
    const std::string error = state_.why.FirstError(l.why[lane]);
    if (!error.empty()) {
      d.error = pool.AddText(error);
      RecordIssue issue;
      issue.code = "R_EVALUATION";
      issue.severity = Severity::kWarning;
      issue.message = "benefit " + rules_.benefits[b].id + " could not be computed: " + error;
      issue.message_vi = "không tính được chế độ " + rules_.benefits[b].id + ": " + state_.why.FirstError(l.why[lane], true);
      eval_issues_[h].push_back(std::move(issue));
    }
    leaves_.clear();
    state_.why.Leaves(l.why[lane], &leaves_, &scratch_);
    d.missing_begin = static_cast<uint32_t>(pool.missing.size());
    for (const WhyPool::Node& leaf : leaves_) {
      internal::MissingRef m;
      if (leaf.kind == WhyPool::Kind::kField) {
        m.field = static_cast<int32_t>(leaf.b);
        m.member = leaf.entity == 0 ? -1 : static_cast<int32_t>(leaf.a - state_.lanes.member_begin[h]);
      } else {
        m.param_plan = static_cast<int32_t>(leaf.a);
        m.key = leaf.b;
      }
      pool.missing.push_back(m);
    }
    d.missing_count = static_cast<uint32_t>(pool.missing.size()) - d.missing_begin;
  }
  d.values_begin = static_cast<uint32_t>(pool.values.size());
  if (options_.reasons && status == S(BenefitStatus::kNotEligible)) {
    pool.values.push_back(a.lhs[lane]);
    pool.values.push_back(a.rhs[lane]);
  }
  if (options_.explain) {
    for (const internal::CapturedValue& c : a.explain[lane]) pool.values.push_back(c);
  }
  d.values_count = static_cast<uint32_t>(pool.values.size()) - d.values_begin;
  pool.details.push_back(d);
  return static_cast<uint32_t>(pool.details.size() - 1);
}

void ChunkEvaluator::WriteColumn(size_t b, internal::OutcomeColumn& column, size_t global_begin, uint32_t index) {
  const plan::BenefitPlan& bp = program_.benefits[b];
  const BenefitLanes& l = acc_lanes_[b];
  const Acc& a = acc_[b];
  const size_t n = l.status.size();
  uint8_t* status = column.status.data() + global_begin;
  int64_t* amount = column.amount.data() + global_begin;
  int32_t* superseded = column.superseded_by.data() + global_begin;
  const bool dense = !column.detail.empty();
  uint32_t* detail = dense ? column.detail.data() + global_begin : nullptr;
  const bool person = bp.level == Level::kPerson;
  // Provisional values depend on the version and the day; as of one day that is one answer per version.
  const bool any_provisional = std::any_of(bp.versions.begin(), bp.versions.end(), [&](const plan::VersionPlan& v) {
    return std::any_of(v.param_plans.begin(), v.param_plans.end(), [&](int32_t pp) {
      const auto& steps = rules_.parameters[program_.params[pp].param].steps;
      return std::any_of(steps.begin(), steps.end(), [](const ParameterStepInfo& s) { return s.provisional; });
    });
  });
  if (!dense && !any_provisional && !when_.is_period) {
    // One pass, no details wanted: the lanes already hold final values (amount 0
    // unless eligible, superseded_by -1 unless superseded), so this is copying.
    std::copy(l.amount.begin(), l.amount.begin() + static_cast<long>(n), amount);
    std::copy(l.superseded_by.begin(), l.superseded_by.begin() + static_cast<long>(n), superseded);
    bool undetermined = false;
    for (size_t i = 0; i < n; ++i) {
      const uint8_t st = l.status[i];
      status[i] = l.superseded_by[i] >= 0 ? S(BenefitStatus::kSuperseded) : st;
      undetermined |= st == S(BenefitStatus::kUndetermined);
    }
    if (!undetermined) return;
    for (size_t i = 0; i < n; ++i) {
      if (l.status[i] != S(BenefitStatus::kUndetermined)) continue;
      pool_->sparse_details[internal::ChunkPool::SparseKey(person, index, static_cast<uint32_t>(global_begin + i))] =
          AddDetail(b, i, l.status[i], false, 0);
    }
    return;
  }
  if (!dense && !any_provisional) {
    // Fast path: statuses and amounts; details only for the (rare) undetermined outcomes.
    for (size_t i = 0; i < n; ++i) {
      uint8_t st = l.status[i] == 0xFF ? S(BenefitStatus::kNotInForce) : l.status[i];
      const bool eligible = st == S(BenefitStatus::kEligible);
      const int32_t sup = l.superseded_by[i];
      st = eligible && sup >= 0 ? S(BenefitStatus::kSuperseded) : st;
      superseded[i] = st == S(BenefitStatus::kSuperseded) ? sup : -1;
      amount[i] = eligible ? l.amount[i] : 0;
      status[i] = st;
      if (st == S(BenefitStatus::kUndetermined)) {
        pool_->sparse_details[internal::ChunkPool::SparseKey(person, index, static_cast<uint32_t>(global_begin + i))] =
            AddDetail(b, i, st, false, 0);
      }
    }
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    uint8_t st = l.status[i] == 0xFF ? S(BenefitStatus::kNotInForce) : l.status[i];
    const bool eligible = st == S(BenefitStatus::kEligible);
    if (eligible && l.superseded_by[i] >= 0) st = S(BenefitStatus::kSuperseded);
    superseded[i] = st == S(BenefitStatus::kSuperseded) ? l.superseded_by[i] : -1;
    amount[i] = eligible ? l.amount[i] : 0;
    bool provisional = false;
    if (any_provisional && l.version[i] >= 0 &&
        (eligible || st == S(BenefitStatus::kUndetermined))) {
      provisional = ProvisionalAt(b, l.version[i], a.day[i], nullptr);
    }
    const bool need = options_.reasons || options_.explain || provisional || st == S(BenefitStatus::kUndetermined);
    const uint32_t d = need ? AddDetail(b, i, st, provisional, 0) : UINT32_MAX;
    if (dense) {
      detail[i] = d;
    } else if (d != UINT32_MAX) {
      pool_->sparse_details[internal::ChunkPool::SparseKey(person, index, static_cast<uint32_t>(global_begin + i))] = d;
    }
    const bool near = options_.reasons && st == S(BenefitStatus::kNotEligible) && a.near[i] != 0;
    status[i] = static_cast<uint8_t>(st | (provisional ? internal::kProvisionalBit : 0) |
                                     (near ? internal::kNearMissBit : 0));
  }
}

// The chunk's part of the decision batch, in named steps.
void ChunkEvaluator::Assemble(DecisionData& out) {
  const size_t hn = state_.LaneCount(Level::kHousehold);
  eval_issues_.resize(std::max(eval_issues_.size(), hn));
  for (size_t h = 0; h < hn; ++h) eval_issues_[h].clear();
  WriteOutcomes(out);
  SumTotals(out);
  CopyVariables(out);
  CopyIndicators(out);
  WriteRows(out);
}

// Each benefit's lanes into its outcome column.
void ChunkEvaluator::WriteOutcomes(DecisionData& out) {
  const size_t h0 = h_begin_, p0 = state_.p_begin;
  size_t hcol = 0, pcol = 0;
  for (size_t ben = 0; ben < program_.benefits.size(); ++ben) {
    if (program_.benefits[ben].level == Level::kHousehold) {
      WriteColumn(ben, out.household_outcomes[hcol], h0, static_cast<uint32_t>(hcol));
      ++hcol;
    } else {
      WriteColumn(ben, out.person_outcomes[pcol], p0, static_cast<uint32_t>(pcol));
      ++pcol;
    }
  }
}

// Per person and per household, the eligible monthly money benefits (totals_, hh_totals_).
void ChunkEvaluator::SumTotals(const DecisionData& out) {
  const size_t hn = state_.LaneCount(Level::kHousehold);
  const size_t pn = state_.LaneCount(Level::kPerson);
  const size_t h0 = h_begin_, p0 = state_.p_begin;
  std::vector<int64_t>& totals = totals_;
  totals.assign(pn, 0);
  std::vector<int64_t>& hh_totals = hh_totals_;
  hh_totals.assign(hn, 0);
  size_t hcol = 0, pcol = 0;
  for (size_t ben = 0; ben < program_.benefits.size(); ++ben) {
    const plan::BenefitPlan& bp = program_.benefits[ben];
    const bool household = bp.level == Level::kHousehold;
    const internal::OutcomeColumn& col = household ? out.household_outcomes[hcol++] : out.person_outcomes[pcol++];
    if (!bp.monthly || rules_.benefits[ben].unit != BenefitUnit::kMoney) continue;
    const size_t n = household ? hn : pn;
    const uint8_t* st = col.status.data() + (household ? h0 : p0);
    const int64_t* amount = col.amount.data() + (household ? h0 : p0);
    int64_t* t = household ? hh_totals.data() : totals.data();
    for (size_t i = 0; i < n; ++i) {
      t[i] = internal::SaturatingAdd(t[i], (st[i] & internal::kStatusMask) == S(BenefitStatus::kEligible) ? amount[i] : 0);
    }
  }
}

// The variables' lanes into their columns.
void ChunkEvaluator::CopyVariables(DecisionData& out) {
  const size_t hn = state_.LaneCount(Level::kHousehold);
  const size_t pn = state_.LaneCount(Level::kPerson);
  const size_t h0 = h_begin_, p0 = state_.p_begin;
  size_t hv = 0, pv = 0;
  for (size_t v = 0; v < program_.variable_regs.size(); ++v) {
    const bool household = program_.regs[program_.variable_regs[v]].level == Level::kHousehold;
    internal::ColumnView<internal::VarValue>& dst = household ? out.household_vars[hv++] : out.person_vars[pv++];
    internal::VarValue* to = dst.data() + (household ? h0 : p0);
    if (!vars_from_regs_) {
      std::copy(vars_[v].begin(), vars_[v].end(), to);
      continue;
    }
    const Reg& r = state_.regs[program_.variable_regs[v]];
    const size_t n = household ? hn : pn;
    if (r.scalar) {
      std::fill(to, to + n, internal::VarValue{r.s, r.s_state});
    } else if (r.all_known) {
      for (size_t i = 0; i < n; ++i) to[i] = internal::VarValue{r.v[i], plan::kKnown};
    } else {
      for (size_t i = 0; i < n; ++i) to[i] = internal::VarValue{r.v[i], r.st[i]};
    }
  }
}

// Each indicator's flag per lane (0 outside its population, 1 no, 2 yes, 3 unknown, 4 population unknown).
void ChunkEvaluator::CopyIndicators(DecisionData& out) {
  const size_t hn = state_.LaneCount(Level::kHousehold);
  const size_t pn = state_.LaneCount(Level::kPerson);
  const size_t h0 = h_begin_, p0 = state_.p_begin;
  size_t hi = 0, pi = 0;
  for (const plan::IndicatorPlan& ip : program_.indicators) {
    const bool household = ip.level == Level::kHousehold;
    internal::ColumnView<internal::IndicatorFlag>& dst = household ? out.household_indicators[hi++] : out.person_indicators[pi++];
    const size_t n = household ? hn : pn;
    internal::IndicatorFlag* flags = dst.data() + (household ? h0 : p0);
    const Reg* filter = ip.filter_reg >= 0 ? &state_.regs[ip.filter_reg] : nullptr;
    const Reg& num = state_.regs[ip.numerator_reg];
    for (size_t i = 0; i < n; ++i) {
      if (filter != nullptr && filter->State(i) != plan::kKnown) {
        flags[i] = 4;
      } else if (filter != nullptr && filter->At(i) == 0) {
        flags[i] = 0;
      } else {
        flags[i] = num.State(i) != plan::kKnown ? 3 : num.At(i) ? 2 : 1;
      }
    }
  }
}

// Household and member rows: ids, origins, issues, checks and totals.
void ChunkEvaluator::WriteRows(DecisionData& out) {
  const internal::BatchData& b = *state_.batch;
  const size_t hn = state_.LaneCount(Level::kHousehold);
  const size_t pn = state_.LaneCount(Level::kPerson);
  const size_t h0 = h_begin_, p0 = state_.p_begin;
  const std::vector<int64_t>& totals = totals_;
  const std::vector<int64_t>& hh_totals = hh_totals_;
  // Ids: copy the batch's string bytes spanning this chunk's ids once, then
  // rebase each id's reference (the builder appends a record's strings together).
  uint64_t lo = UINT64_MAX, hi_end = 0;
  auto span = [&](int64_t ref) {
    const uint64_t r = static_cast<uint64_t>(ref), off = r >> 24, len = r & 0xFFFFFF;
    lo = std::min(lo, off);
    hi_end = std::max(hi_end, off + len);
  };
  for (size_t h = 0; h < hn; ++h) span(b.household_columns[0].value[h0 + h]);
  for (size_t p = 0; p < pn; ++p) span(b.person_columns[0].value[p0 + p]);
  const bool block = hn > 0 && hi_end >= lo && hi_end - lo <= 64 * (hn + pn) * 32;
  uint64_t base = 0;
  if (block) {
    base = pool_->text.size();
    pool_->text.append(b.strings.data() + lo, hi_end - lo);
  }
  auto id_ref = [&](int64_t ref) -> int64_t {
    if (!block) return pool_->AddText(b.String(ref));
    const uint64_t r = static_cast<uint64_t>(ref);
    return static_cast<int64_t>((((r >> 24) - lo + base) << 24) | (r & 0xFFFFFF));
  };
  // Households and members.
  for (size_t h = 0; h < hn; ++h) {
    const size_t hg = h0 + h;
    internal::HouseholdRow& row = out.households[hg];
    row.chunk = chunk_;
    row.id = id_ref(b.household_columns[0].value[hg]);
    const RecordOrigin& origin = b.origins[hg];
    std::vector<std::string>& files = pool_->origin_files;
    if (files.empty() || files.back() != origin.file) {  // files repeat in long runs
      auto it = std::find(files.begin(), files.end(), origin.file);
      row.origin_file = static_cast<uint32_t>(it - files.begin());
      if (it == files.end()) files.push_back(origin.file);
    } else {
      row.origin_file = static_cast<uint32_t>(files.size() - 1);
    }
    row.origin_line = origin.line;
    row.origin_index = origin.index;
    AddIssuesAndChecks(h, row);
    row.member_begin = static_cast<uint32_t>(p0 + state_.lanes.member_begin[h]);
    row.member_count = state_.lanes.member_begin[h + 1] - state_.lanes.member_begin[h];
    row.total = 0;
    for (uint32_t p = state_.lanes.member_begin[h]; p < state_.lanes.member_begin[h + 1]; ++p) {
      internal::MemberRow& m = out.members[p0 + p];
      m.id = id_ref(b.person_columns[0].value[p0 + p]);
      m.household = static_cast<uint32_t>(hg);
      m.total = row.ok ? totals[p] : 0;
      row.total = internal::SaturatingAdd(row.total, m.total);
    }
    if (row.ok) {
      row.total = internal::SaturatingAdd(row.total, hh_totals[h]);
      for (RecordIssue& issue : eval_issues_[h]) pool_->issues.push_back(std::move(issue));
      row.issue_count = static_cast<uint32_t>(pool_->issues.size()) - row.issue_begin;
    }
    // Errors first, then warnings, each in the order found (views rely on it).
    if (row.issue_count > 1) std::stable_partition(pool_->issues.begin() + row.issue_begin,
                          pool_->issues.begin() + row.issue_begin + row.issue_count,
                          [](const RecordIssue& i) { return i.severity == Severity::kError; });
  }
}

}  // namespace ansinh::eval
