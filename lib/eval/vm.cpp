// The column evaluator's driver: lanes, register binding, op dispatch.
#include "eval/vm.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace ansinh::eval {

using plan::OpCode;
using plan::RegKind;

void EvalState::Prepare(const plan::Program& prog, const internal::BatchData& data, size_t first, size_t count) {
  program = &prog;
  batch = &data;
  h_begin = first;
  p_begin = data.member_begin[first];
  chunk_households_ = count;
  why.Clear();
  BuildLanes(prog.slots[2] > 0);
  for (int l = 0; l < 3; ++l) {
    const size_t n = lanes.count[l];
    const size_t need = static_cast<size_t>(prog.slots[l]) * n;
    if (values_[l].size() < need) {
      values_[l].resize(need);
      states_[l].resize(need);
      whys_[l].resize(need);
    }
  }
  BindRegisters();
  benefits.resize(prog.benefits.size());
  for (size_t b = 0; b < prog.benefits.size(); ++b) {
    const size_t n = LaneCount(prog.benefits[b].level);
    benefits[b].Resize(n);
  }
  group_winner.resize(prog.groups.size());
  for (size_t g = 0; g < prog.groups.size(); ++g) group_winner[g].resize(LaneCount(prog.groups[g].level));
}

void EvalState::BuildLanes(bool pairs) {
  const auto& mb = batch->member_begin;
  const size_t hn = chunk_households_;
  lanes.count[0] = hn;
  const size_t p0 = mb[h_begin];
  const size_t pn = mb[h_begin + hn] - p0;
  lanes.count[1] = pn;
  lanes.member_begin.resize(hn + 1);
  lanes.hh_of_person.resize(pn);
  for (size_t h = 0; h <= hn; ++h) lanes.member_begin[h] = static_cast<uint32_t>(mb[h_begin + h] - p0);
  for (size_t h = 0; h < hn; ++h) {
    for (uint32_t p = lanes.member_begin[h]; p < lanes.member_begin[h + 1]; ++p) {
      lanes.hh_of_person[p] = static_cast<uint32_t>(h);
    }
  }
  has_pairs_ = pairs;
  lanes.count[2] = 0;
  if (!pairs) return;
  size_t total = 0;
  for (size_t h = 0; h < hn; ++h) {
    const size_t m = lanes.member_begin[h + 1] - lanes.member_begin[h];
    total += m * m;
  }
  lanes.count[2] = total;
  lanes.pair_person.resize(total);
  lanes.pair_member.resize(total);
  lanes.hh_of_pair.resize(total);
  lanes.pair_begin.resize(pn + 1);
  uint32_t k = 0;
  for (size_t h = 0; h < hn; ++h) {
    const uint32_t b = lanes.member_begin[h], e = lanes.member_begin[h + 1];
    for (uint32_t p = b; p < e; ++p) {
      lanes.pair_begin[p] = k;
      for (uint32_t m = b; m < e; ++m, ++k) {
        lanes.pair_person[k] = p;
        lanes.pair_member[k] = m;
        lanes.hh_of_pair[k] = static_cast<uint32_t>(h);
      }
    }
  }
  lanes.pair_begin[pn] = k;
}

void EvalState::BindRegisters() {
  const plan::Program& prog = *program;
  regs.resize(prog.regs.size());
  for (size_t r = 0; r < prog.regs.size(); ++r) {
    const plan::RegInfo& info = prog.regs[r];
    Reg& reg = regs[r];
    reg = Reg{};
    switch (info.kind) {
      case RegKind::kConst:
        reg.s = info.value;
        reg.s_state = info.state;
        break;
      case RegKind::kField: {
        const bool person = info.entity == 1;
        const auto& col = (person ? batch->person_columns : batch->household_columns)[info.field];
        const size_t offset = person ? p_begin : h_begin;
        const size_t n = lanes.count[person ? 1 : 0];
        reg.scalar = false;
        reg.field = true;
        reg.entity = info.entity;
        reg.field_index = info.field;
        reg.v = const_cast<int64_t*>(col.value.data() + offset);
        reg.st = const_cast<uint8_t*>(col.known.data() + offset);
        reg.all_known = n == 0 || std::memchr(reg.st, 0, n) == nullptr;
        break;
      }
      default: break;  // ops and days are bound when they run / per pass
    }
  }
}

