// Internal: loop templates shared by the op families. Each handles scalar and
// column operands, a fast path when every lane is known, and the three-valued
// lane states otherwise (an error wins over unknown; unknowns merge their why).
#ifndef ANSINH_LIB_EVAL_VM_KERNELS_HPP_
#define ANSINH_LIB_EVAL_VM_KERNELS_HPP_

#include "eval/vm.hpp"

namespace ansinh::eval {

// Sets lane i of `o` from the states of its operands when not all are known.
inline void MergeNotKnown(EvalState& s, Reg& o, size_t i, const Reg& a, uint8_t sa, const Reg* b, uint8_t sb) {
  o.v[i] = 0;
  if (sa == kError) {
    o.st[i] = kError;
    o.why[i] = s.WhyAt(a, i);
  } else if (b != nullptr && sb == kError) {
    o.st[i] = kError;
    o.why[i] = s.WhyAt(*b, i);
  } else {
    o.st[i] = kUnknown;
    const uint32_t wa = sa == kKnown ? 0 : s.WhyAt(a, i);
    const uint32_t wb = (b == nullptr || sb == kKnown) ? 0 : s.WhyAt(*b, i);
    o.why[i] = s.why.Union(wa, wb);
  }
}

// out = f(a, b) where f(int64 x, int64 y, int64& out) -> bool (false = evaluation error).
template <typename F>
void StrictBinary(EvalState& s, const plan::Op& op, F f, const ErrorText& error) {
  const Reg& a = s.regs[op.a];
  const Reg& b = s.regs[op.b];
  if (a.scalar && b.scalar) {
    Reg& o = s.OutScalar(op);
    if (a.s_state == kKnown && b.s_state == kKnown) {
      if (!f(a.s, b.s, o.s)) {
        o.s_state = kError;
        o.s_why = s.why.Error(error);
      }
    } else if (a.s_state == kError || b.s_state == kError) {
      o.s_state = kError;
      o.s_why = a.s_state == kError ? a.s_why : b.s_why;
    } else {
      o.s_state = kUnknown;
      o.s_why = s.why.Union(a.s_state == kKnown ? 0 : a.s_why, b.s_state == kKnown ? 0 : b.s_why);
    }
    return;
  }
  Reg& o = s.OutColumn(op);
  const size_t n = s.LaneCount(op.level);
  if (a.AllKnown() && b.AllKnown()) {
    bool ok = true;
    int64_t* out = o.v;
    if (!a.scalar && !b.scalar) {
      const int64_t* x = a.v;
      const int64_t* y = b.v;
      for (size_t i = 0; i < n; ++i) ok &= f(x[i], y[i], out[i]);
    } else if (a.scalar) {
      const int64_t x = a.s;
      const int64_t* y = b.v;
      for (size_t i = 0; i < n; ++i) ok &= f(x, y[i], out[i]);
    } else {
      const int64_t* x = a.v;
      const int64_t y = b.s;
      for (size_t i = 0; i < n; ++i) ok &= f(x[i], y, out[i]);
    }
    if (ok) return;
  }
  bool all = true;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t sa = a.State(i), sb = b.State(i);
    if (sa == kKnown && sb == kKnown) {
      if (f(a.At(i), b.At(i), o.v[i])) {
        o.st[i] = kKnown;
        o.why[i] = 0;
        continue;
      }
      o.st[i] = kError;
      o.why[i] = s.why.Error(error);
    } else {
      MergeNotKnown(s, o, i, a, sa, &b, sb);
    }
    all = false;
  }
  o.all_known = all;
}

// out = f(a) where f(int64 x, int64& out) -> bool.
template <typename F>
void StrictUnary(EvalState& s, const plan::Op& op, F f, const ErrorText& error) {
  const Reg& a = s.regs[op.a];
  if (a.scalar) {
    Reg& o = s.OutScalar(op);
    if (a.s_state == kKnown) {
      if (!f(a.s, o.s)) {
        o.s_state = kError;
        o.s_why = s.why.Error(error);
      }
    } else {
      o.s_state = a.s_state;
      o.s_why = a.s_why;
    }
    return;
  }
  Reg& o = s.OutColumn(op);
  const size_t n = s.LaneCount(op.level);
  if (a.AllKnown()) {
    bool ok = true;
    const int64_t* x = a.v;
    int64_t* out = o.v;
    for (size_t i = 0; i < n; ++i) ok &= f(x[i], out[i]);
    if (ok) return;
  }
  bool all = true;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t sa = a.State(i);
    if (sa == kKnown) {
      if (f(a.v[i], o.v[i])) {
        o.st[i] = kKnown;
        o.why[i] = 0;
        continue;
      }
      o.st[i] = kError;
      o.why[i] = s.why.Error(error);
    } else {
      MergeNotKnown(s, o, i, a, sa, nullptr, kKnown);
    }
    all = false;
  }
  o.all_known = all;
}

}  // namespace ansinh::eval

#endif  // ANSINH_LIB_EVAL_VM_KERNELS_HPP_
