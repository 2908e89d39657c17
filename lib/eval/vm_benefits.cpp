// Op families: benefit outcomes per lane, group resolution (highest wins),
// and receives/qualifies.
#include "ansinh/decimal.hpp"
#include "ansinh/decision.hpp"
#include "eval/vm_kernels.hpp"

namespace ansinh::eval {

using plan::BenefitPlan;
using plan::Op;
using plan::VersionPlan;

namespace {

constexpr uint8_t StatusByte(BenefitStatus s) { return static_cast<uint8_t>(s); }

int VersionOn(const BenefitPlan& p, int64_t day) {
  for (size_t v = 0; v < p.versions.size(); ++v) {
    if (day >= p.versions[v].from && day <= p.versions[v].to) return static_cast<int>(v);
  }
  return -1;
}

}  // namespace

namespace {

// FastBenefit's steps. Lanes whose amount is not a whole unit go through RoundToUnit
// (rare); false when one cannot be rounded (the general path then records the error).
bool RoundLanes(const BenefitPlan& p, const Reg& amount, const int16_t* failed, int64_t* out, size_t n) {
  const int64_t unit = p.rounding_unit * Decimal::kScale;
  const bool whole_vnd = p.rounding_unit == 1;  // the usual unit: divisions by a constant
  for (size_t i = 0; i < n; ++i) {
    if (failed[i] >= 0) continue;
    const int64_t raw = amount.At(i);
    if (whole_vnd ? raw % Decimal::kScale == 0 : raw % unit == 0) {
      out[i] = raw / Decimal::kScale;
      continue;
    }
    const auto rounded = RoundToUnit(Decimal::FromMillionths(raw), p.rounding_unit, p.rounding_mode);
    if (!rounded) return false;
    out[i] = *rounded;
  }
  return true;
}

// Without failed-condition tracking: all conditions hold <=> their AND is 1 (a vectorizable
// pass per condition), then status, "failed" and amount in one branch-free pass.
bool ApplyConditionsFused(EvalState& s, const BenefitPlan& p, const VersionPlan& vp, BenefitLanes& bl, size_t n) {
  const Reg& amount = s.regs[vp.amount_reg];
  uint8_t* st = bl.status.data();
  int16_t* failed = bl.failed.data();
  int64_t* out = bl.amount.data();
  const int64_t unit = p.rounding_unit * Decimal::kScale;
  const bool whole_vnd = p.rounding_unit == 1;
  s.scratch.assign(n, 1);
  int64_t* all = s.scratch.data();
  for (const plan::ConditionPlan& c : vp.conditions) {
    const Reg& r = s.regs[c.reg];
    if (r.scalar) {
      if (r.s == 0) std::fill(all, all + n, 0);
      continue;
    }
    const int64_t* v = r.v;
    for (size_t i = 0; i < n; ++i) all[i] &= v[i];
  }
  const uint8_t yes = StatusByte(BenefitStatus::kEligible), no = StatusByte(BenefitStatus::kNotEligible);
  if (amount.scalar) {  // the usual case (a constant times a parameter): rounded once
    int64_t value = 0;
    if (whole_vnd ? amount.s % Decimal::kScale == 0 : amount.s % unit == 0) {
      value = amount.s / Decimal::kScale;
    } else {
      const auto rounded = RoundToUnit(Decimal::FromMillionths(amount.s), p.rounding_unit, p.rounding_mode);
      if (!rounded) return false;
      value = *rounded;
    }
    for (size_t i = 0; i < n; ++i) {
      const bool ok = all[i] != 0;
      st[i] = ok ? yes : no;
      failed[i] = static_cast<int16_t>(ok ? -1 : 0);  // 0: "some condition" (not shown)
      out[i] = ok ? value : 0;
    }
    return true;
  }
  const int64_t* raw = amount.v;
  bool fraction = !whole_vnd;
  for (size_t i = 0; i < n; ++i) {
    const bool ok = all[i] != 0;
    st[i] = ok ? yes : no;
    failed[i] = static_cast<int16_t>(ok ? -1 : 0);
    out[i] = ok ? raw[i] / Decimal::kScale : 0;
    fraction |= ok && raw[i] % Decimal::kScale != 0;
  }
  return !fraction || RoundLanes(p, amount, failed, out, n);
}

// With tracking (reasons): the first failing condition of each lane, then status and amount.
bool ApplyConditionsTracked(EvalState& s, const BenefitPlan& p, const VersionPlan& vp, BenefitLanes& bl, size_t n) {
  uint8_t* st = bl.status.data();
  int16_t* failed = bl.failed.data();
  int64_t* out = bl.amount.data();
  std::fill(st, st + n, StatusByte(BenefitStatus::kEligible));
  std::fill(failed, failed + n, static_cast<int16_t>(-1));
  for (size_t c = 0; c < vp.conditions.size(); ++c) {
    const Reg& r = s.regs[vp.conditions[c].reg];
    if (r.scalar) {
      if (r.s != 0) continue;
      for (size_t i = 0; i < n; ++i) {
        if (failed[i] < 0) failed[i] = static_cast<int16_t>(c);
      }
      continue;
    }
    const int64_t* v = r.v;
    for (size_t i = 0; i < n; ++i) {
      const bool fails = v[i] == 0 && failed[i] < 0;
      failed[i] = fails ? static_cast<int16_t>(c) : failed[i];
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (failed[i] >= 0) {
      st[i] = StatusByte(BenefitStatus::kNotEligible);
      out[i] = 0;
    }
  }
  return RoundLanes(p, s.regs[vp.amount_reg], failed, out, n);
}

// Whether every condition and the amount of `vp` are known in every lane.
bool AllInputsKnown(const EvalState& s, const VersionPlan& vp) {
  for (const plan::ConditionPlan& c : vp.conditions) {
    if (!s.regs[c.reg].AllKnown()) return false;
  }
  return s.regs[vp.amount_reg].AllKnown();
}

// The common case: one day for every lane and every condition and the amount
// known for every lane. Conditions are applied column by column.
bool FastBenefit(EvalState& s, const BenefitPlan& p, BenefitLanes& bl, int version, size_t n) {
  const auto lanes = static_cast<long>(n);
  if (version < 0) {  // not in force on that day
    std::fill(bl.status.begin(), bl.status.begin() + lanes, StatusByte(BenefitStatus::kNotInForce));
    std::fill(bl.version.begin(), bl.version.begin() + lanes, static_cast<int16_t>(-1));
    std::fill(bl.failed.begin(), bl.failed.begin() + lanes, static_cast<int16_t>(-1));
    std::fill(bl.amount.begin(), bl.amount.begin() + lanes, 0);
  } else {
    const VersionPlan& vp = p.versions[static_cast<size_t>(version)];
    if (!AllInputsKnown(s, vp)) return false;
    const bool applied = s.track_failed ? ApplyConditionsTracked(s, p, vp, bl, n) : ApplyConditionsFused(s, p, vp, bl, n);
    if (!applied) return false;
    std::fill(bl.version.begin(), bl.version.begin() + lanes, static_cast<int16_t>(version));
  }
  std::fill(bl.superseded_by.begin(), bl.superseded_by.begin() + lanes, -1);
  std::fill(bl.why.begin(), bl.why.begin() + lanes, 0u);
  return true;
}

}  // namespace

void RunBenefit(EvalState& s, const Op& op) {
  const BenefitPlan& p = s.program->benefits[op.aux];
  BenefitLanes& bl = s.benefits[op.aux];
  const Reg day = s.regs[p.day_reg];
  const size_t n = s.LaneCount(p.level);
  const int scalar_version = day.scalar ? VersionOn(p, day.s) : -2;
  if (scalar_version != -2 && FastBenefit(s, p, bl, scalar_version, n)) return;
  for (size_t i = 0; i < n; ++i) {
    const int v = scalar_version != -2 ? scalar_version : VersionOn(p, day.At(i));
    bl.superseded_by[i] = -1;
    bl.version[i] = static_cast<int16_t>(v);
    bl.failed[i] = -1;
    bl.amount[i] = 0;
    bl.why[i] = 0;
    if (v < 0) {
      bl.status[i] = StatusByte(BenefitStatus::kNotInForce);
      continue;
    }
    const VersionPlan& vp = p.versions[static_cast<size_t>(v)];
    bool unknown = false, error = false;
    uint32_t why = 0, error_why = 0;
    int failed = -1;
    for (size_t c = 0; c < vp.conditions.size(); ++c) {
      const Reg& r = s.regs[vp.conditions[c].reg];
      const uint8_t st = r.State(i);
      if (st == kKnown) {
        if (r.At(i) == 0) {
          failed = static_cast<int>(c);
          break;
        }
      } else if (st == kError) {
        if (!error) error_why = s.WhyAt(r, i);
        error = true;
      } else {
        unknown = true;
        why = s.why.Union(why, s.WhyAt(r, i));
      }
    }
    if (failed >= 0) {
      bl.status[i] = StatusByte(BenefitStatus::kNotEligible);
      bl.failed[i] = static_cast<int16_t>(failed);
      continue;
    }
    if (error || unknown) {
      bl.status[i] = StatusByte(BenefitStatus::kUndetermined);
      bl.why[i] = error ? error_why : why;
      continue;
    }
    const Reg& amount = s.regs[vp.amount_reg];
    const uint8_t st = amount.State(i);
    if (st != kKnown) {
      bl.status[i] = StatusByte(BenefitStatus::kUndetermined);
      bl.why[i] = s.WhyAt(amount, i);
      continue;
    }
    const auto rounded = RoundToUnit(Decimal::FromMillionths(amount.At(i)), p.rounding_unit, p.rounding_mode);
    if (!rounded) {
      bl.status[i] = StatusByte(BenefitStatus::kUndetermined);
      bl.why[i] = s.why.Error(ErrorText{"the amount became too large", "số tiền trở nên quá lớn"});
      continue;
    }
    bl.status[i] = StatusByte(BenefitStatus::kEligible);
    bl.amount[i] = *rounded;
  }
}

// Highest amount wins; ties go to the earlier benefit in the group's order.
// Column by column (branch-free selects), then each member marks its losers.
void ResolveGroup(const plan::GroupPlan& g, std::vector<BenefitLanes>& benefits, std::vector<int32_t>& winner,
                  size_t n) {
  thread_local std::vector<int64_t> best_amount;
  best_amount.assign(n, 0);
  int32_t* best = winner.data();
  std::fill(best, best + n, -1);
  int64_t* top = best_amount.data();
  for (int32_t b : g.competing) {
    const uint8_t* st = benefits[b].status.data();
    const int64_t* amount = benefits[b].amount.data();
    for (size_t i = 0; i < n; ++i) {
      const bool take = st[i] == StatusByte(BenefitStatus::kEligible) && (best[i] < 0 || amount[i] > top[i]);
      best[i] = take ? b : best[i];
      top[i] = take ? amount[i] : top[i];
    }
  }
  for (int32_t b : g.competing) {
    const uint8_t* st = benefits[b].status.data();
    int32_t* sup = benefits[b].superseded_by.data();
    for (size_t i = 0; i < n; ++i) {
      sup[i] = (st[i] == StatusByte(BenefitStatus::kEligible) && best[i] != b) ? best[i] : -1;
    }
  }
}

void RunGroup(EvalState& s, const Op& op) {
  const plan::GroupPlan& g = s.program->groups[op.aux];
  ResolveGroup(g, s.benefits, s.group_winner[op.aux], s.LaneCount(g.level));
}

void ResolveExclusive(const EvalState& s, const BenefitPlan& p, BenefitLanes& lanes) {
  const size_t households = s.LaneCount(Level::kHousehold);
  const Reg* between = p.between_reg >= 0 ? &s.regs[p.between_reg] : nullptr;
  const Reg* prefer = p.prefer_reg >= 0 ? &s.regs[p.prefer_reg] : nullptr;
  // A member competes unless `between` is known false for them (unknown: competes,
  // so that a missing fact never pays twice). An unknown preference counts as not
  // preferred: the tie then goes to the member listed first.
  auto competes = [&](size_t i) {
    return lanes.status[i] == StatusByte(BenefitStatus::kEligible) &&
           (between == nullptr || between->State(i) != kKnown || between->At(i) != 0);
  };
  auto preferred = [&](size_t i) { return prefer != nullptr && prefer->State(i) == kKnown && prefer->At(i) != 0; };
  for (size_t h = 0; h < households; ++h) {
    const uint32_t begin = s.lanes.member_begin[h], end = s.lanes.member_begin[h + 1];
    int64_t best = -1;
    for (uint32_t i = begin; i < end; ++i) {
      if (!competes(i)) continue;
      const bool better = best < 0 || lanes.amount[i] > lanes.amount[static_cast<size_t>(best)] ||
                          (lanes.amount[i] == lanes.amount[static_cast<size_t>(best)] && preferred(i) &&
                           !preferred(static_cast<size_t>(best)));
      if (better) best = i;
    }
    // A loser's superseded_by encodes the winner: benefit count + the winner's
    // index in the household (decoded by the decision view).
    const int32_t code = static_cast<int32_t>(s.program->benefits.size()) + static_cast<int32_t>(best - begin);
    for (uint32_t i = begin; i < end; ++i) {
      const bool loses = competes(i) && static_cast<int64_t>(i) != best;
      lanes.superseded_by[i] = loses ? code : -1;
    }
  }
}

void RunExclusive(EvalState& s, const Op& op) {
  const BenefitPlan& p = s.program->benefits[op.aux];
  ResolveExclusive(s, p, s.benefits[op.aux]);
}

void RunReceives(EvalState& s, const Op& op) {
  Reg& o = s.OutColumn(op);
  const size_t n = s.LaneCount(op.level);
  const bool qualifies = (op.flags & plan::kQualifies) != 0;
  bool all = true;
  auto lane_of = [&](int32_t b, size_t i, bool* unknown, uint32_t* why) -> bool {
    const BenefitLanes& bl = s.benefits[b];
    const uint8_t st = bl.status[i];
    if (st == StatusByte(BenefitStatus::kEligible)) return qualifies || bl.superseded_by[i] < 0;
    if (st == StatusByte(BenefitStatus::kUndetermined)) {
      *unknown = true;
      *why = s.why.Union(*why, bl.why[i]);
    }
    return false;
  };
  for (size_t i = 0; i < n; ++i) {
    bool yes = false, unknown = false;
    uint32_t why = 0;
    if (op.flags & plan::kIsGroup) {
      const plan::GroupPlan& g = s.program->groups[op.aux];
      yes = s.group_winner[op.aux][i] >= 0;
      for (int32_t b : g.competing) {
        if (!yes) lane_of(b, i, &unknown, &why);
      }
      for (size_t b = 0; b < s.program->benefits.size() && !yes; ++b) {
        const plan::BenefitPlan& bp = s.program->benefits[b];
        if (bp.adds_to_group && bp.group == op.aux) yes = lane_of(static_cast<int32_t>(b), i, &unknown, &why);
      }
    } else {
      yes = lane_of(op.aux, i, &unknown, &why);
    }
    o.v[i] = yes ? 1 : 0;
    o.st[i] = yes ? kKnown : unknown ? kUnknown : kKnown;
    o.why[i] = o.st[i] == kKnown ? 0 : why;
    all &= o.st[i] == kKnown;
  }
  o.all_known = all;
}

}  // namespace ansinh::eval
