// Op families: gathers, arithmetic, comparisons, three-valued logic,
// membership and small built-ins.
#include <algorithm>
#include <string_view>

#include "ansinh/decimal.hpp"
#include "common/int128.hpp"
#include "common/rounding.hpp"
#include "eval/vm_kernels.hpp"

namespace ansinh::eval {

using internal::Int128;
using plan::Op;
using plan::OpCode;

namespace {

constexpr ErrorText kOverflow{"a number became too large", "một số trở nên quá lớn"};

// Rounds num/den half to even; false if the result does not fit.
bool DivHalfEven(Int128 num, Int128 den, int64_t& out) {
  if (den == 0) return false;
  Int128 q = num / den;
  const Int128 r = num % den;
  if (r != 0) {
    const Int128 twice = (r < 0 ? -r : r) * 2;
    const Int128 d = den < 0 ? -den : den;
    const bool negative = (num < 0) != (den < 0);
    if (twice > d || (twice == d && (q % 2) != 0)) q += negative ? -1 : 1;
  }
  if (q > INT64_MAX || q < INT64_MIN) return false;
  out = static_cast<int64_t>(q);
  return true;
}

std::string_view StringOf(const EvalState& s, int64_t value) {
  if (value & plan::kProgramString) return s.program->strings[static_cast<size_t>(value & ~plan::kProgramString)];
  return s.batch->String(value);
}

}  // namespace

void RunGather(EvalState& s, const Op& op) {
  const Reg& a = s.regs[op.a];
  if (a.scalar) {
    Reg& o = s.OutScalar(op);
    o.s = a.s;
    o.s_state = a.s_state;
    o.s_why = a.s_why;
    return;
  }
  const uint32_t* idx = nullptr;
  switch (op.code) {
    case OpCode::kGatherHP: idx = s.lanes.hh_of_person.data(); break;
    case OpCode::kGatherHPair: idx = s.lanes.hh_of_pair.data(); break;
    case OpCode::kGatherPPairPerson: idx = s.lanes.pair_person.data(); break;
    default: idx = s.lanes.pair_member.data(); break;
  }
  // `a` may be moved by OutColumn if it were the same register; it never is (SSA).
  const Reg src = a;
  Reg& o = s.OutColumn(op);
  const size_t n = s.LaneCount(op.level);
  for (size_t i = 0; i < n; ++i) o.v[i] = src.v[idx[i]];
  if (src.AllKnown()) return;
  bool all = true;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t st = src.st[idx[i]];
    o.st[i] = st;
    o.why[i] = st == kKnown ? 0 : s.WhyAt(src, idx[i]);
    all &= st == kKnown;
  }
  o.all_known = all;
}

void RunArithmetic(EvalState& s, const Op& op) {
  
  switch (op.code) {
    case OpCode::kAdd:
      StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) { return !__builtin_add_overflow(x, y, &o); }, kOverflow);
      break;
    case OpCode::kSub:
      StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) { return !__builtin_sub_overflow(x, y, &o); }, kOverflow);
      break;
    case OpCode::kMulII:
    case OpCode::kMulSI:
      StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) { return !__builtin_mul_overflow(x, y, &o); }, kOverflow);
      break;
    case OpCode::kMulSS:
      StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) {
        int64_t p = 0;
        if (!__builtin_mul_overflow(x, y, &p) && p % Decimal::kScale == 0) {
          o = p / Decimal::kScale;  // the common exact case: VND x coefficient
          return true;
        }
        return DivHalfEven(static_cast<Int128>(x) * y, Decimal::kScale, o);
      }, kOverflow);
      break;
    case OpCode::kDivSS:
      StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) {
        return y != 0 && DivHalfEven(static_cast<Int128>(x) * Decimal::kScale, y, o);
      }, ErrorText{"division by zero", "chia cho 0"});
      break;
    case OpCode::kDivSI:
      StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) { return y != 0 && DivHalfEven(x, y, o); },
                   ErrorText{"division by zero", "chia cho 0"});
      break;
    case OpCode::kNeg:
      StrictUnary(s, op, [](int64_t x, int64_t& o) { return !__builtin_sub_overflow(int64_t{0}, x, &o); }, kOverflow);
      break;
    default:  // kCast
      StrictUnary(s, op, [](int64_t x, int64_t& o) { return !__builtin_mul_overflow(x, Decimal::kScale, &o); },
                  kOverflow);
      break;
  }
}

