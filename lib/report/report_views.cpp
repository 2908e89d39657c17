// Summary lines and breakdown choices shared by the renderers.
#include "report/report_views.hpp"

#include "report/format.hpp"
#include "report/report_internal.hpp"

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

std::string PathText(const Label& label, const std::string& path, Language lang) {
  std::string out = label.Get(lang).empty() ? path : label.Get(lang);
  const size_t close = path.find(']');
  if (path.rfind("members[", 0) == 0 && close != std::string::npos && close > 8) {
    out += " (" + path.substr(8, close - 8) + ")";
  }
  return out;
}

std::string UndeterminedText(const UndeterminedHousehold& u, Language lang) {
  std::string benefits, facts;
  for (size_t i = 0; i < u.benefits.size(); ++i) {
    const std::string text =
        PathText(i < u.benefit_labels.size() ? u.benefit_labels[i] : Label{}, u.benefits[i], lang);
    if (benefits.find(text) == std::string::npos) benefits += (benefits.empty() ? "" : "; ") + text;
  }
  for (size_t i = 0; i < u.missing.size(); ++i) {
    const std::string text =
        PathText(i < u.missing_labels.size() ? u.missing_labels[i] : Label{}, u.missing[i], lang);
    if (facts.find(text) == std::string::npos) facts += (facts.empty() ? "" : "; ") + text;
  }
  return benefits + " \xE2\x80\x94 " + W("missing", lang) + " " + facts;
}

std::string IssueFieldText(const ErrorHousehold& e, size_t issue, Language lang) {
  const std::string& field = e.errors[issue].field;
  if (field.empty()) return {};
  return PathText(issue < e.field_labels.size() ? e.field_labels[issue] : Label{}, field, lang);
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

void SetCoverage(CoverageBar& b, const IndicatorLine& i) {
  const uint64_t unknown = i.unknown + i.population_unknown;
  const uint64_t population = i.denominator + unknown;
  if (unknown > 0) {
    if (const auto known = Share(i.numerator, population)) b.share_bp = BasisPoints(*known);
    if (const auto open = Share(unknown, population)) b.unknown_bp = BasisPoints(*open);
  } else if (i.share) {
    b.share_bp = BasisPoints(*i.share);
  }
  if (i.info.target_share) b.target_bp = BasisPoints(*i.info.target_share);
  b.met = i.met;
}

std::string BreakdownChartTitle(ReportBy by, Language lang) {
  switch (by) {
    case ReportBy::kCommune: return W("chart_commune", lang);
    case ReportBy::kStatus: return W("chart_status", lang);
    default: return W("chart_area", lang);
  }
}

std::string BreakdownTitle(ReportBy by, Language lang) { return W(std::string("by_") + ToString(by), lang); }

std::string BreakdownKeyHeader(ReportBy by, Language lang) { return W(std::string("key_") + ToString(by), lang); }

const std::vector<DiffAreaLine>& DiffAreaRows(const Diff& d, ReportBy by) {
  return by == ReportBy::kCommune ? d.by_commune : d.by_area;
}

}  // namespace ansinh::report
