// Op families: reductions over members (count/any/all/sum) and parameter lookups.
#include <algorithm>

#include "ansinh/date.hpp"
#include "ansinh/decimal.hpp"
#include "eval/vm_kernels.hpp"

namespace ansinh::eval {

using plan::Op;
using plan::OpCode;
using plan::ParamPlan;

void RunReduce(EvalState& s, const Op& op) {
  const Reg a = s.regs[op.a];
  const bool from_pairs = op.level == Level::kPerson;  // person <- pair; household <- person
  const std::vector<uint32_t>& begin = from_pairs ? s.lanes.pair_begin : s.lanes.member_begin;
  Reg& o = s.OutColumn(op);
  const size_t n = s.LaneCount(op.level);
  bool all = true;
  for (size_t g = 0; g < n; ++g) {
    const uint32_t b = begin[g], e = begin[g + 1];
    int64_t acc = op.code == OpCode::kAll ? 1 : 0;
    bool decided = false, unknown = false, overflow = false;
    uint32_t why = 0, error_why = 0;
    bool error = false;
    for (uint32_t i = b; i < e && !decided; ++i) {
      const uint8_t st = a.State(i);
      if (st == kKnown) {
        const int64_t v = a.At(i);
        switch (op.code) {
          case OpCode::kCount: acc += v ? 1 : 0; break;
          case OpCode::kSum: overflow |= __builtin_add_overflow(acc, v, &acc); break;
          case OpCode::kAny:
            if (v) acc = 1, decided = true;
            break;
          default:  // kAll
            if (!v) acc = 0, decided = true;
            break;
        }
      } else if (st == kError) {
        if (!error) error_why = s.WhyAt(a, i);
        error = true;
      } else {
        unknown = true;
        why = s.why.Union(why, s.WhyAt(a, i));
      }
    }
    o.v[g] = acc;
    if (decided) {
      o.st[g] = kKnown;
      o.why[g] = 0;
    } else if (overflow) {
      o.st[g] = kError;
      o.why[g] = s.why.Error(ErrorText{"a sum over members became too large", "tổng theo các thành viên trở nên quá lớn"});
    } else if (error) {
      o.st[g] = kError;
      o.why[g] = error_why;
    } else if (unknown) {
      o.st[g] = kUnknown;
      o.why[g] = why;
    } else {
      o.st[g] = kKnown;
      o.why[g] = 0;
    }
    all &= o.st[g] == kKnown;
  }
  o.all_known = all;
}

namespace {

struct Lookup {
  int64_t value = 0;
  uint8_t state = kKnown;
  uint32_t why = 0;
};

// The step in force on `day`, or -1 before the first.
int StepOf(const ParamPlan& p, int64_t day) {
  auto it = std::upper_bound(p.step_from.begin(), p.step_from.end(), day);
  return static_cast<int>(it - p.step_from.begin()) - 1;
}

Lookup Before(EvalState& s, const ParamPlan& p, int64_t day) {
  Lookup r;
  r.state = kError;
  const std::string on = Date::FromDays(static_cast<int32_t>(day)).ToString();
  const std::string first = p.step_from.empty() ? std::string() : Date::FromDays(p.step_from.front()).ToString();
  r.why = s.why.Error(p.display + " has no value on " + on +
                          (first.empty() ? std::string() : " (its first value applies from " + first + ")"),
                      p.display + " chưa có giá trị vào ngày " + on +
                          (first.empty() ? std::string() : " (giá trị đầu tiên áp dụng từ " + first + ")"));
  return r;
}

Lookup Cell(EvalState& s, uint32_t plan_index, const ParamPlan& p, size_t at, uint32_t key) {
  Lookup r;
  r.value = p.values[at];
  r.state = p.states[at];
  if (r.state != kKnown) r.why = s.why.ParamNull(plan_index, key);
  return r;
}

Lookup LookupOne(EvalState& s, uint32_t plan_index, const ParamPlan& p, int64_t day, const Reg* key, size_t lane) {
  const int step = StepOf(p, day);
  if (step < 0) return Before(s, p, day);
  if (p.kind == ParamPlan::Kind::kScalar) return Cell(s, plan_index, p, static_cast<size_t>(step), UINT32_MAX);
  const uint8_t ks = key->State(lane);
  if (ks != kKnown) return Lookup{0, ks, s.WhyAt(*key, lane)};
  const int64_t k = key->At(lane);
  if (p.kind == ParamPlan::Kind::kTable) {
    if (k < 0 || k >= p.keys) {
      Lookup r;
      r.state = kError;
      r.why = s.why.Error(p.display + " has no entry for this value", p.display + " không có mục cho giá trị này");
      return r;
    }
    return Cell(s, plan_index, p, static_cast<size_t>(step) * p.keys + static_cast<size_t>(k), static_cast<uint32_t>(k));
  }
  const uint32_t b = p.bracket_begin[step], e = p.bracket_begin[step + 1];
  auto it = std::upper_bound(p.bounds.begin() + b, p.bounds.begin() + e, k);
  if (it == p.bounds.begin() + b) {
    Lookup r;
    r.state = kError;
    const std::string value = Decimal::FromMillionths(k).ToString();
    const std::string lowest = b < e ? Decimal::FromMillionths(p.bounds[b]).ToString() : std::string();
    r.why = s.why.Error(p.display + " has no bracket for " + value +
                            (lowest.empty() ? std::string() : " (the lowest starts at " + lowest + ")"),
                        p.display + " không có bậc nào cho " + value +
                            (lowest.empty() ? std::string() : " (bậc thấp nhất bắt đầu từ " + lowest + ")"));
    return r;
  }
  const size_t at = static_cast<size_t>(it - p.bounds.begin()) - 1;
  // A step written as a whole `null` is missing as a whole, not at a bracket.
  return Cell(s, plan_index, p, at, p.bounds[at] == ParamPlan::kAllNullBound ? UINT32_MAX : static_cast<uint32_t>(at));
}

}  // namespace

void RunParam(EvalState& s, const Op& op) {
  const ParamPlan& p = s.program->params[op.aux];
  const Reg day = s.regs[op.a];
  const Reg* key = op.b >= 0 ? &s.regs[op.b] : nullptr;
  const uint32_t plan_index = static_cast<uint32_t>(op.aux);
  if (day.scalar && (key == nullptr || key->scalar)) {
    Reg& o = s.OutScalar(op);
    const Lookup r = LookupOne(s, plan_index, p, day.s, key, 0);
    o.s = r.value;
    o.s_state = r.state;
    o.s_why = r.why;
    return;
  }
  const Reg key_copy = key != nullptr ? *key : Reg{};
  Reg& o = s.OutColumn(op);
  const size_t n = s.LaneCount(op.level);
  // Fast path: one day for all lanes, a table keyed by a fully known enum.
  if (day.scalar && p.kind == ParamPlan::Kind::kTable && key_copy.AllKnown()) {
    const int step = StepOf(p, day.s);
    if (step >= 0) {
      const size_t base = static_cast<size_t>(step) * p.keys;
      bool all = true;
      for (size_t i = 0; i < n; ++i) {
        const int64_t k = key_copy.v[i];
        const bool ok = k >= 0 && k < p.keys && p.states[base + static_cast<size_t>(k)] == kKnown;
        o.v[i] = ok ? p.values[base + static_cast<size_t>(k)] : 0;
        all &= ok;
      }
      if (all) return;
    }
  }
  bool all = true;
  for (size_t i = 0; i < n; ++i) {
    const Lookup r = LookupOne(s, plan_index, p, day.At(i), key != nullptr ? &key_copy : nullptr, i);
    o.v[i] = r.value;
    o.st[i] = r.state;
    o.why[i] = r.why;
    all &= r.state == kKnown;
  }
  o.all_known = all;
}

}  // namespace ansinh::eval