void RunCompare(EvalState& s, const Op& op) {
  switch (op.code) {
    case OpCode::kEq: StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) { o = x == y; return true; }, ""); break;
    case OpCode::kNe: StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) { o = x != y; return true; }, ""); break;
    case OpCode::kLt: StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) { o = x < y; return true; }, ""); break;
    case OpCode::kLe: StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) { o = x <= y; return true; }, ""); break;
    case OpCode::kGt: StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) { o = x > y; return true; }, ""); break;
    case OpCode::kGe: StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) { o = x >= y; return true; }, ""); break;
    default: {
      const bool equal = op.code == OpCode::kStrEq;
      StrictBinary(s, op, [&s, equal](int64_t x, int64_t y, int64_t& o) {
        o = (StringOf(s, x) == StringOf(s, y)) == equal;
        return true;
      }, "");
      break;
    }
  }
}

namespace {

// Kleene and/or on one lane. `dominant` is the value that decides alone (0 for and, 1 for or).
void LogicLane(EvalState& s, Reg& o, size_t i, const Reg& a, const Reg& b, int64_t dominant) {
  const uint8_t sa = a.State(i), sb = b.State(i);
  const int64_t va = a.At(i), vb = b.At(i);
  if ((sa == kKnown && va == dominant) || (sb == kKnown && vb == dominant)) {
    o.v[i] = dominant;
    o.st[i] = kKnown;
    o.why[i] = 0;
  } else if (sa == kKnown && sb == kKnown) {
    o.v[i] = 1 - dominant;
    o.st[i] = kKnown;
    o.why[i] = 0;
  } else {
    MergeNotKnown(s, o, i, a, sa, &b, sb);
  }
}

void RunIf(EvalState& s, const Op& op) {
  const Reg c = s.regs[op.a], a = s.regs[op.b], b = s.regs[op.c];
  const size_t n = s.LaneCount(op.level);
  if (c.scalar && c.s_state == kKnown) {  // one branch for every lane: alias it (SSA: never rewritten)
    s.regs[op.out] = c.s ? a : b;
    return;
  }
  if (c.scalar && a.scalar && b.scalar) {
    Reg& o = s.OutScalar(op);
    if (c.s_state == kError) {
      o.s_state = kError;
      o.s_why = c.s_why;
    } else if (a.s_state == kKnown && b.s_state == kKnown && a.s == b.s) {
      o.s = a.s;
    } else {
      o.s_state = kUnknown;
      o.s_why = s.why.Union(c.s_why, s.why.Union(a.s_state == kKnown ? 0 : a.s_why, b.s_state == kKnown ? 0 : b.s_why));
    }
    return;
  }
  Reg& o = s.OutColumn(op);
  if (c.AllKnown() && a.AllKnown() && b.AllKnown()) {
    for (size_t i = 0; i < n; ++i) o.v[i] = c.At(i) ? a.At(i) : b.At(i);
    return;
  }
  bool all = true;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t sc = c.State(i);
    if (sc == kKnown) {
      const Reg& t = c.At(i) ? a : b;
      const uint8_t st = t.State(i);
      o.v[i] = t.At(i);
      o.st[i] = st;
      o.why[i] = st == kKnown ? 0 : s.WhyAt(t, i);
    } else if (sc == kError) {
      o.v[i] = 0;
      o.st[i] = kError;
      o.why[i] = s.WhyAt(c, i);
    } else if (a.State(i) == kKnown && b.State(i) == kKnown && a.At(i) == b.At(i)) {
      o.v[i] = a.At(i);
      o.st[i] = kKnown;
      o.why[i] = 0;
    } else {
      o.v[i] = 0;
      o.st[i] = kUnknown;
      const uint32_t wa = a.State(i) == kKnown ? 0 : s.WhyAt(a, i);
      const uint32_t wb = b.State(i) == kKnown ? 0 : s.WhyAt(b, i);
      o.why[i] = s.why.Union(s.WhyAt(c, i), s.why.Union(wa, wb));
    }
    all &= o.st[i] == kKnown;
  }
  o.all_known = all;
}

}  // namespace