void EvalState::SetDay(int32_t d) {
  scalar_day = true;
  day = d;
  Reg& r = regs[program->as_of_reg];
  r = Reg{};
  r.s = d;
}

void EvalState::SetDays(const std::vector<int64_t>& per_household) {
  scalar_day = false;
  day_column_ = per_household;
  day_states_.assign(per_household.size(), kKnown);
  Reg& r = regs[program->as_of_reg];
  r = Reg{};
  r.scalar = false;
  r.v = day_column_.data();
  r.st = day_states_.data();
}

void EvalState::SetPeriod(int32_t first_day, int32_t last_day) {
  Reg& a = regs[program->period_start_reg];
  a = Reg{};
  a.s = first_day;
  Reg& b = regs[program->period_end_reg];
  b = Reg{};
  b.s = last_day;
}

Reg& EvalState::OutColumn(const plan::Op& op) {
  Reg& r = regs[op.out];
  const int l = static_cast<int>(op.level);
  const size_t n = lanes.count[l];
  const size_t base = static_cast<size_t>(program->regs[op.out].slot) * n;
  r = Reg{};
  r.scalar = false;
  r.v = values_[l].data() + base;
  r.st = states_[l].data() + base;
  r.why = whys_[l].data() + base;
  return r;
}

const int64_t* EvalState::OwnColumn(const plan::Op& op) const {
  const int l = static_cast<int>(op.level);
  return values_[l].data() + static_cast<size_t>(program->regs[op.out].slot) * lanes.count[l];
}

Reg& EvalState::OutScalar(const plan::Op& op) {
  Reg& r = regs[op.out];
  r = Reg{};
  return r;
}

void EvalState::FindDayDependent() {
  const plan::Program& prog = *program;
  std::vector<uint8_t> reg_dependent(prog.regs.size(), 0);
  if (prog.as_of_reg >= 0) reg_dependent[static_cast<size_t>(prog.as_of_reg)] = 1;
  day_dependent_.assign(prog.ops.size(), 0);
  auto reads = [&](int32_t r) { return r >= 0 && reg_dependent[static_cast<size_t>(r)] != 0; };
  for (size_t i = 0; i < prog.ops.size(); ++i) {
    const plan::Op& op = prog.ops[i];
    // Benefit ops read the results of the pass (and condition registers beyond a, b, c): always run.
    const bool benefit = op.code == OpCode::kBenefit || op.code == OpCode::kGroup ||
                         op.code == OpCode::kExclusive || op.code == OpCode::kReceives;
    const bool dependent = benefit || reads(op.a) || reads(op.b) || reads(op.c);
    day_dependent_[i] = dependent ? 1 : 0;
    if (dependent && op.out >= 0) reg_dependent[static_cast<size_t>(op.out)] = 1;
  }
  // A later pass skips an op that ran before and does not depend on the day.
  // Every unguarded op runs in the first pass, so only the day-dependent ones
  // and the guarded ones (which the first pass may have skipped) can run again.
  again_ops_.clear();
  for (size_t i = 0; i < prog.ops.size(); ++i) {
    if (day_dependent_[i] != 0 || prog.ops[i].guard >= 0) again_ops_.push_back(static_cast<uint32_t>(i));
  }
  // For RunChangedOnly: the readers among again_ops_ of each register (a
  // parameter's day aside: its step is the segment's), the group, exclusive
  // and receives ops, the parameters.
  std::vector<std::vector<uint32_t>> readers(prog.regs.size());
  always_ops_.clear();
  param_ops_.clear();
  auto add_reader = [&](int32_t r, uint32_t i) {
    if (r >= 0 && (readers[static_cast<size_t>(r)].empty() || readers[static_cast<size_t>(r)].back() != i)) {
      readers[static_cast<size_t>(r)].push_back(i);
    }
  };
  for (const uint32_t i : again_ops_) {
    const plan::Op& op = prog.ops[i];
    switch (op.code) {
      case OpCode::kGroup:
      case OpCode::kExclusive:
      case OpCode::kReceives: always_ops_.push_back(i); break;
      case OpCode::kBenefit: {
        for (const plan::VersionPlan& v : prog.benefits[static_cast<size_t>(op.aux)].versions) {
          for (const plan::ConditionPlan& c : v.conditions) add_reader(c.reg, i);
          add_reader(v.amount_reg, i);
        }
        break;
      }
      case OpCode::kParam:
        param_ops_.push_back(i);
        add_reader(op.b, i);
        add_reader(op.c, i);
        break;
      default:
        add_reader(op.a, i);
        add_reader(op.b, i);
        add_reader(op.c, i);
        break;
    }
  }
  readers_begin_.assign(1, 0);
  readers_.clear();
  for (const std::vector<uint32_t>& r : readers) {
    readers_.insert(readers_.end(), r.begin(), r.end());
    readers_begin_.push_back(static_cast<uint32_t>(readers_.size()));
  }
  dirty_.assign((prog.ops.size() + 63) / 64, 0);
  benefit_reads_begin_.assign(1, 0);
  benefit_reads_.clear();
  for (const plan::BenefitPlan& p : prog.benefits) {
    for (const plan::VersionPlan& v : p.versions) {
      for (const plan::ConditionPlan& c : v.conditions) benefit_reads_.push_back(c.reg);
      benefit_reads_.push_back(v.amount_reg);
    }
    benefit_reads_begin_.push_back(static_cast<uint32_t>(benefit_reads_.size()));
  }
  dependence_of_ = program;
}

