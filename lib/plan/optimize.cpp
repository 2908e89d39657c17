// Common-subexpression elimination over a Program. Rules repeat themselves
// (every social-allowance benefit tests `household.poverty_status in [...]`,
// ages appear in many conditions): computing each distinct value once per
// chunk is both faster and smaller.
#include <map>
#include <tuple>

#include "plan/plan.hpp"

namespace ansinh::plan {
namespace {

bool Pure(OpCode code) {
  return code != OpCode::kBenefit && code != OpCode::kGroup && code != OpCode::kExclusive;
}

using Key = std::tuple<int, int, int, int32_t, int32_t, int32_t, int32_t, int64_t, int, int32_t>;

Key KeyOf(const Op& op, const Program& p, int32_t guard) {
  const RegInfo& out = p.regs[op.out];
  return Key{static_cast<int>(op.code), static_cast<int>(op.level), op.flags, op.a, op.b, op.c,
             op.aux, op.imm, static_cast<int>(out.type) * 1000 + out.enum_id, guard};
}

}  // namespace

void EliminateCommonSubexpressions(Program& p) {
  std::vector<int32_t> map(p.regs.size());
  for (size_t r = 0; r < map.size(); ++r) map[r] = static_cast<int32_t>(r);
  auto fix = [&](int32_t& r) {
    if (r >= 0) r = map[r];
  };
  std::map<Key, int32_t> seen;
  std::vector<Op> kept;
  kept.reserve(p.ops.size());
  for (Op op : p.ops) {
    fix(op.a);
    fix(op.b);
    fix(op.c);
    if (Pure(op.code)) {
      // Reuse a value computed always (guard -1) or under the same guard.
      auto hit = seen.find(KeyOf(op, p, -1));
      if (hit == seen.end() && op.guard >= 0) hit = seen.find(KeyOf(op, p, op.guard));
      if (hit != seen.end()) {
        map[op.out] = hit->second;
        continue;
      }
      seen.emplace(KeyOf(op, p, op.guard), op.out);
    }
    kept.push_back(op);
  }
  p.ops = std::move(kept);
  for (BenefitPlan& b : p.benefits) {
    fix(b.day_reg);
    fix(b.between_reg);
    fix(b.prefer_reg);
    for (VersionPlan& v : b.versions) {
      for (ConditionPlan& c : v.conditions) {
        fix(c.reg);
        fix(c.lhs);
        fix(c.rhs);
        for (Read& r : c.reads) fix(r.reg), fix(r.key_reg);
      }
      fix(v.amount_reg);
      for (Read& r : v.amount_reads) fix(r.reg), fix(r.key_reg);
    }
  }
  for (int32_t& r : p.variable_regs) fix(r);
  for (CheckPlan& c : p.checks) fix(c.reg);
  for (IndicatorPlan& i : p.indicators) fix(i.filter_reg), fix(i.numerator_reg);
  // Renumber buffer slots: only registers that ops still write need one.
  for (int l = 0; l < kLevels; ++l) p.slots[l] = 0;
  for (RegInfo& r : p.regs) {
    if (r.kind == RegKind::kOp) r.slot = -1;
  }
  for (const Op& op : p.ops) {
    if (op.out < 0) continue;  // benefit and group ops write benefit lanes, not registers
    RegInfo& r = p.regs[op.out];
    if (r.kind == RegKind::kOp && r.slot < 0) r.slot = p.slots[static_cast<int>(r.level)]++;
  }
}

}  // namespace ansinh::plan