void RunLogic(EvalState& s, const Op& op) {
  if (op.code == OpCode::kIf) {
    RunIf(s, op);
    return;
  }
  if (op.code == OpCode::kNot) {
    StrictUnary(s, op, [](int64_t x, int64_t& o) { o = !x; return true; }, "");
    return;
  }
  const int64_t dominant = op.code == OpCode::kAnd ? 0 : 1;
  const Reg a = s.regs[op.a], b = s.regs[op.b];
  const size_t n = s.LaneCount(op.level);
  if (a.scalar && b.scalar) {
    // Compute through a one-lane scratch column.
    Reg& o = s.OutScalar(op);
    int64_t v = 0;
    uint8_t st = kKnown;
    uint32_t why = 0;
    Reg tmp;
    tmp.scalar = false;
    tmp.v = &v;
    tmp.st = &st;
    tmp.why = &why;
    LogicLane(s, tmp, 0, a, b, dominant);
    o.s = v;
    o.s_state = st;
    o.s_why = why;
    return;
  }
  Reg& o = s.OutColumn(op);
  if (a.AllKnown() && b.AllKnown()) {
    if (dominant == 0) {
      for (size_t i = 0; i < n; ++i) o.v[i] = a.At(i) & b.At(i);
    } else {
      for (size_t i = 0; i < n; ++i) o.v[i] = a.At(i) | b.At(i);
    }
    return;
  }
  bool all = true;
  for (size_t i = 0; i < n; ++i) {
    LogicLane(s, o, i, a, b, dominant);
    all &= o.st[i] == kKnown;
  }
  o.all_known = all;
}

void RunMembership(EvalState& s, const Op& op) {
  const int64_t negate = (op.flags & plan::kNegate) ? 1 : 0;
  switch (op.code) {
    case OpCode::kInMask: {
      const int64_t mask = op.imm;
      StrictUnary(s, op, [mask, negate](int64_t x, int64_t& o) {
        o = ((x >= 0 && x < 64) ? (mask >> x) & 1 : 0) ^ negate;
        return true;
      }, "");
      break;
    }
    case OpCode::kInList: {
      const std::vector<int64_t>& list = s.program->lists[op.aux];
      StrictUnary(s, op, [&list, negate](int64_t x, int64_t& o) {
        o = static_cast<int64_t>(std::binary_search(list.begin(), list.end(), x)) ^ negate;
        return true;
      }, "");
      break;
    }
    case OpCode::kInStrList: {
      const std::vector<std::string>& list = s.program->string_lists[op.aux];
      StrictUnary(s, op, [&s, &list, negate](int64_t x, int64_t& o) {
        const std::string_view v = StringOf(s, x);
        o = static_cast<int64_t>(std::find(list.begin(), list.end(), v) != list.end()) ^ negate;
        return true;
      }, "");
      break;
    }
    case OpCode::kSetHas:
      StrictBinary(s, op, [negate](int64_t x, int64_t set, int64_t& o) {
        o = ((x >= 0 && x < 64) ? (set >> x) & 1 : 0) ^ negate;
        return true;
      }, "");
      break;
    case OpCode::kSetHasConst: {
      const int64_t bit = op.imm;
      StrictUnary(s, op, [bit, negate](int64_t set, int64_t& o) { o = ((set >> bit) & 1) ^ negate; return true; }, "");
      break;
    }
    default: {  // kEnumMap
      const std::vector<int64_t>& map = s.program->enum_maps[op.aux];
      StrictUnary(s, op, [&map](int64_t x, int64_t& o) {
        o = (x >= 0 && static_cast<size_t>(x) < map.size()) ? map[static_cast<size_t>(x)] : -1;
        return true;
      }, "");
      break;
    }
  }
}