void EvalState::Run(bool again) {
  const plan::Program& prog = *program;
  if (dependence_of_ != program) FindDayDependent();
  if (!again) {
    ran_.assign(prog.ops.size(), 0);
    last_run_.assign(prog.ops.size(), 0);
    changed_.assign(prog.regs.size(), 0);
    benefit_kept.assign(prog.benefits.size(), 0);
    pass_ = 1;
    pass_segment_.assign(2, -1);
    pass_segment_[1] = DaySegment();
    for (size_t i = 0; i < prog.ops.size(); ++i) {
      if (RunOp(i)) last_run_[i] = pass_;
    }
    return;
  }
  // A later pass: only the ops that may run again (see again_ops_), and of
  // those only the ones with an input that changed since they last ran.
  ++pass_;
  pass_segment_.push_back(DaySegment());
  if (prog.as_of_reg >= 0) changed_[static_cast<size_t>(prog.as_of_reg)] = pass_;
  if (pass_segment_[pass_] >= 0 && pass_segment_[pass_] == pass_segment_[pass_ - 1]) {
    RunChangedOnly();
    return;
  }
  for (const uint32_t i : again_ops_) {
    if (ran_[i] != 0 && day_dependent_[i] == 0) continue;
    const plan::Op& op = prog.ops[i];
    if (ran_[i] != 0) {
      if (op.code == OpCode::kBenefit) {
        if (BenefitSame(i, op)) {
          // Its lanes stay as they were, but for what group resolution wrote since.
          BenefitLanes& bl = benefits[static_cast<size_t>(op.aux)];
          std::fill(bl.superseded_by.begin(), bl.superseded_by.end(), -1);
          benefit_kept[static_cast<size_t>(op.aux)] = 1;
          continue;
        }
      } else if (op.code == OpCode::kParam) {
        if (ParamSame(i, op)) continue;
      } else if (op.code != OpCode::kGroup && op.code != OpCode::kExclusive && op.code != OpCode::kReceives &&
                 !InputChanged(op, last_run_[i])) {
        continue;
      }
    }
    RunTracked(i);
  }
}

