// RenderText(Report): the report for a terminal, in Vietnamese or English.
#include "ansinh/report.hpp"
#include "report/columns.hpp"
#include "report/format.hpp"
#include "report/report_views.hpp"
#include "report/tables.hpp"
#include "common/text_safety.hpp"

ANSINH_BEGIN_NAMESPACE

namespace {

using report::Count;
using report::Section;
using report::Money;
using report::PricedText;
using report::W;

std::string Ids(const std::vector<ListedHousehold>& list, uint64_t total, Language lang) {
  std::string out;
  for (const ListedHousehold& h : list) {
    if (!out.empty()) out += ", ";
    out += h.id;
    if (!h.members.empty()) {
      out += " (";
      for (size_t i = 0; i < h.members.size(); ++i) out += (i ? " " : "") + h.members[i];
      out += ")";
    }
  }
  if (total > list.size()) out += " " + report::MoreText(total - list.size(), lang);
  return out;
}

void Summary(const Report& r, Language lang, std::string& out) {
  out += std::string(W("report_title", lang)) + " \xE2\x80\x94 " + r.package.name.Get(lang) + " (" + r.package.id +
         " " + r.package.version + ")\n";
  for (const auto& [key, value] : report::SummaryRows(r, lang)) out += "  " + key + ": " + value + "\n";
  if (r.provisional) out += "  (*) " + std::string(W("provisional_note", lang)) + "\n";
}

void Costs(const Report& r, Language lang, std::string& out) {
  out += Section(out) + std::string(W("costs_title", lang)) + "\n";
  report::TextTable t({W("benefit", lang), W("unit", lang), W("beneficiaries", lang),
                       W("households", lang), W("monthly", lang), W("annual", lang),
                       W("superseded", lang), W("undetermined", lang)},
                      {false, false, true, true, true, true, true, true});
  auto add = [&](const CostLine& c, const std::string& name) {
    const bool money = c.unit == BenefitUnit::kMoney;
    const bool monthly = c.frequency == Frequency::kMonthly;
    t.Add({name + (c.provisional > 0 ? " (*)" : ""), report::UnitText(c.unit, c.frequency, lang),
           Count(c.beneficiaries, lang), Count(c.households, lang),
           money ? Money(monthly ? c.monthly : c.once, lang) : "", money && monthly ? Money(c.annual, lang) : "",
           Count(c.superseded, lang), Count(c.undetermined, lang)});
  };
  for (const CostLine& c : r.benefits) add(c, c.label.Get(lang));
  for (const CostLine& c : r.groups) add(c, std::string(W("group", lang)) + " " + c.label.Get(lang));
  t.Render(out);
  out += "  " + std::string(W("annual_note", lang)) + "\n";
}

void Indicators(const Report& r, Language lang, std::string& out) {
  out += Section(out) + std::string(W("indicators_title", lang)) + "\n";
  if (r.indicators.empty()) out += "  " + std::string(W("no_indicators", lang)) + "\n";
  for (const IndicatorLine& i : r.indicators) {
    out += "  " + i.info.label.Get(lang) + "\n";
    out += "    " + std::string(W("share", lang)) + ": " + Count(i.numerator, lang) + "/" + Count(i.denominator, lang) +
           " = " + report::Percent(i.share, lang) + " \xC2\xB7 " + std::string(W("target", lang)) + " " +
           report::TargetText(i.info, lang) + " \xC2\xB7 " + report::MetText(i.met, lang);
    if (i.gap > 0) out += " \xC2\xB7 " + std::string(W("gap", lang)) + " " + Count(static_cast<uint64_t>(i.gap), lang);
    out += "\n";
    if (i.unknown + i.population_unknown > 0) {
      out += "    " + std::string(W("unknown_counts", lang)) + ": " + Count(i.unknown, lang) + " / " +
             Count(i.population_unknown, lang) + "\n";
    }
    if (i.against_households > 0) {
      out += "    " + std::string(W("against", lang)) + " (" + Count(i.against_households, lang) + "): " +
             Ids(i.against, i.against_households, lang) + "\n";
    }
    if (i.to_check_households > 0) {
      out += "    " + std::string(W("to_check", lang)) + " (" + Count(i.to_check_households, lang) + "): " +
             Ids(i.to_check, i.to_check_households, lang) + "\n";
    }
  }
}

void Breakdown(const Report& r, ReportBy by, Language lang, std::string& out) {
  if (by == ReportBy::kBenefit) return;
  out += Section(out) + report::BreakdownTitle(by, lang) + "\n";
  const auto& columns = report::BreakdownColumns();
  report::TextTable t(report::FigureHeader(report::BreakdownKeyHeader(by, lang), columns, lang),
                      report::FigureAlignment(columns));
  for (const BreakdownRow& row : report::BreakdownRows(r, by)) {
    t.Add(report::FigureCells(row.label.Get(lang), row, columns, lang));
  }
  t.Render(out);
}

void Status(const Report& r, Language lang, std::string& out) {
  out += Section(out) + std::string(W("status_title", lang)) + "\n";
  if (!r.has_status) {
    out += "  " + std::string(W("status_none", lang)) + "\n";
    return;
  }
  out += "  " + std::string(W("status_compared", lang)) + ": " + Count(r.status_compared, lang) + "; " +
         std::string(W("status_differ", lang)) + ": " + Count(r.status_difference_households, lang) + "\n";
  if (r.status_pairs.empty()) return;
  report::TextTable t({W("recognized", lang), W("computed", lang), W("households", lang)},
                      {false, false, true});
  for (const StatusPair& p : r.status_pairs) {
    t.Add({p.recognized_label.Get(lang), p.computed_label.Get(lang), Count(p.households, lang)});
  }
  t.Render(out);
  for (const StatusDifference& d : r.status_differences) {
    out += "    " + d.household_id + ": " + d.recognized_label.Get(lang) + " \xE2\x86\x92 " + d.computed_label.Get(lang) + " (" +
           std::string(W(d.possible_inclusion_error ? "inclusion" : "exclusion", lang)) + ")\n";
  }
  if (r.status_difference_households > r.status_differences.size()) {
    out += "    " + report::MoreText(r.status_difference_households - r.status_differences.size(), lang) + "\n";
  }
}

void Problems(const Report& r, Language lang, std::string& out) {
  out += Section(out) + std::string(W("problems_title", lang)) + "\n";
  out += "  " + std::string(W("error_households", lang)) + ": " + Count(r.error_households, lang) + "\n";
  for (const ErrorHousehold& e : r.errors) {
    for (size_t i = 0; i < e.errors.size(); ++i) {
      const RecordIssue& issue = e.errors[i];
      const std::string field = report::IssueFieldText(e, i, lang);
      out += "    " + e.household_id + " (" + e.origin.file + ":" + std::to_string(e.origin.line) + ") " + issue.code +
             (field.empty() ? "" : " " + field) + ": " + (lang == Language::kVi ? issue.message_vi : issue.message) +
             "\n";
    }
  }
  if (r.error_households > r.errors.size()) out += "    " + report::MoreText(r.error_households - r.errors.size(), lang) + "\n";
  out += "  " + std::string(W("undetermined_households", lang)) + ": " + Count(r.undetermined_households, lang) + " (" +
         Count(r.undetermined_outcomes, lang) + " " + std::string(W("outcomes", lang)) + ")\n";
  if (!r.missing_fields.empty()) {
    report::TextTable t({W("missing_field", lang), W("outcomes", lang)}, {false, true});
    for (const KeyCount& k : r.missing_fields) t.Add({report::PathText(k.label, k.key, lang), Count(k.count, lang)});
    t.Render(out, "    ");
  }
  if (!r.missing_figures.empty()) {
    report::TextTable t({W("missing_parameter", lang), W("missing_from", lang), W("waiting", lang),
                         W("priced_on", lang), W("waiting_money", lang)},
                        {false, false, true, false, true});
    for (const MissingFigure& f : r.missing_figures) {
      t.Add({report::PathText(f.label, f.parameter, lang), f.missing_from ? report::DateText(*f.missing_from, lang) : "\xE2\x80\x94",
             Count(f.outcomes, lang) + " / " + Count(f.households, lang),
             PricedText(r, f, lang),
             f.priced_on ? Money(f.monthly, lang) : "\xE2\x80\x94"});
    }
    t.Render(out, "    ");
    out += "    " + std::string(W("waiting_note", lang)) + "\n";
  }
  for (const UndeterminedHousehold& u : r.undetermined) {
    out += "    " + u.household_id + ": " + report::UndeterminedText(u, lang) + "\n";
  }
  if (r.undetermined_households > r.undetermined.size()) {
    out += "    " + report::MoreText(r.undetermined_households - r.undetermined.size(), lang) + "\n";
  }
}

}  // namespace

std::string RenderText(const Report& report, const RenderOptions& options) {
  std::string out;
  Summary(report, options.lang, out);
  Costs(report, options.lang, out);
  Indicators(report, options.lang, out);
  Breakdown(report, options.by, options.lang, out);
  Status(report, options.lang, out);
  Problems(report, options.lang, out);
  return internal::EscapeControls(out);  // ids and names come from the registry
}

ANSINH_END_NAMESPACE
