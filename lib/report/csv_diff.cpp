// RenderCsv(Diff): the diff's tables as CSV; "changes" has one row per
// benefit that changes for a household or member.
#include "ansinh/diff.hpp"
#include "report/format.hpp"
#include "report/report_views.hpp"
#include "report/tables.hpp"

ANSINH_BEGIN_NAMESPACE

namespace {

std::string Opt(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; }
std::string Opt(const std::optional<BenefitStatus>& s) { return s ? ToString(*s) : ""; }
std::string Opt(const std::optional<Decimal>& d) { return d ? d->ToString() : ""; }

void Summary(const Diff& d, report::CsvTables& csv) {
  if (!csv.Begin("summary", {"key", "value"})) return;
  csv.Row({"package_a", d.a.id});
  csv.Row({"version_a", d.a.version});
  csv.Row({"hash_a", d.a.hash});
  csv.Row({"package_b", d.b.id});
  csv.Row({"version_b", d.b.version});
  csv.Row({"hash_b", d.b.hash});
  csv.Row({"when", d.when.ToString()});
  csv.Row({"households", std::to_string(d.households)});
  csv.Row({"persons", std::to_string(d.persons)});
  csv.Row({"changed_households", std::to_string(d.changed_households)});
  csv.Row({"gaining_households", std::to_string(d.gaining_households)});
  csv.Row({"losing_households", std::to_string(d.losing_households)});
  csv.Row({"gaining_persons", std::to_string(d.gaining_persons)});
  csv.Row({"losing_persons", std::to_string(d.losing_persons)});
  csv.Row({"error_changed_households", std::to_string(d.error_changed_households)});
  csv.Row({"monthly_a", std::to_string(d.monthly_a)});
  csv.Row({"monthly_b", std::to_string(d.monthly_b)});
  csv.Row({"monthly_change", std::to_string(d.monthly_b - d.monthly_a)});
  csv.Row({"annual_a", std::to_string(d.annual_a)});
  csv.Row({"annual_b", std::to_string(d.annual_b)});
  csv.Row({"annual_change", std::to_string(d.annual_b - d.annual_a)});
  csv.Row({"once_a", std::to_string(d.once_a)});
  csv.Row({"once_b", std::to_string(d.once_b)});
}

}  // namespace

const std::vector<std::string>& DiffTables() {
  static const std::vector<std::string> kTables = {"summary", "benefits", "areas", "indicators", "changes"};
  return kTables;
}

std::string RenderCsv(const Diff& d, const RenderOptions& options) {
  report::CheckTable(options.table, DiffTables());
  const Language lang = options.lang;
  report::CsvTables csv(options.table, options.csv_formula_guard);
  Summary(d, csv);
  if (csv.Begin("benefits", {"id", "label", "unit", "frequency", "in_a", "in_b", "beneficiaries_a", "beneficiaries_b",
                             "gained", "lost", "up", "down", "status_changed", "monthly_a", "monthly_b",
                             "monthly_change", "once_a", "once_b"})) {
    for (const DiffBenefitLine& l : d.benefits) {
      csv.Row({l.id, l.label.Get(lang), l.unit == BenefitUnit::kMoney ? "money" : "percent",
               l.frequency == Frequency::kMonthly ? "monthly" : "once", l.in_a ? "true" : "false",
               l.in_b ? "true" : "false", std::to_string(l.beneficiaries_a), std::to_string(l.beneficiaries_b), std::to_string(l.gained), std::to_string(l.lost), std::to_string(l.up),
               std::to_string(l.down), std::to_string(l.status_changed), std::to_string(l.monthly_a), std::to_string(l.monthly_b), std::to_string(l.monthly_b - l.monthly_a),
               std::to_string(l.once_a), std::to_string(l.once_b)});
    }
  }
  const ReportBy by = options.by == ReportBy::kCommune ? ReportBy::kCommune : ReportBy::kArea;
  if (csv.Begin("areas", {ToString(by), "label", "households", "gaining_households", "losing_households",
                          "gaining_persons", "losing_persons", "monthly_a", "monthly_b", "monthly_change"})) {
    for (const DiffAreaLine& l : report::DiffAreaRows(d, by)) {
      csv.Row({l.key, l.label.Get(lang), std::to_string(l.households), std::to_string(l.gaining_households), std::to_string(l.losing_households),
               std::to_string(l.gaining_persons), std::to_string(l.losing_persons), std::to_string(l.monthly_a), std::to_string(l.monthly_b), std::to_string(l.monthly_b - l.monthly_a)});
    }
  }
  if (csv.Begin("indicators", {"id", "label", "numerator_a", "denominator_a", "share_a", "met_a", "numerator_b",
                               "denominator_b", "share_b", "met_b"})) {
    for (const DiffIndicatorLine& l : d.indicators) {
      auto met = [](const std::optional<bool>& m) { return m ? (*m ? "true" : "false") : ""; };
      csv.Row({l.b.info.id, l.b.info.label.Get(lang), std::to_string(l.a.numerator), std::to_string(l.a.denominator), Opt(l.a.share),
               met(l.a.met), std::to_string(l.b.numerator), std::to_string(l.b.denominator), Opt(l.b.share), met(l.b.met)});
    }
  }
  if (csv.Begin("changes", {"household_id", "area", "commune", "person_id", "benefit", "change", "status_a",
                            "status_b", "amount_a", "amount_b", "unit", "frequency"})) {
    for (const HouseholdChange& h : d.changes) {
      if (h.changes.empty()) {
        csv.Row({h.household_id, h.area, h.commune, "", "", h.ok_a ? "error_in_b" : "error_in_a", "", "", "", "", "", ""});
      }
      for (const BenefitChange& c : h.changes) {
        csv.Row({h.household_id, h.area, h.commune, c.person_id, c.benefit, ToString(c.kind), Opt(c.status_a),
                 Opt(c.status_b), Opt(c.amount_a), Opt(c.amount_b), c.unit == BenefitUnit::kMoney ? "money" : "percent",
                 c.frequency == Frequency::kMonthly ? "monthly" : "once"});
      }
    }
  }
  return csv.Take();
}

ANSINH_END_NAMESPACE
