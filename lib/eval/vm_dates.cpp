// Op family: date built-ins (Civil Code month arithmetic from ansinh/date.hpp).
#include "ansinh/date.hpp"
#include "common/civil.hpp"
#include "eval/vm_kernels.hpp"

namespace ansinh::eval {

using plan::Op;
using plan::OpCode;

namespace {

// Day numbers of 0001-01-01 and 9999-12-31.
constexpr int64_t kMinDay = -719162;
constexpr int64_t kMaxDay = 2932896;

bool ValidDay(int64_t d) { return d >= kMinDay && d <= kMaxDay; }
Date D(int64_t d) { return Date::FromDays(static_cast<int32_t>(d)); }

}  // namespace

namespace {

// months_between(x, day) with one day for every lane (as of a date): the day's
// year/month/day are split once; each lane splits only its own date.
bool MonthsToScalarDay(EvalState& s, const Op& op, bool years) {
  const Reg& a = s.regs[op.a];
  const Reg& b = s.regs[op.b];
  if (!b.scalar || b.s_state != kKnown || a.scalar || !a.AllKnown()) return false;
  const Date to = D(b.s);
  const Date::Ymd t = to.ymd();
  const int ty = t.year, tm = t.month, td = t.day;
  const int dim = DaysInMonth(ty, tm);
  Reg src = a;
  Reg& o = s.OutColumn(op);
  const size_t n = s.LaneCount(op.level);
  for (size_t i = 0; i < n; ++i) {
    const int64_t from = src.v[i];
    int64_t months;
    if (from <= b.s) {
      const internal::CivilYmd f = internal::CivilFromDays(static_cast<int32_t>(from));
      months = (ty - f.y) * 12 + (tm - f.m) - ((f.d < dim ? f.d : dim) > td ? 1 : 0);
    } else {
      months = -MonthsBetween(to, D(from));
    }
    o.v[i] = years ? months / 12 : months;
  }
  return true;
}

}  // namespace

void RunDates(EvalState& s, const Op& op) {
  static constexpr const char* kRange = "a date fell outside the years 1 to 9999";
  if ((op.code == OpCode::kMonthsBetween || op.code == OpCode::kYearsBetween) &&
      MonthsToScalarDay(s, op, op.code == OpCode::kYearsBetween)) {
    return;
  }
  switch (op.code) {
    case OpCode::kMonthsBetween:
      StrictBinary(s, op, [](int64_t a, int64_t b, int64_t& o) {
        o = MonthsBetween(D(a), D(b));
        return true;
      }, kRange);
      break;
    case OpCode::kYearsBetween:
      StrictBinary(s, op, [](int64_t a, int64_t b, int64_t& o) {
        o = YearsBetween(D(a), D(b));
        return true;
      }, kRange);
      break;
    case OpCode::kDaysBetween:
      StrictBinary(s, op, [](int64_t a, int64_t b, int64_t& o) { o = b - a; return true; }, kRange);
      break;
    case OpCode::kAddMonths:
    case OpCode::kAddYears: {
      const int64_t factor = op.code == OpCode::kAddYears ? 12 : 1;
      StrictBinary(s, op, [factor](int64_t a, int64_t n, int64_t& o) {
        if (n > 120000 || n < -120000) return false;
        const Date base = D(a);
        const int64_t months = n * factor;
        const int64_t total = int64_t{base.year()} * 12 + base.month() - 1 + months;
        const int64_t year = (total >= 0 ? total : total - 11) / 12;
        if (year < 1 || year > 9999) return false;
        o = AddMonths(base, static_cast<int>(months)).days();
        return ValidDay(o);
      }, kRange);
      break;
    }
    case OpCode::kYear:
      StrictUnary(s, op, [](int64_t a, int64_t& o) { o = D(a).year(); return true; }, kRange);
      break;
    case OpCode::kMonth:
      StrictUnary(s, op, [](int64_t a, int64_t& o) { o = D(a).month(); return true; }, kRange);
      break;
    default:
      StrictUnary(s, op, [](int64_t a, int64_t& o) { o = D(a).day(); return true; }, kRange);
      break;
  }
}

}  // namespace ansinh::eval
