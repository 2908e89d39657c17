// RenderText(Diff): what package B changes against package A, for a terminal.
#include "ansinh/diff.hpp"
#include "report/columns.hpp"
#include "report/diff_views.hpp"
#include "report/format.hpp"
#include "report/report_views.hpp"
#include "report/tables.hpp"
#include "common/text_safety.hpp"

ANSINH_BEGIN_NAMESPACE

namespace {

using report::Count;
using report::Section;
using report::Money;
using report::SignedMoney;
using report::W;

void Benefits(const Diff& d, Language lang, std::string& out) {
  out += Section(out) + W("diff_benefits_title", lang) + "\n";
  report::TextTable t({W("benefit", lang), W("unit", lang), W("beneficiaries", lang) + " A",
                       W("beneficiaries", lang) + " B", W("change_gained", lang), W("change_lost", lang),
                       W("change_up", lang), W("change_down", lang), W("monthly", lang) + " A",
                       W("monthly", lang) + " B", W("monthly_change", lang)},
                      {false, false, true, true, true, true, true, true, true, true, true});
  for (const DiffBenefitLine& l : d.benefits) {
    if (!report::Shows(l)) continue;
    const bool money = l.unit == BenefitUnit::kMoney;
    const bool monthly = l.frequency == Frequency::kMonthly;
    const int64_t a = monthly ? l.monthly_a : l.once_a;
    const int64_t b = monthly ? l.monthly_b : l.once_b;
    t.Add({l.label.Get(lang) + (l.in_a ? "" : " (B)") + (l.in_b ? "" : " (A)"), report::UnitText(l.unit, l.frequency, lang),
           Count(l.beneficiaries_a, lang), Count(l.beneficiaries_b, lang), Count(l.gained, lang), Count(l.lost, lang),
           Count(l.up, lang), Count(l.down, lang), money ? Money(a, lang) : "", money ? Money(b, lang) : "",
           money ? SignedMoney(b - a, lang) : ""});
  }
  if (t.empty()) {
    out += "  " + W("no_change", lang) + "\n";
  } else {
    t.Render(out);
  }
}

void Areas(const Diff& d, ReportBy by, Language lang, std::string& out) {
  if (by != ReportBy::kCommune) by = ReportBy::kArea;
  out += Section(out) + report::BreakdownTitle(by, lang) + "\n";
  const auto& columns = report::DiffAreaColumns();
  report::TextTable t(report::FigureHeader(report::BreakdownKeyHeader(by, lang), columns, lang),
                      report::FigureAlignment(columns));
  for (const DiffAreaLine& l : report::DiffAreaRows(d, by)) t.Add(report::FigureCells(l.label.Get(lang), l, columns, lang));
  t.Render(out);
}

void Indicators(const Diff& d, Language lang, std::string& out) {
  if (d.indicators.empty()) return;
  out += Section(out) + W("diff_indicators_title", lang) + "\n";
  report::TextTable t({W("indicator", lang), W("share", lang) + " A", W("share", lang) + " B", W("target", lang),
                       W("result", lang) + " A", W("result", lang) + " B"},
                      {false, true, true, false, false, false});
  for (const DiffIndicatorLine& l : d.indicators) {
    t.Add({l.b.info.label.Get(lang), report::Percent(l.a.share, lang) + " (" + Count(l.a.numerator, lang) + "/" +
                            Count(l.a.denominator, lang) + ")",
           report::Percent(l.b.share, lang) + " (" + Count(l.b.numerator, lang) + "/" + Count(l.b.denominator, lang) + ")",
           report::TargetText(l.b.info, lang), report::MetText(l.a.met, lang), report::MetText(l.b.met, lang)});
  }
  t.Render(out);
}

void Changes(const Diff& d, Language lang, std::string& out) {
  out += Section(out) + W("changes_title", lang) + " (" + Count(d.changed_households, lang) + ")\n";
  for (const HouseholdChange& h : d.changes) {
    out += "  " + h.household_id + (h.commune.empty() ? "" : ", " + h.commune) + ": " + Money(h.monthly_a, lang) +
           " \xE2\x86\x92 " + Money(h.monthly_b, lang) + " (" + SignedMoney(h.monthly_b - h.monthly_a, lang) + ")";
    if (h.ok_a != h.ok_b) out += " [" + W(h.ok_a ? "error_in_b" : "error_in_a", lang) + "]";
    out += "\n";
    for (const BenefitChange& c : h.changes) out += "    " + report::ChangeLine(d, c, lang) + "\n";
  }
  if (d.changed_households > d.changes.size()) {
    out += "  " + report::MoreText(d.changed_households - d.changes.size(), lang) + "\n";
  }
}

}  // namespace

std::string RenderText(const Diff& diff, const RenderOptions& options) {
  const Language lang = options.lang;
  std::string out = W("diff_title", lang) + "\n";
  for (const auto& [key, value] : report::SummaryRows(diff, lang)) out += "  " + key + ": " + value + "\n";
  out += "  " + W("annual_note", lang) + "\n";
  Benefits(diff, lang, out);
  Areas(diff, options.by, lang, out);
  Indicators(diff, lang, out);
  Changes(diff, lang, out);
  return internal::EscapeControls(out);  // ids and names come from the registry
}

ANSINH_END_NAMESPACE