// A later pass on a day of the segment of the pass before (so the same
// guards, parameter steps and versions): the ops the loop above would run are
// the readers of a register that changed in this pass — the day's first — and
// the group and receives ops (they read the benefits' lanes); also the
// parameters without a step yet (their error names the day). By induction
// over the passes, "changed since it last ran" is "changed in this pass" here.
// The marked ops run in program order, and an op whose output changed marks
// its readers (all later: the program is in dependency order).
void EvalState::RunChangedOnly() {
  const plan::Program& prog = *program;
  std::fill(dirty_.begin(), dirty_.end(), 0);
  auto mark = [&](uint32_t i) { dirty_[i >> 6] |= uint64_t{1} << (i & 63); };
  auto mark_readers = [&](int32_t reg) {
    for (uint32_t k = readers_begin_[static_cast<size_t>(reg)]; k < readers_begin_[static_cast<size_t>(reg) + 1]; ++k) {
      mark(readers_[k]);
    }
  };
  if (prog.as_of_reg >= 0) mark_readers(prog.as_of_reg);
  for (const uint32_t i : always_ops_) mark(i);
  for (const uint32_t i : param_ops_) {
    const plan::ParamPlan& p = prog.params[static_cast<size_t>(prog.ops[i].aux)];
    if (p.step_from.empty() || day < p.step_from.front()) mark(i);
  }
  // A benefit op not marked keeps its lanes (as BenefitSame finds).
  for (size_t b = 0; b < benefits.size(); ++b) {
    benefit_kept[b] = 1;
    std::fill(benefits[b].superseded_by.begin(), benefits[b].superseded_by.end(), -1);
  }
  for (size_t w = 0; w < dirty_.size(); ++w) {
    while (dirty_[w] != 0) {
      const uint32_t i = static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(dirty_[w])));
      dirty_[w] &= dirty_[w] - 1;
      if (ran_[i] != 0 && day_dependent_[i] == 0) continue;
      const plan::Op& op = prog.ops[i];
      if (ran_[i] != 0 && op.code == OpCode::kBenefit && BenefitSame(i, op)) continue;
      RunTracked(i);
      if (op.out >= 0 && changed_[static_cast<size_t>(op.out)] == pass_) mark_readers(op.out);
    }
  }
}

int32_t EvalState::DaySegment() const {
  if (!scalar_day) return -1;
  const std::vector<int32_t>& days = program->change_days;
  return static_cast<int32_t>(std::upper_bound(days.begin(), days.end(), day) - days.begin());
}

bool EvalState::SameSegment(size_t i) const {
  const int32_t now = pass_segment_[pass_];
  return now >= 0 && pass_segment_[last_run_[i]] == now;
}

// A parameter's value depends on the day only through the step in force, and
// every step starts on a change day: on another day of the same segment, with
// its key unchanged, it gives what it gave (before its first step its error
// names the day: it runs again).
bool EvalState::ParamSame(size_t i, const plan::Op& op) const {
  const uint32_t since = last_run_[i];
  if (op.b >= 0 && changed_[static_cast<size_t>(op.b)] > since) return false;
  if (op.c >= 0 && changed_[static_cast<size_t>(op.c)] > since) return false;
  if (op.a < 0 || changed_[static_cast<size_t>(op.a)] <= since) return true;  // no input changed
  const plan::ParamPlan& p = program->params[static_cast<size_t>(op.aux)];
  return SameSegment(i) && !p.step_from.empty() && day >= p.step_from.front();
}

// A benefit's lanes depend on the day only through the version in force (its
// first and last days + 1 are change days), and then on that version's
// conditions and amount (RunBenefit).
bool EvalState::BenefitSame(size_t i, const plan::Op& op) const {
  if (!SameSegment(i)) return false;
  const uint32_t since = last_run_[i];
  const size_t b = static_cast<size_t>(op.aux);
  for (uint32_t k = benefit_reads_begin_[b]; k < benefit_reads_begin_[b + 1]; ++k) {
    const int32_t r = benefit_reads_[k];
    if (r >= 0 && changed_[static_cast<size_t>(r)] > since) return false;
  }
  return true;
}

bool EvalState::InputChanged(const plan::Op& op, uint32_t since) const {
  auto changed = [&](int32_t r) { return r >= 0 && changed_[static_cast<size_t>(r)] > since; };
  return changed(op.a) || changed(op.b) || changed(op.c);
}

