// The figure columns of report and diff rows: see columns.hpp.
#include "report/columns.hpp"

namespace ansinh::report {

namespace {
int64_t I(uint64_t v) { return static_cast<int64_t>(v); }
}  // namespace

const std::vector<Column<BreakdownRow>>& BreakdownColumns() {
  static const std::vector<Column<BreakdownRow>> columns = {
      {"households", "households", Figure::kCount, [](const BreakdownRow& r) { return I(r.households); }},
      {"persons", "persons", Figure::kCount, [](const BreakdownRow& r) { return I(r.persons); }},
      {"beneficiary_households", "beneficiary_households", Figure::kCount,
       [](const BreakdownRow& r) { return I(r.beneficiary_households); }},
      {"beneficiaries", "beneficiaries", Figure::kCount, [](const BreakdownRow& r) { return I(r.beneficiaries); }},
      {"monthly", "monthly", Figure::kMoney, [](const BreakdownRow& r) { return r.monthly; }},
      {"annual", "annual", Figure::kMoney, [](const BreakdownRow& r) { return r.annual; }},
      {"error_households", "error_short", Figure::kCount, [](const BreakdownRow& r) { return I(r.error_households); }},
  };
  return columns;
}

const std::vector<Column<DiffAreaLine>>& DiffAreaColumns() {
  static const std::vector<Column<DiffAreaLine>> columns = {
      {"households", "households", Figure::kCount, [](const DiffAreaLine& l) { return I(l.households); }},
      {"gaining_households", "gaining_households", Figure::kCount,
       [](const DiffAreaLine& l) { return I(l.gaining_households); }},
      {"losing_households", "losing_households", Figure::kCount,
       [](const DiffAreaLine& l) { return I(l.losing_households); }},
      {"gaining_persons", "gaining_persons", Figure::kCount, [](const DiffAreaLine& l) { return I(l.gaining_persons); }},
      {"losing_persons", "losing_persons", Figure::kCount, [](const DiffAreaLine& l) { return I(l.losing_persons); }},
      {"monthly_a", "monthly_a", Figure::kMoney, [](const DiffAreaLine& l) { return l.monthly_a; }},
      {"monthly_b", "monthly_b", Figure::kMoney, [](const DiffAreaLine& l) { return l.monthly_b; }},
      // b - a of two sums the diff builder checked (CheckMoneyChange)
      {"monthly_change", "monthly_change", Figure::kSignedMoney,
       [](const DiffAreaLine& l) { return l.monthly_b - l.monthly_a; }},
  };
  return columns;
}

}  // namespace ansinh::report
