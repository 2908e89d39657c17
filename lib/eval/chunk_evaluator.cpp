// Evaluating one chunk: one pass per candidate day (one pass for --as-of),
// merging each benefit's results by its month rule, then writing decisions.
#include "eval/chunk_evaluator.hpp"

#include <algorithm>

#include "ansinh/date.hpp"
#include "plan/plan.hpp"

namespace ansinh::eval {

using internal::CapturedValue;
using internal::DecisionData;

namespace {

int Rank(uint8_t status) {
  switch (static_cast<BenefitStatus>(status)) {
    case BenefitStatus::kEligible: return 3;
    case BenefitStatus::kUndetermined: return 2;
    case BenefitStatus::kNotEligible: return 1;
    default: return 0;
  }
}
}  // namespace

ChunkEvaluator::ChunkEvaluator(const EvalRules& rules, const When& when, const EvaluateOptions& options)
    : rules_(rules), program_(rules.program), when_(when), options_(options) {
  first_day_ = when.period.first_day().days();
  last_day_ = when.period.last_day().days();
}

void ChunkEvaluator::Reset(const When& when, const EvaluateOptions& options) {
  when_ = when;
  options_ = options;
  options_.progress = nullptr;  // not used here; do not keep the caller's callback alive
  first_day_ = when.period.first_day().days();
  last_day_ = when.period.last_day().days();
}

std::vector<std::vector<int64_t>> ChunkEvaluator::CandidateDays() const {
  const size_t hn = state_.LaneCount(Level::kHousehold);
  std::vector<std::vector<int64_t>> days(hn);
  const int y = when_.period.year(), m = when_.period.month();
  const int dim = DaysInMonth(y, m);
  std::vector<int64_t> common = {first_day_, last_day_};
  for (int32_t d : program_.change_days) {
    if (d >= first_day_ && d <= last_day_) common.push_back(d);
  }
  if (program_.every_day) {
    for (int32_t d = first_day_; d <= last_day_; ++d) common.push_back(d);
  }
  auto anniversary = [&](int64_t date, std::vector<int64_t>& out) {
    const int dom = Date::FromDays(static_cast<int32_t>(date)).day();
    out.push_back(first_day_ + std::min(dom, dim) - 1);
  };
  const internal::BatchData& b = *state_.batch;
  for (size_t h = 0; h < hn; ++h) {
    std::vector<int64_t>& out = days[h];
    out = common;
    const size_t hg = state_.h_begin + h;
    for (int32_t f : program_.date_fields[0]) {
      if (b.household_columns[f].known[hg] == 1) anniversary(b.household_columns[f].value[hg], out);
    }
    for (uint32_t p = b.member_begin[hg]; p < b.member_begin[hg + 1]; ++p) {
      for (int32_t f : program_.date_fields[1]) {
        if (b.person_columns[f].known[p] == 1) anniversary(b.person_columns[f].value[p], out);
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
  (void)y;
  return days;
}

void ChunkEvaluator::PrepareAcc(bool lanes) {
  const size_t nb = program_.benefits.size();
  acc_lanes_.resize(nb);
  acc_.resize(nb);
  for (size_t b = 0; b < nb; ++b) {
    const size_t n = state_.LaneCount(program_.benefits[b].level);
    Acc& a = acc_[b];
    a.day.resize(n);
    if (!lanes) continue;  // one pass: its lanes become the result
    // Sized only: Merge(0) writes every lane (what it takes, or "nothing merged yet").
    acc_lanes_[b].Resize(n);
    if (options_.reasons) {
      a.lhs.assign(n, CapturedValue{});
      a.rhs.assign(n, CapturedValue{});
      a.near.assign(n, 0);
    }
    if (options_.explain) a.explain.assign(n, {});
  }
}

CapturedValue ChunkEvaluator::Capture(int32_t reg, Level level, size_t lane, bool copy_text) {
  CapturedValue c;
  c.reg = reg;
  if (reg < 0) return c;
  const Reg& r = state_.regs[reg];
  const plan::RegInfo& info = program_.regs[reg];
  size_t at = lane;
  if (!r.scalar && info.level != level) {
    if (info.level == Level::kHousehold && level == Level::kPerson) {
      at = state_.lanes.hh_of_person[lane];
    } else {
      c.state = plan::kUnknown;  // not readable at this lane (a finer level)
      return c;
    }
  }
  c.state = r.State(at);
  c.raw = r.At(at);
  if (copy_text && info.type == ValueType::kString && c.state == plan::kKnown) {
    const std::string_view text = (c.raw & plan::kProgramString)
                                      ? std::string_view(program_.strings[static_cast<size_t>(c.raw & ~plan::kProgramString)])
                                      : state_.batch->String(c.raw);
    c.raw = pool_->AddText(text);
  }
  return c;
}

// A near miss (docs/decision-format.md §detail): the lane failed a condition
// (l.failed >= 0) but holds every condition of the benefit's `for:` list — or,
// when the benefit marks none, failed on exactly one condition (the others hold).
// Reads this pass's registers, so call it when the lane is taken (Merge).
bool ChunkEvaluator::NearMiss(size_t b, size_t lane, int version) {
  const plan::BenefitPlan& bp = program_.benefits[b];
  const plan::VersionPlan& vp = bp.versions[static_cast<size_t>(version)];
  auto holds = [&](size_t c, bool* is_false) {
    const CapturedValue v = Capture(vp.conditions[c].reg, bp.level, lane, false);
    *is_false = v.state == plan::kKnown && v.raw == 0;
    return v.state == plan::kKnown && v.raw != 0;
  };
  bool is_false = false;
  if (vp.has_target) {
    for (size_t c = 0; c < vp.conditions.size(); ++c) {
      if (vp.conditions[c].target && !holds(c, &is_false)) return false;
    }
    return true;
  }
  size_t failed = 0;
  for (size_t c = 0; c < vp.conditions.size(); ++c) {
    if (holds(c, &is_false)) continue;
    if (!is_false || ++failed > 1) return false;  // unknown, or a second failure
  }
  return failed == 1;
}

void ChunkEvaluator::CaptureDetails(size_t b, size_t lane) {
  const plan::BenefitPlan& bp = program_.benefits[b];
  const BenefitLanes& l = acc_lanes_[b];
  Acc& a = acc_[b];
  const int v = l.version[lane];
  if (options_.reasons) a.near[lane] = 0;
  if (v < 0) return;
  const plan::VersionPlan& vp = bp.versions[static_cast<size_t>(v)];
  if (options_.reasons) a.near[lane] = l.failed[lane] >= 0 && NearMiss(b, lane, v);
  if (options_.reasons && l.failed[lane] >= 0) {
    const plan::ConditionPlan& c = vp.conditions[static_cast<size_t>(l.failed[lane])];
    a.lhs[lane] = Capture(c.top != plan::Compare::kNone ? c.lhs : c.reg, bp.level, lane);
    a.rhs[lane] = Capture(c.rhs, bp.level, lane);
  }
  if (options_.explain) {
    std::vector<CapturedValue>& e = a.explain[lane];
    e.clear();
    for (const plan::ConditionPlan& c : vp.conditions) {
      e.push_back(Capture(c.reg, bp.level, lane));
      for (const plan::Read& r : c.reads) e.push_back(Capture(r.reg, bp.level, lane));
    }
    e.push_back(Capture(vp.amount_reg, bp.level, lane));
    for (const plan::Read& r : vp.amount_reads) e.push_back(Capture(r.reg, bp.level, lane));
  }
}

void ChunkEvaluator::Merge(size_t pass) {
  const bool period = when_.is_period;
  for (size_t b = 0; b < program_.benefits.size(); ++b) {
    const plan::BenefitPlan& bp = program_.benefits[b];
    const BenefitLanes& now = state_.benefits[b];
    BenefitLanes& acc = acc_lanes_[b];
    const size_t n = now.status.size();
    // Its op did not run this pass: the lanes are those of the pass before,
    // on a day for all lanes as this one (see EvalState::Run), and that pass
    // compared each of them with what it had merged; the same lanes, compared
    // again, are taken nowhere (any_day; the other rules wait for their day).
    if (period && pass > 0 && bp.month_rule == 0 && state_.benefit_kept[b] != 0) continue;
    for (size_t i = 0; i < n; ++i) {
      const size_t h = bp.level == Level::kHousehold ? i : state_.lanes.hh_of_person[i];
      const int64_t day = period ? pass_days_[h] : when_.as_of.days();
      if (period && pass > 0 && day == acc_[b].day[i] && acc.status[i] != 0xFF) continue;  // same day again
      if ((period && bp.month_rule == 1 && day != first_day_) || (period && bp.month_rule == 2 && day != last_day_)) {
        if (pass == 0) {  // nothing merged yet
          acc.status[i] = 0xFF;
          acc.amount[i] = 0;
          acc.version[i] = -1;
          acc.failed[i] = -1;
          acc.why[i] = 0;
          acc.superseded_by[i] = -1;
        }
        continue;
      }
      bool take = pass == 0 || acc.status[i] == 0xFF;
      if (!take) {
        const int r_now = Rank(now.status[i]), r_acc = Rank(acc.status[i]);
        take = r_now > r_acc || (r_now == 3 && r_acc == 3 && now.amount[i] > acc.amount[i]);
      }
      if (!take) continue;
      acc.status[i] = now.status[i];
      acc.amount[i] = now.amount[i];
      acc.version[i] = now.version[i];
      acc.failed[i] = now.failed[i];
      acc.why[i] = now.why[i];
      acc.superseded_by[i] = now.superseded_by[i];
      acc_[b].day[i] = static_cast<int32_t>(day);
      if (options_.reasons || options_.explain) CaptureDetails(b, i);
    }
  }
}

void ChunkEvaluator::CopyVariables() {
  vars_.resize(program_.variable_regs.size());
  for (size_t v = 0; v < program_.variable_regs.size(); ++v) {
    const int32_t reg = program_.variable_regs[v];
    const Level level = program_.regs[reg].level;
    const size_t n = state_.LaneCount(level);
    const Reg& r = state_.regs[reg];
    std::vector<internal::VarValue>& out = vars_[v];
    out.resize(n);
    for (size_t i = 0; i < n; ++i) out[i] = internal::VarValue{r.At(i), r.State(i)};
  }
}

void ChunkEvaluator::Evaluate(const internal::BatchData& batch, size_t h_begin, size_t h_count, DecisionData& out,
                              uint32_t chunk) {
  out_ = &out;
  pool_ = out.pools[chunk].get();
  chunk_ = chunk;
  if (options_.reasons || options_.explain) {  // every outcome gets a detail: size the pool once
    const size_t persons = batch.member_begin[h_begin + h_count] - batch.member_begin[h_begin];
    const size_t outcomes = (h_count + persons) * program_.benefits.size();
    pool_->details.reserve(outcomes);
    pool_->values.reserve(outcomes * (options_.explain ? 8 : 2));
  }
  h_begin_ = h_begin;
  state_.Prepare(program_, batch, h_begin, h_count);
  state_.SetPeriod(first_day_, last_day_);
  const bool single_pass = !when_.is_period && !options_.reasons && !options_.explain;
  PrepareAcc(!single_pass);
  state_.track_failed = !single_pass;
  if (!when_.is_period) {
    state_.SetDay(when_.as_of.days());
    state_.Run();
    vars_from_regs_ = true;  // one pass: Assemble reads the variables from the registers
    if (single_pass) {
      // One pass is the result: take its lanes instead of merging them.
      acc_lanes_.swap(state_.benefits);
      const int32_t day = when_.as_of.days();
      for (Acc& a : acc_) std::fill(a.day.begin(), a.day.end(), day);
    } else {
      Merge(0);
    }
  } else {
    const std::vector<std::vector<int64_t>> days = CandidateDays();
    size_t passes = 1;
    for (const auto& d : days) passes = std::max(passes, d.size());
    pass_days_.assign(h_count, first_day_);
    for (size_t k = 0; k < passes; ++k) {
      for (size_t h = 0; h < h_count; ++h) pass_days_[h] = days[h][std::min(k, days[h].size() - 1)];
      // Passes always end on the month's last day (it is every household's last candidate).
      // One day for every household of the chunk (always so for a chunk of
      // one, as in the service): a scalar day, as for an as-of evaluation, so
      // that the versions not in force that day are skipped (their guards)
      // and each benefit takes its one version at once.
      if (!pass_days_.empty() &&
          std::all_of(pass_days_.begin(), pass_days_.end(), [&](int64_t d) { return d == pass_days_.front(); })) {
        state_.SetDay(static_cast<int32_t>(pass_days_.front()));
      } else {
        state_.SetDays(pass_days_);
      }
      state_.Run(k > 0);
      if (k == 0) CopyVariables();
      vars_from_regs_ = false;
      Merge(k);
    }
    std::vector<int32_t> winner;
    for (const plan::GroupPlan& g : program_.groups) {
      const size_t n = state_.LaneCount(g.level);
      winner.assign(n, -1);
      ResolveGroup(g, acc_lanes_, winner, n);
    }
    // On the month's results, with the tie-break as on the month's last day (the last pass).
    for (const plan::BenefitPlan& bp : program_.benefits) {
      if (bp.exclusive) ResolveExclusive(state_, bp, acc_lanes_[static_cast<size_t>(bp.benefit)]);
    }
  }
  Assemble(out);
}

}  // namespace ansinh::eval
