// Op family: date built-ins (Civil Code month arithmetic from ansinh/date.hpp).
#include "ansinh/date.hpp"
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

void RunDates(EvalState& s, const Op& op) {
  static constexpr const char* kRange = "a date fell outside the years 1 to 9999";
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
