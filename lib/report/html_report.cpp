// RenderHtml(Report): one self-contained page — summary, three SVG charts
// (cost per benefit, coverage against target per indicator, beneficiaries
// by area), then the tables of the text report.
#include <algorithm>

#include "ansinh/report.hpp"
#include "report/columns.hpp"
#include "report/format.hpp"
#include "report/html.hpp"
#include "report/report_views.hpp"

ANSINH_BEGIN_NAMESPACE

namespace {

using report::Count;
using report::Money;
using report::W;

std::string CostChart(const Report& r, Language lang) {
  std::vector<report::Bar> bars;
  for (const CostLine& c : r.benefits) {
    if (c.unit != BenefitUnit::kMoney || c.frequency != Frequency::kMonthly || c.monthly == 0) continue;
    bars.push_back({c.label.Get(lang), c.monthly, Money(c.monthly, lang) + " (" + Count(c.beneficiaries, lang) + ")", ""});
  }
  std::stable_sort(bars.begin(), bars.end(), [](const report::Bar& a, const report::Bar& b) { return a.value > b.value; });
  return report::BarChart("chart-cost", W("chart_cost", lang), bars, W("no_data", lang));
}

std::string CoverageChart(const Report& r, Language lang) {
  std::vector<report::CoverageBar> bars;
  for (const IndicatorLine& i : r.indicators) {
    report::CoverageBar b;
    b.label = i.info.label.Get(lang);
    report::SetCoverage(b, i);
    const uint64_t unknown = i.unknown + i.population_unknown;
    b.value_text = report::Percent(i.share, lang) + " / " + report::TargetText(i.info, lang, false);
    if (unknown > 0) b.value_text += " \xC2\xB7 " + Count(unknown, lang) + " " + W("unknown_short", lang);
    bars.push_back(std::move(b));
  }
  return report::CoverageChart("chart-coverage", W("chart_coverage", lang), bars, W("no_indicators", lang));
}

// Beneficiaries by area, or by the breakdown --by chose (commune, status).
std::string AreaChart(const Report& r, ReportBy by, Language lang) {
  std::vector<report::Bar> bars;
  if (by == ReportBy::kBenefit) by = ReportBy::kArea;
  for (const BreakdownRow& row : report::BreakdownRows(r, by)) {
    bars.push_back({row.label.Get(lang), static_cast<int64_t>(row.beneficiaries),
                    Count(row.beneficiaries, lang) + " " + W("persons_unit", lang) + " / " +
                        Count(row.beneficiary_households, lang) + " " + W("households_unit", lang),
                    ""});
  }
  return report::BarChart("chart-area", report::BreakdownChartTitle(by, lang), bars, W("no_data", lang));
}

void CostTable(const Report& r, Language lang, report::HtmlPage& page) {
  std::vector<std::vector<std::string>> rows;
  auto add = [&](const CostLine& c, const std::string& name) {
    const bool money = c.unit == BenefitUnit::kMoney;
    const bool monthly = c.frequency == Frequency::kMonthly;
    rows.push_back({name + (c.provisional > 0 ? " (*)" : ""), report::UnitText(c.unit, c.frequency, lang), Count(c.beneficiaries, lang),
                    Count(c.households, lang), money ? Money(monthly ? c.monthly : c.once, lang) : "",
                    money && monthly ? Money(c.annual, lang) : "", Count(c.superseded, lang),
                    Count(c.undetermined, lang)});
  };
  for (const CostLine& c : r.benefits) add(c, c.label.Get(lang));
  for (const CostLine& c : r.groups) add(c, W("group", lang) + " " + c.label.Get(lang));
  page.Table({W("benefit", lang), W("unit", lang), W("beneficiaries", lang), W("households", lang),
              W("monthly", lang), W("annual", lang), W("superseded", lang), W("undetermined", lang)},
             rows, {false, false, true, true, true, true, true, true});
  page.Paragraph(W("annual_note", lang), "note");
}

std::vector<std::string> Listed(const std::vector<ListedHousehold>& list, uint64_t total, Language lang) {
  std::vector<std::string> items;
  for (const ListedHousehold& h : list) {
    std::string item = h.id;
    for (size_t i = 0; i < h.members.size(); ++i) item += (i ? ", " : ": ") + h.members[i];
    items.push_back(std::move(item));
  }
  if (total > list.size()) items.push_back(report::MoreText(total - list.size(), lang));
  return items;
}

void IndicatorTable(const Report& r, Language lang, report::HtmlPage& page) {
  std::vector<std::vector<std::string>> rows;
  for (const IndicatorLine& i : r.indicators) {
    rows.push_back({i.info.label.Get(lang), Count(i.numerator, lang), Count(i.denominator, lang),
                    report::Percent(i.share, lang), report::TargetText(i.info, lang), report::MetText(i.met, lang),
                    Count(static_cast<uint64_t>(i.gap), lang), Count(i.unknown + i.population_unknown, lang),
                    i.info.reference});
  }
  page.Table({W("indicator", lang), W("numerator", lang), W("denominator", lang), W("share", lang), W("target", lang),
              W("result", lang), W("gap", lang), W("unknown", lang), W("reference", lang)},
             rows, {false, true, true, true, false, false, true, true, false});
  // How each is measured: the rule's expressions, shown as code.
  std::vector<std::string> how;
  for (const IndicatorLine& i : r.indicators) {
    how.push_back(report::Escape(i.info.label.Get(lang) + " (" +
                                 W(i.info.population == Entity::kPerson ? "persons_unit" : "households_unit", lang) +
                                 "): ") +
                  (i.info.filter.empty() ? ""
                                         : report::Escape(W("filter", lang)) + " <code>" +
                                               report::Escape(report::OneLine(i.info.filter)) + "</code>; ") +
                  report::Escape(W("numerator", lang)) + " <code>" + report::Escape(report::OneLine(i.info.numerator)) +
                  "</code>");
  }
  if (!how.empty()) page.DetailsHtml(W("how_measured", lang), how);
  for (const IndicatorLine& i : r.indicators) {
    const std::string& name = i.info.label.Get(lang);
    if (i.against_households > 0) {
      page.Details(name + " \xE2\x80\x94 " + W("against", lang) + " (" + Count(i.against_households, lang) + ")",
                   Listed(i.against, i.against_households, lang));
    }
    if (i.to_check_households > 0) {
      page.Details(name + " \xE2\x80\x94 " + W("to_check", lang) + " (" + Count(i.to_check_households, lang) + ")",
                   Listed(i.to_check, i.to_check_households, lang));
    }
  }
}

void BreakdownTable(const Report& r, ReportBy by, Language lang, report::HtmlPage& page) {
  if (by == ReportBy::kBenefit) by = ReportBy::kArea;
  page.Heading(report::BreakdownTitle(by, lang));
  const auto& columns = report::BreakdownColumns();
  std::vector<std::vector<std::string>> rows;
  for (const BreakdownRow& row : report::BreakdownRows(r, by)) {
    rows.push_back(report::FigureCells(row.label.Get(lang), row, columns, lang));
  }
  page.Table(report::FigureHeader(report::BreakdownKeyHeader(by, lang), columns, lang), rows,
             report::FigureAlignment(columns));
}

void ProblemTables(const Report& r, Language lang, report::HtmlPage& page) {
  page.Heading(W("status_title", lang));
  if (!r.has_status) {
    page.Paragraph(W("status_none", lang), "note");
  } else {
    page.Paragraph(W("status_compared", lang) + ": " + Count(r.status_compared, lang) + "; " + W("status_differ", lang) +
                   ": " + Count(r.status_difference_households, lang));
    std::vector<std::vector<std::string>> rows;
    for (const StatusDifference& d : r.status_differences) {
      rows.push_back({d.household_id, d.recognized_label.Get(lang), d.computed_label.Get(lang),
                      W(d.possible_inclusion_error ? "inclusion" : "exclusion", lang)});
    }
    if (!rows.empty()) page.Table({W("household", lang), W("recognized", lang), W("computed", lang), W("possible_error", lang)}, rows);
  }
  page.Heading(W("problems_title", lang));
  std::vector<std::vector<std::string>> errors;
  for (const ErrorHousehold& e : r.errors) {
    for (size_t k = 0; k < e.errors.size(); ++k) {
      const RecordIssue& i = e.errors[k];
      errors.push_back({e.household_id, e.origin.file + ":" + std::to_string(e.origin.line), i.code,
                        report::IssueFieldText(e, k, lang), lang == Language::kVi ? i.message_vi : i.message});
    }
  }
  page.Paragraph(W("error_households", lang) + ": " + Count(r.error_households, lang));
  if (!errors.empty()) page.Table({W("household", lang), W("record", lang), W("code", lang), W("field", lang), W("message", lang)}, errors);
  page.Paragraph(W("undetermined_households", lang) + ": " + Count(r.undetermined_households, lang) + " (" +
                 Count(r.undetermined_outcomes, lang) + " " + W("outcomes", lang) + ")");
  std::vector<std::vector<std::string>> fact_rows;
  for (const KeyCount& k : r.missing_fields) {
    fact_rows.push_back({report::PathText(k.label, k.key, lang), Count(k.count, lang)});
  }
  if (!fact_rows.empty()) page.Table({W("missing_field", lang), W("outcomes", lang)}, fact_rows, {false, true});
  std::vector<std::vector<std::string>> figure_rows;
  const std::string dash = "\xE2\x80\x94";
  for (const MissingFigure& f : r.missing_figures) {
    figure_rows.push_back({report::PathText(f.label, f.parameter, lang),
                           f.missing_from ? report::DateText(*f.missing_from, lang) : dash,
                           Count(f.outcomes, lang) + " / " + Count(f.households, lang),
                           report::PricedText(r, f, lang),
                           f.priced_on ? report::Money(f.monthly, lang) : dash});
  }
  if (!figure_rows.empty()) {
    page.Table({W("missing_parameter", lang), W("missing_from", lang), W("waiting", lang), W("priced_on", lang),
                W("waiting_money", lang)},
               figure_rows, {false, false, true, false, true});
    page.Paragraph(W("waiting_note", lang), "note");
  }
  std::vector<std::string> items;
  for (const UndeterminedHousehold& u : r.undetermined) items.push_back(u.household_id + ": " + report::UndeterminedText(u, lang));
  if (!items.empty()) page.Details(W("undetermined_list", lang) + " (" + Count(r.undetermined_households, lang) + ")", items);
}

}  // namespace

std::string RenderHtml(const Report& r, const RenderOptions& options) {
  const Language lang = options.lang;
  report::HtmlPage page(W("report_title", lang) + " \xE2\x80\x94 " + r.package.name.Get(lang), lang);
  page.Paragraph(r.package.id + " " + r.package.version + " \xC2\xB7 " + r.package.hash, "note");
  page.Facts(report::SummaryRows(r, lang));
  if (r.provisional) page.Paragraph("(*) " + W("provisional_note", lang), "warn");
  page.Heading(W("charts_title", lang));
  page.Raw(CostChart(r, lang));
  page.Raw(CoverageChart(r, lang));
  page.Raw(AreaChart(r, options.by, lang));
  page.Heading(W("costs_title", lang));
  CostTable(r, lang, page);
  page.Heading(W("indicators_title", lang));
  IndicatorTable(r, lang, page);
  BreakdownTable(r, options.by, lang, page);
  ProblemTables(r, lang, page);
  return page.Finish();
}

ANSINH_END_NAMESPACE
