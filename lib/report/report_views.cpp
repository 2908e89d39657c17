// Summary lines and breakdown choices shared by the renderers.
#include "report/report_views.hpp"

#include "report/format.hpp"

namespace ansinh::report {

std::vector<std::pair<std::string, std::string>> SummaryRows(const Report& r, Language lang) {
  std::vector<std::pair<std::string, std::string>> rows;
  rows.emplace_back(W("when", lang), WhenText(r.when, lang));
  rows.emplace_back(W("records", lang), Count(r.households, lang) + " " + W("households_unit", lang) + ", " +
                                            Count(r.persons, lang) + " " + W("persons_unit", lang));
  rows.emplace_back(W("evaluated_households", lang), Count(r.evaluated_households, lang));
  rows.emplace_back(W("error_households", lang), Count(r.error_households, lang));
  rows.emplace_back(W("beneficiaries", lang), Count(r.beneficiaries, lang) + " " + W("persons_unit", lang) + ", " +
                                                  Count(r.beneficiary_households, lang) + " " + W("households_unit", lang));
  rows.emplace_back(W("monthly_total", lang), Money(r.monthly, lang));
  rows.emplace_back(W("annual_total", lang), Money(r.annual, lang));
  if (r.once != 0) rows.emplace_back(W("once_total", lang), Money(r.once, lang));
  if (r.has_status) {
    rows.emplace_back(W("estimated_status", lang),
                      Count(r.estimated_status_households, lang) + " " + W("households_unit", lang) + " (" +
                          W("of_which_paid", lang) + " " + Count(r.estimated_status_beneficiary_households, lang) +
                          ", " + Money(r.estimated_status_monthly, lang) + W("per_month_unit", lang) + ")");
  }
  return rows;
}

std::vector<std::pair<std::string, std::string>> SummaryRows(const Diff& d, Language lang) {
  std::vector<std::pair<std::string, std::string>> rows;
  rows.emplace_back(W("when", lang), WhenText(d.when, lang));
  rows.emplace_back("A", d.a.name.Get(lang) + " (" + d.a.id + " " + d.a.version + ")");
  rows.emplace_back("B", d.b.name.Get(lang) + " (" + d.b.id + " " + d.b.version + ")");
  rows.emplace_back(W("records", lang), Count(d.households, lang) + " " + W("households_unit", lang) + ", " +
                                            Count(d.persons, lang) + " " + W("persons_unit", lang));
  rows.emplace_back(W("monthly_total", lang) + " A", Money(d.monthly_a, lang));
  rows.emplace_back(W("monthly_total", lang) + " B", Money(d.monthly_b, lang));
  rows.emplace_back(W("monthly_change", lang), SignedMoney(d.monthly_b - d.monthly_a, lang));
  rows.emplace_back(W("annual_change", lang), SignedMoney(d.annual_b - d.annual_a, lang));
  if (d.once_a != 0 || d.once_b != 0) rows.emplace_back(W("once_change", lang), SignedMoney(d.once_b - d.once_a, lang));
  rows.emplace_back(W("changed_households", lang), Count(d.changed_households, lang));
  rows.emplace_back(W("gaining", lang), Count(d.gaining_households, lang) + " " + W("households_unit", lang) + ", " +
                                            Count(d.gaining_persons, lang) + " " + W("persons_unit", lang));
  rows.emplace_back(W("losing", lang), Count(d.losing_households, lang) + " " + W("households_unit", lang) + ", " +
                                           Count(d.losing_persons, lang) + " " + W("persons_unit", lang));
  if (d.error_changed_households > 0) {
    rows.emplace_back(W("error_changed", lang), Count(d.error_changed_households, lang));
  }
  return rows;
}

std::string PricedText(const Report& r, const MissingFigure& f, Language lang) {
  if (!f.priced_on) return "\xE2\x80\x94";
  if (!r.when.is_period) return DateText(*f.priced_on, lang);
  return WhenText(When::Month(YearMonth(f.priced_on->year(), f.priced_on->month())), lang);
}

std::string MoreText(uint64_t more, Language lang) {
  return lang == Language::kVi ? "… và " + Count(more, lang) + " hộ khác" : "… and " + Count(more, lang) + " more households";
}

const std::vector<BreakdownRow>& BreakdownRows(const Report& r, ReportBy by) {
  switch (by) {
    case ReportBy::kCommune: return r.by_commune;
    case ReportBy::kStatus: return r.by_status;
    default: return r.by_area;
  }
}

std::string BreakdownTitle(ReportBy by, Language lang) { return W(std::string("by_") + ToString(by), lang); }

std::string BreakdownKeyHeader(ReportBy by, Language lang) { return W(std::string("key_") + ToString(by), lang); }

const std::vector<DiffAreaLine>& DiffAreaRows(const Diff& d, ReportBy by) {
  return by == ReportBy::kCommune ? d.by_commune : d.by_area;
}

}  // namespace ansinh::report