void RunMisc(EvalState& s, const Op& op) {
  switch (op.code) {
    case OpCode::kMin:
      StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) { o = std::min(x, y); return true; }, "");
      return;
    case OpCode::kMax:
      StrictBinary(s, op, [](int64_t x, int64_t y, int64_t& o) { o = std::max(x, y); return true; }, "");
      return;
    case OpCode::kAbs:
      StrictUnary(s, op, [](int64_t x, int64_t& o) { return x != INT64_MIN && ((o = x < 0 ? -x : x), true); },
                  kOverflow);
      return;
    case OpCode::kRound: {
      const int64_t unit = op.imm;  // scaled
      StrictUnary(s, op, [unit](int64_t x, int64_t& o) {
        // Half up (away from zero at .5) to a multiple of unit, as RoundToUnit.
        const std::optional<int64_t> r = internal::RoundToStep(x, unit, RoundingMode::kHalfUp);
        if (!r) return false;
        o = *r;
        return true;
      }, kOverflow);
      return;
    }
    case OpCode::kIntDivConst: {
      const int64_t d = op.imm;
      if (d == 12) {  // a constant divisor the compiler turns into a multiplication
        StrictUnary(s, op, [](int64_t x, int64_t& o) { o = x / 12; return true; }, "");
      } else {
        StrictUnary(s, op, [d](int64_t x, int64_t& o) { o = x / d; return true; }, "");
      }
      return;
    }
    case OpCode::kSize:
      StrictUnary(s, op, [](int64_t x, int64_t& o) { o = __builtin_popcountll(static_cast<uint64_t>(x)); return true; }, "");
      return;
    case OpCode::kInUnit: {
      const internal::UnitTable* units = s.program->units;
      const int32_t area = op.aux;
      StrictBinary(s, op, [&s, units, area](int64_t code, int64_t day, int64_t& o) {
        const int32_t unit = units->Resolve(StringOf(s, code), static_cast<int32_t>(day));
        if (unit < 0) return false;  // a code the package does not list
        o = units->Within(unit, area);
        return true;
      }, ErrorText{"the unit code is not one of the package's units (section `units`)",
                   "mã đơn vị không phải một đơn vị của gói (mục `units`)"});
      return;
    }
    default: break;
  }
  const Reg a = s.regs[op.a];
  const size_t n = s.LaneCount(op.level);
  if (op.code == OpCode::kKnownOf) {
    if (a.scalar) {
      Reg& o = s.OutScalar(op);
      o.s = a.s_state == kKnown;
      if (a.s_state == kError) {
        o.s_state = kError;
        o.s_why = a.s_why;
      }
      return;
    }
    Reg& o = s.OutColumn(op);
    bool all = true;
    for (size_t i = 0; i < n; ++i) {
      const uint8_t st = a.State(i);
      o.v[i] = st == kKnown;
      o.st[i] = st == kError ? kError : kKnown;
      o.why[i] = st == kError ? s.WhyAt(a, i) : 0;
      all &= st != kError;
    }
    o.all_known = all;
    return;
  }
  // kDefault: a if known, else b.
  const Reg b = s.regs[op.b];
  if (a.scalar && (a.s_state != kUnknown || b.scalar)) {
    Reg& o = s.OutScalar(op);
    const Reg& t = a.s_state == kUnknown ? b : a;
    o.s = t.s;
    o.s_state = t.s_state;
    o.s_why = t.s_why;
    return;
  }
  Reg& o = s.OutColumn(op);
  bool all = true;
  for (size_t i = 0; i < n; ++i) {
    const Reg& t = a.State(i) == kUnknown ? b : a;
    const uint8_t st = t.State(i);
    o.v[i] = t.At(i);
    o.st[i] = st;
    o.why[i] = st == kKnown ? 0 : s.WhyAt(t, i);
    all &= st == kKnown;
  }
  o.all_known = all;
}

}  // namespace ansinh::eval
