// Writing one chunk's decisions: issues and record checks, outcomes with their
// details (reasons, missing fields, provisional values, traces), variables,
// totals and indicator flags.
#include <algorithm>

#include "ansinh/date.hpp"
#include "eval/chunk_evaluator.hpp"
#include "plan/plan.hpp"

namespace ansinh::eval {

using internal::DecisionData;

namespace {
constexpr uint8_t S(BenefitStatus s) { return static_cast<uint8_t>(s); }
}  // namespace

void ChunkEvaluator::AddIssuesAndChecks(size_t h, internal::HouseholdRow& row, DecisionData& out) {
  const internal::BatchData& b = *state_.batch;
  const size_t hg = h_begin_ + h;
  row.issue_begin = static_cast<uint32_t>(out.issues.size());
  for (uint32_t i = b.issue_begin[hg]; i < b.issue_begin[hg + 1]; ++i) out.issues.push_back(b.issues[i]);
  row.ok = !b.has_error[hg];
  if (row.ok) {
    for (size_t c = 0; c < program_.checks.size(); ++c) {
      const plan::CheckPlan& cp = program_.checks[c];
      const internal::CheckMeta& meta = rules_.checks[c];
      const Reg& r = state_.regs[cp.reg];
      auto fire = [&](size_t lane, const std::string& path_prefix) {
        if (r.State(lane) != plan::kKnown || r.At(lane) == 0) return;
        RecordIssue issue;
        issue.code = meta.id;
        issue.severity = meta.severity;
        issue.field = path_prefix + meta.field;
        if (!path_prefix.empty() && meta.field.empty()) issue.field.pop_back();  // "members[P1]"
        issue.message = meta.message.Get(Language::kEn);
        issue.message_vi = meta.message.Get(Language::kVi);
        if (meta.severity == Severity::kError) row.ok = false;
        out.issues.push_back(std::move(issue));
      };
      if (cp.level == Level::kHousehold) {
        fire(h, "");
      } else {
        for (uint32_t p = state_.lanes.member_begin[h]; p < state_.lanes.member_begin[h + 1]; ++p) {
          fire(p, "members[" + std::string(b.PersonId(state_.p_begin + p)) + "].");
        }
      }
    }
  }
  row.issue_count = static_cast<uint32_t>(out.issues.size()) - row.issue_begin;
}

void ChunkEvaluator::AddOutcome(size_t b, size_t lane, size_t h, DecisionData& out, int64_t* total,
                                std::vector<RecordIssue>* eval_issues) {
  const plan::BenefitPlan& bp = program_.benefits[b];
  const BenefitLanes& l = acc_lanes_[b];
  const Acc& a = acc_[b];
  BenefitOutcome o;
  o.benefit = static_cast<uint32_t>(b);
  const uint8_t st = l.status[lane] == 0xFF ? S(BenefitStatus::kNotInForce) : l.status[lane];
  o.status = static_cast<BenefitStatus>(st);
  if (st == S(BenefitStatus::kEligible)) {
    o.has_amount = true;
    o.amount = l.amount[lane];
    if (l.superseded_by[lane] >= 0) {
      o.status = BenefitStatus::kSuperseded;
      o.superseded_by = l.superseded_by[lane];
    } else if (bp.monthly && rules_.benefits[b].unit == BenefitUnit::kMoney) {
      *total += o.amount;
    }
  }
  // Provisional parameter values in force for the version used.
  const int v = l.version[lane];
  const bool uses = o.status == BenefitStatus::kEligible || o.status == BenefitStatus::kSuperseded ||
                    o.status == BenefitStatus::kUndetermined;
  const uint32_t prov_begin = static_cast<uint32_t>(out.provisional.size());
  if (v >= 0 && uses) {
    const int32_t day = a.day[lane];
    for (int32_t pp : bp.versions[static_cast<size_t>(v)].param_plans) {
      const plan::ParamPlan& plan = program_.params[pp];
      auto it = std::upper_bound(plan.step_from.begin(), plan.step_from.end(), day);
      const int step = static_cast<int>(it - plan.step_from.begin()) - 1;
      if (step < 0) continue;
      if (!rules_.parameters[plan.param].steps[step].provisional) continue;
      const bool seen = std::any_of(out.provisional.begin() + prov_begin, out.provisional.end(),
                                    [&](const internal::ProvisionalRef& r) { return r.param == plan.param && r.step == step; });
      if (!seen) out.provisional.push_back(internal::ProvisionalRef{plan.param, step});
    }
  }
  o.provisional = out.provisional.size() > prov_begin;
  const bool need_detail = options_.reasons || options_.explain || o.status == BenefitStatus::kUndetermined ||
                           o.provisional;
  if (need_detail) {
    internal::OutcomeDetail d;
    d.version = l.version[lane];
    d.failed = l.failed[lane];
    d.day = a.day[lane];
    d.provisional_begin = prov_begin;
    d.provisional_count = static_cast<uint32_t>(out.provisional.size()) - prov_begin;
    if (o.status == BenefitStatus::kUndetermined) {
      const std::string error = state_.why.FirstError(l.why[lane]);
      if (!error.empty()) {
        d.error = out.AddText(error);
        RecordIssue issue;
        issue.code = "R_EVALUATION";
        issue.severity = Severity::kWarning;
        issue.message = "benefit " + rules_.benefits[b].id + " could not be computed: " + error;
        issue.message_vi = "không tính được chế độ " + rules_.benefits[b].id + ": " + error;
        eval_issues->push_back(std::move(issue));
      }
      leaves_.clear();
      state_.why.Leaves(l.why[lane], &leaves_, &scratch_);
      d.missing_begin = static_cast<uint32_t>(out.missing.size());
      for (const WhyPool::Node& leaf : leaves_) {
        internal::MissingRef m;
        if (leaf.kind == WhyPool::Kind::kField) {
          m.field = static_cast<int32_t>(leaf.b);
          m.member = leaf.entity == 0 ? -1 : static_cast<int32_t>(leaf.a - state_.lanes.member_begin[h]);
          if (leaf.entity == 0 && leaf.a != h) continue;  // cannot happen: lanes stay in their household
        } else {
          m.param_plan = static_cast<int32_t>(leaf.a);
          m.key = leaf.b;
        }
        out.missing.push_back(m);
      }
      d.missing_count = static_cast<uint32_t>(out.missing.size()) - d.missing_begin;
    }
    d.values_begin = static_cast<uint32_t>(out.values.size());
    if (options_.reasons && o.status == BenefitStatus::kNotEligible) {
      out.values.push_back(a.lhs[lane]);
      out.values.push_back(a.rhs[lane]);
    }
    if (options_.explain) {
      for (const internal::CapturedValue& c : a.explain[lane]) out.values.push_back(c);
    }
    d.values_count = static_cast<uint32_t>(out.values.size()) - d.values_begin;
    o.detail = static_cast<uint32_t>(out.details.size());
    out.details.push_back(d);
  } else {
    o.detail = UINT32_MAX;
  }
  out.outcomes.push_back(o);
}

void ChunkEvaluator::AddIndicators(Level level, size_t lane, DecisionData& out) {
  for (const plan::IndicatorPlan& ip : program_.indicators) {
    if (ip.level != level) continue;
    uint8_t flag = 0;
    bool in = true;
    if (ip.filter_reg >= 0) {
      const Reg& f = state_.regs[ip.filter_reg];
      if (f.State(lane) != plan::kKnown) {
        out.indicators.push_back(4);
        continue;
      }
      in = f.At(lane) != 0;
    }
    if (in) {
      const Reg& n = state_.regs[ip.numerator_reg];
      flag = n.State(lane) != plan::kKnown ? 3 : n.At(lane) ? 2 : 1;
    }
    out.indicators.push_back(flag);
  }
}

void ChunkEvaluator::Assemble(DecisionData& out) {
  const internal::BatchData& b = *state_.batch;
  const size_t hn = state_.LaneCount(Level::kHousehold);
  std::vector<RecordIssue> eval_issues;
  for (size_t h = 0; h < hn; ++h) {
    const size_t hg = h_begin_ + h;
    internal::HouseholdRow row;
    row.id = out.AddText(b.HouseholdId(hg));
    out.origins.push_back(b.origins[hg]);
    AddIssuesAndChecks(h, row, out);
    row.outcome_begin = static_cast<uint32_t>(out.outcomes.size());
    row.member_begin = static_cast<uint32_t>(out.members.size());
    row.var_begin = static_cast<uint32_t>(out.variables.size());
    row.indicator_begin = static_cast<uint32_t>(out.indicators.size());
    eval_issues.clear();
    if (row.ok) {
      for (size_t v = 0; v < program_.variable_regs.size(); ++v) {
        if (program_.regs[program_.variable_regs[v]].level == Level::kHousehold) out.variables.push_back(vars_[v][h]);
      }
      for (size_t ben = 0; ben < program_.benefits.size(); ++ben) {
        if (program_.benefits[ben].level == Level::kHousehold) AddOutcome(ben, h, h, out, &row.total, &eval_issues);
      }
      row.outcome_count = static_cast<uint32_t>(out.outcomes.size()) - row.outcome_begin;
      AddIndicators(Level::kHousehold, h, out);
      for (uint32_t p = state_.lanes.member_begin[h]; p < state_.lanes.member_begin[h + 1]; ++p) {
        internal::MemberRow m;
        m.id = out.AddText(b.PersonId(state_.p_begin + p));
        m.outcome_begin = static_cast<uint32_t>(out.outcomes.size());
        m.var_begin = static_cast<uint32_t>(out.variables.size());
        m.indicator_begin = static_cast<uint32_t>(out.indicators.size());
        for (size_t v = 0; v < program_.variable_regs.size(); ++v) {
          if (program_.regs[program_.variable_regs[v]].level == Level::kPerson) out.variables.push_back(vars_[v][p]);
        }
        for (size_t ben = 0; ben < program_.benefits.size(); ++ben) {
          if (program_.benefits[ben].level == Level::kPerson) AddOutcome(ben, p, h, out, &m.total, &eval_issues);
        }
        m.outcome_count = static_cast<uint32_t>(out.outcomes.size()) - m.outcome_begin;
        AddIndicators(Level::kPerson, p, out);
        row.total += m.total;
        out.members.push_back(m);
      }
      row.member_count = static_cast<uint32_t>(out.members.size()) - row.member_begin;
      // Evaluation errors (as warnings) go after the record's own issues.
      for (RecordIssue& issue : eval_issues) out.issues.push_back(std::move(issue));
      row.issue_count = static_cast<uint32_t>(out.issues.size()) - row.issue_begin;
    } else {
      // A record that cannot be evaluated still lists its members (ids only).
      for (uint32_t p = state_.lanes.member_begin[h]; p < state_.lanes.member_begin[h + 1]; ++p) {
        internal::MemberRow m;
        m.id = out.AddText(b.PersonId(state_.p_begin + p));
        m.outcome_begin = static_cast<uint32_t>(out.outcomes.size());
        m.var_begin = static_cast<uint32_t>(out.variables.size());
        m.indicator_begin = static_cast<uint32_t>(out.indicators.size());
        out.members.push_back(m);
      }
      row.member_count = static_cast<uint32_t>(out.members.size()) - row.member_begin;
    }
    // Errors first, then warnings, each in the order found (views rely on it).
    std::stable_partition(out.issues.begin() + row.issue_begin, out.issues.begin() + row.issue_begin + row.issue_count,
                          [](const RecordIssue& i) { return i.severity == Severity::kError; });
    out.households.push_back(row);
  }
}

}  // namespace ansinh::eval