void EvalState::RunTracked(size_t i) {
  const plan::Op& op = program->ops[i];
  if (op.out < 0) {
    if (RunOp(i)) last_run_[i] = pass_;
    return;
  }
  // The output as it was (every op writes its own register only, SSA): its
  // lanes are copied, for running the op may overwrite them in place.
  const Reg before = regs[op.out];
  const size_t n = before.scalar ? 0 : LaneCount(op.level);
  const bool lanes_copied = !before.scalar && !before.field;
  if (lanes_copied) {
    before_v_.assign(before.v, before.v + n);
    if (!before.all_known) {
      before_st_.assign(before.st, before.st + n);
      before_why_.assign(before.why, before.why + n);
    }
  }
  if (!RunOp(i)) return;  // excluded by its guard that day: nothing written
  last_run_[i] = pass_;
  const Reg& now = regs[op.out];
  bool same = false;
  if (before.scalar || now.scalar) {
    same = before.scalar && now.scalar && before.s == now.s && before.s_state == now.s_state &&
           (now.s_state == kKnown || before.s_why == now.s_why);
  } else if (before.field || now.field) {  // an alias of a record column (kIf): the same column
    same = before.field && now.field && before.v == now.v && before.st == now.st &&
           before.entity == now.entity && before.field_index == now.field_index && before.all_known == now.all_known;
  } else if (before.v == now.v && now.v == OwnColumn(op) && before.all_known == now.all_known) {
    // Both in the op's own slot. (An output that aliases another register's
    // column — kIf, kDefault — may have changed with it before the op ran
    // again: it counts as changed.)
    same = std::equal(before_v_.begin(), before_v_.begin() + static_cast<std::ptrdiff_t>(n), now.v);
    for (size_t k = 0; same && !now.all_known && k < n; ++k) {
      same = before_st_[k] == now.st[k] && (now.st[k] == kKnown || before_why_[k] == now.why[k]);
    }
  }
  if (!same) changed_[static_cast<size_t>(op.out)] = pass_;
}

bool EvalState::RunOp(size_t i) {
  const plan::Program& prog = *program;
  const plan::Op& op = prog.ops[i];
  if (op.guard >= 0 && scalar_day) {
    const plan::Guard& g = prog.guards[op.guard];
    if (day < g.from || day > g.to) return false;
  }
  ran_[i] = 1;
  switch (op.code) {
    case OpCode::kGatherHP:
    case OpCode::kGatherHPair:
    case OpCode::kGatherPPairPerson:
    case OpCode::kGatherPPairMember: RunGather(*this, op); break;
    case OpCode::kAdd:
    case OpCode::kSub:
    case OpCode::kNeg:
    case OpCode::kMulII:
    case OpCode::kMulSI:
    case OpCode::kMulSS:
    case OpCode::kDivSS:
    case OpCode::kDivSI:
    case OpCode::kCast: RunArithmetic(*this, op); break;
    case OpCode::kEq:
    case OpCode::kNe:
    case OpCode::kLt:
    case OpCode::kLe:
    case OpCode::kGt:
    case OpCode::kGe:
    case OpCode::kStrEq:
    case OpCode::kStrNe: RunCompare(*this, op); break;
    case OpCode::kAnd:
    case OpCode::kOr:
    case OpCode::kNot:
    case OpCode::kIf: RunLogic(*this, op); break;
    case OpCode::kInMask:
    case OpCode::kInList:
    case OpCode::kInStrList:
    case OpCode::kSetHas:
    case OpCode::kSetHasConst:
    case OpCode::kEnumMap: RunMembership(*this, op); break;
    case OpCode::kMonthsBetween:
    case OpCode::kYearsBetween:
    case OpCode::kDaysBetween:
    case OpCode::kAddMonths:
    case OpCode::kAddYears:
    case OpCode::kYear:
    case OpCode::kMonth:
    case OpCode::kDay: RunDates(*this, op); break;
    case OpCode::kMin:
    case OpCode::kMax:
    case OpCode::kAbs:
    case OpCode::kRound:
    case OpCode::kSize:
    case OpCode::kKnownOf:
    case OpCode::kDefault:
    case OpCode::kInUnit:
    case OpCode::kIntDivConst: RunMisc(*this, op); break;
    case OpCode::kCount:
    case OpCode::kAny:
    case OpCode::kAll:
    case OpCode::kSum: RunReduce(*this, op); break;
    case OpCode::kParam: RunParam(*this, op); break;
    case OpCode::kBenefit:
      benefit_kept[static_cast<size_t>(op.aux)] = 0;
      RunBenefit(*this, op);
      break;
    case OpCode::kGroup: RunGroup(*this, op); break;
    case OpCode::kExclusive: RunExclusive(*this, op); break;
    case OpCode::kReceives: RunReceives(*this, op); break;
  }
  return true;
}

}  // namespace ansinh::eval
