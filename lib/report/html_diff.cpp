// RenderHtml(Diff): one self-contained page — summary, charts (monthly cost
// change per benefit, gaining and losing households by area, coverage under
// A and B when both packages declare the indicator), tables, changes.
#include "ansinh/diff.hpp"
#include "report/diff_views.hpp"
#include "report/columns.hpp"
#include "report/format.hpp"
#include "report/html.hpp"
#include "report/report_views.hpp"

ANSINH_BEGIN_NAMESPACE

namespace {

using report::Count;
using report::Money;
using report::SignedMoney;
using report::W;

std::string CostChangeChart(const Diff& d, Language lang) {
  std::vector<report::Bar> bars;
  for (const DiffBenefitLine& l : d.benefits) {
    if (l.unit != BenefitUnit::kMoney || l.frequency != Frequency::kMonthly || l.monthly_a == l.monthly_b) continue;
    bars.push_back({l.label.Get(lang), l.monthly_b - l.monthly_a, SignedMoney(l.monthly_b - l.monthly_a, lang), ""});
  }
  return report::DivergingChart("chart-cost-change", W("chart_cost_change", lang), bars, W("no_change", lang));
}

std::string AreaChart(const Diff& d, ReportBy by, Language lang) {
  std::vector<report::Bar> bars;
  for (const DiffAreaLine& l : report::DiffAreaRows(d, by)) {
    const std::string label = l.label.Get(lang);
    bars.push_back({label + " \xE2\x80\x94 " + W("gaining_households", lang), static_cast<int64_t>(l.gaining_households),
                    Count(l.gaining_households, lang), ""});
    bars.push_back({label + " \xE2\x80\x94 " + W("losing_households", lang), -static_cast<int64_t>(l.losing_households),
                    Count(l.losing_households, lang), ""});
  }
  return report::DivergingChart("chart-area-change",
                                W(by == ReportBy::kCommune ? "chart_commune_change" : "chart_area_change", lang), bars,
                                W("no_data", lang));
}

std::string CoverageChart(const Diff& d, Language lang) {
  std::vector<report::CoverageBar> bars;
  for (const DiffIndicatorLine& l : d.indicators) {
    for (const IndicatorLine* line : {&l.a, &l.b}) {
      report::CoverageBar b;
      b.label = std::string(line == &l.a ? "A: " : "B: ") + line->info.label.Get(lang);
      report::SetCoverage(b, *line);
      b.value_text = report::Percent(line->share, lang);
      const uint64_t unknown = line->unknown + line->population_unknown;
      if (unknown > 0) b.value_text += " \xC2\xB7 " + Count(unknown, lang) + " " + W("unknown_short", lang);
      bars.push_back(std::move(b));
    }
  }
  return report::CoverageChart("chart-coverage-change", W("chart_coverage_change", lang), bars,
                               W("no_common_indicators", lang));
}

// Whether the rules change makes a difference to benefit line `l`.
bool Changed(const DiffBenefitLine& l) {
  return l.gained + l.lost + l.up + l.down + l.status_changed > 0 || l.monthly_a != l.monthly_b ||
         l.once_a != l.once_b || l.in_a != l.in_b;
}

// The benefits: those that changed first, in a table; the unchanged ones
// folded below it (<details>).
void BenefitTables(const Diff& d, Language lang, report::HtmlPage& page) {
  page.Heading(W("diff_benefits_title", lang));
  std::vector<std::vector<std::string>> changed, unchanged;
  for (const DiffBenefitLine& l : d.benefits) {
    if (!report::Shows(l)) continue;
    const bool money = l.unit == BenefitUnit::kMoney;
    const bool monthly = l.frequency == Frequency::kMonthly;
    const int64_t a = monthly ? l.monthly_a : l.once_a;
    const int64_t b = monthly ? l.monthly_b : l.once_b;
    (Changed(l) ? changed : unchanged)
        .push_back({l.label.Get(lang) + (l.in_a ? "" : " (B)") + (l.in_b ? "" : " (A)"),
                    report::UnitText(l.unit, l.frequency, lang), Count(l.beneficiaries_a, lang),
                    Count(l.beneficiaries_b, lang), Count(l.gained, lang), Count(l.lost, lang), Count(l.up, lang),
                    Count(l.down, lang), money ? Money(a, lang) : "", money ? Money(b, lang) : "",
                    money ? SignedMoney(b - a, lang) : ""});
  }
  const std::vector<std::string> header = {
      W("benefit", lang),           W("unit", lang),        W("beneficiaries", lang) + " A",
      W("beneficiaries", lang) + " B", W("change_gained", lang), W("change_lost", lang),
      W("change_up", lang),         W("change_down", lang), W("monthly", lang) + " A",
      W("monthly", lang) + " B",    W("monthly_change", lang)};
  const std::vector<bool> numeric = {false, false, true, true, true, true, true, true, true, true, true};
  if (changed.empty()) {
    page.Paragraph(W("no_change", lang));
  } else {
    page.Table(header, changed, numeric);
  }
  if (!unchanged.empty()) {
    page.BeginDetails(W("unchanged_benefits", lang) + " (" + Count(unchanged.size(), lang) + ")");
    page.Table(header, unchanged, numeric);
    page.EndDetails();
  }
}

void AreaTable(const Diff& d, ReportBy by, Language lang, report::HtmlPage& page) {
  page.Heading(report::BreakdownTitle(by, lang));
  const auto& columns = report::DiffAreaColumns();
  std::vector<std::vector<std::string>> rows;
  for (const DiffAreaLine& l : report::DiffAreaRows(d, by)) {
    rows.push_back(report::FigureCells(l.label.Get(lang), l, columns, lang));
  }
  page.Table(report::FigureHeader(report::BreakdownKeyHeader(by, lang), columns, lang), rows,
             report::FigureAlignment(columns));
}

void ChangeList(const Diff& d, Language lang, report::HtmlPage& page) {
  page.Heading(W("changes_title", lang) + " (" + Count(d.changed_households, lang) + ")");
  std::vector<std::vector<std::string>> rows;
  for (const HouseholdChange& h : d.changes) {
    std::string what;
    for (const BenefitChange& c : h.changes) what += (what.empty() ? "" : "; ") + report::ChangeLine(d, c, lang);
    if (h.ok_a != h.ok_b) what += (what.empty() ? "" : "; ") + W(h.ok_a ? "error_in_b" : "error_in_a", lang);
    rows.push_back({h.household_id, h.commune, Money(h.monthly_a, lang), Money(h.monthly_b, lang),
                    SignedMoney(h.monthly_b - h.monthly_a, lang), what});
  }
  page.Table({W("household", lang), W("key_commune", lang), W("monthly", lang) + " A", W("monthly", lang) + " B",
              W("monthly_change", lang), W("changes", lang)},
             rows, {false, false, true, true, true, false});
  if (d.changed_households > d.changes.size()) page.Paragraph(report::MoreText(d.changed_households - d.changes.size(), lang), "note");
}

}  // namespace

std::string RenderHtml(const Diff& d, const RenderOptions& options) {
  const Language lang = options.lang;
  const ReportBy by = options.by == ReportBy::kCommune ? ReportBy::kCommune : ReportBy::kArea;
  report::HtmlPage page(W("diff_title", lang), lang);
  page.Facts(report::SummaryRows(d, lang));
  page.Paragraph(W("annual_note", lang), "note");
  BenefitTables(d, lang, page);
  page.Heading(W("charts_title", lang));
  page.Raw(CostChangeChart(d, lang));
  page.Raw(AreaChart(d, by, lang));
  page.Raw(CoverageChart(d, lang));
  AreaTable(d, by, lang, page);
  ChangeList(d, lang, page);
  return page.Finish();
}

ANSINH_END_NAMESPACE
