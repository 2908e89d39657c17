// RenderCsv(Report): the report's tables as CSV (stable English column names,
// plain integers and decimal shares; labels in the chosen language).
#include "ansinh/report.hpp"
#include "report/format.hpp"
#include "report/report_views.hpp"
#include "report/tables.hpp"

ANSINH_BEGIN_NAMESPACE

namespace {

using report::CsvTables;

std::string ShareText(const std::optional<Decimal>& share) { return share ? share->ToString() : ""; }
std::string MetCsv(const std::optional<bool>& met) { return met ? (*met ? "true" : "false") : ""; }

std::string Members(const ListedHousehold& h) {
  std::string out;
  for (const std::string& m : h.members) out += (out.empty() ? "" : ";") + m;
  return out;
}

void Costs(const std::vector<CostLine>& lines, const char* table, CsvTables& csv, Language lang) {
  if (!csv.Begin(table, {"id", "label", "applies_to", "unit", "frequency", "beneficiaries", "households", "superseded",
                         "undetermined", "provisional", "monthly", "annual", "once"})) {
    return;
  }
  for (const CostLine& c : lines) {
    csv.Row({c.id, c.label.Get(lang), ToString(c.applies_to), c.unit == BenefitUnit::kMoney ? "money" : "percent",
             c.frequency == Frequency::kMonthly ? "monthly" : "once", std::to_string(c.beneficiaries), std::to_string(c.households),
             std::to_string(c.superseded), std::to_string(c.undetermined), std::to_string(c.provisional), std::to_string(c.monthly), std::to_string(c.annual), std::to_string(c.once)});
  }
}

void Indicators(const Report& r, CsvTables& csv, Language lang) {
  if (csv.Begin("indicators", {"id", "label", "population", "numerator", "denominator", "share", "target_op",
                               "target_share", "target_count", "target_by", "met", "gap", "unknown",
                               "population_unknown", "against_households", "to_check_households", "reference"})) {
    for (const IndicatorLine& i : r.indicators) {
      csv.Row({i.info.id, i.info.label.Get(lang), ToString(i.info.population), std::to_string(i.numerator), std::to_string(i.denominator),
               ShareText(i.share), i.info.target_op, i.info.target_share ? i.info.target_share->ToString() : "",
               i.info.target_count ? std::to_string(*i.info.target_count) : "", i.info.target_by ? i.info.target_by->ToString() : "",
               MetCsv(i.met), std::to_string(i.gap), std::to_string(i.unknown), std::to_string(i.population_unknown), std::to_string(i.against_households),
               std::to_string(i.to_check_households), i.info.reference});
    }
  }
  if (csv.Begin("follow_up", {"indicator", "household_id", "members", "reason"})) {
    for (const IndicatorLine& i : r.indicators) {
      for (const ListedHousehold& h : i.against) csv.Row({i.info.id, h.id, Members(h), "against"});
      for (const ListedHousehold& h : i.to_check) csv.Row({i.info.id, h.id, Members(h), "unknown"});
    }
  }
}

void Breakdown(const Report& r, ReportBy by, CsvTables& csv, Language lang) {
  if (by == ReportBy::kBenefit) by = ReportBy::kArea;  // the cost table is already by benefit
  std::vector<std::string> header = {ToString(by), "label", "households", "persons", "error_households",
                                     "beneficiary_households", "beneficiaries", "monthly", "annual"};
  for (const CostLine& c : r.benefits) header.push_back("beneficiaries:" + c.id);
  if (!csv.Begin("breakdown", header)) return;
  for (const BreakdownRow& row : report::BreakdownRows(r, by)) {
    std::vector<std::string> fields = {row.key, row.label.Get(lang), std::to_string(row.households), std::to_string(row.persons),
                                       std::to_string(row.error_households), std::to_string(row.beneficiary_households), std::to_string(row.beneficiaries),
                                       std::to_string(row.monthly), std::to_string(row.annual)};
    for (uint64_t n : row.by_benefit) fields.push_back(std::to_string(n));
    csv.Row(fields);
  }
}

void Problems(const Report& r, CsvTables& csv, Language lang) {
  if (csv.Begin("status", {"household_id", "recognized", "computed", "possible_error"})) {
    for (const StatusDifference& d : r.status_differences) {
      csv.Row({d.household_id, d.recognized, d.computed, d.possible_inclusion_error ? "inclusion" : "exclusion"});
    }
  }
  if (csv.Begin("errors", {"household_id", "file", "line", "code", "field", "message"})) {
    for (const ErrorHousehold& e : r.errors) {
      for (const RecordIssue& i : e.errors) {
        csv.Row({e.household_id, e.origin.file, std::to_string(e.origin.line), i.code, i.field,
                 lang == Language::kVi ? i.message_vi : i.message});
      }
    }
  }
  if (csv.Begin("missing", {"key", "kind", "outcomes", "households", "missing_from", "priced_on", "monthly_waiting"})) {
    for (const KeyCount& k : r.missing_fields) csv.Row({k.key, "fact", std::to_string(k.count), "", "", "", ""});
    for (const MissingFigure& f : r.missing_figures) {
      csv.Row({f.parameter, "parameter", std::to_string(f.outcomes), std::to_string(f.households),
               f.missing_from ? f.missing_from->ToString() : "", f.priced_on ? f.priced_on->ToString() : "",
               f.priced_on ? std::to_string(f.monthly) : ""});
    }
  }
  if (csv.Begin("undetermined", {"household_id", "benefits", "missing"})) {
    for (const UndeterminedHousehold& u : r.undetermined) {
      std::string benefits, missing;
      for (const std::string& b : u.benefits) benefits += (benefits.empty() ? "" : ";") + b;
      for (const std::string& m : u.missing) missing += (missing.empty() ? "" : ";") + m;
      csv.Row({u.household_id, benefits, missing});
    }
  }
}

}  // namespace

const std::vector<std::string>& ReportTables() {
  static const std::vector<std::string> kTables = {"summary",   "costs",  "groups", "indicators",  "follow_up",
                                                   "breakdown", "status", "errors", "missing", "undetermined"};
  return kTables;
}

std::string RenderCsv(const Report& r, const RenderOptions& options) {
  report::CheckTable(options.table, ReportTables());
  const Language lang = options.lang;
  CsvTables csv(options.table, options.csv_formula_guard);
  if (csv.Begin("summary", {"key", "value"})) {
    csv.Row({"package", r.package.id});
    csv.Row({"version", r.package.version});
    csv.Row({"hash", r.package.hash});
    csv.Row({"when", r.when.ToString()});
    csv.Row({"households", std::to_string(r.households)});
    csv.Row({"persons", std::to_string(r.persons)});
    csv.Row({"evaluated_households", std::to_string(r.evaluated_households)});
    csv.Row({"error_households", std::to_string(r.error_households)});
    csv.Row({"warning_households", std::to_string(r.warning_households)});
    csv.Row({"beneficiary_households", std::to_string(r.beneficiary_households)});
    csv.Row({"beneficiaries", std::to_string(r.beneficiaries)});
    csv.Row({"monthly", std::to_string(r.monthly)});
    csv.Row({"annual", std::to_string(r.annual)});
    csv.Row({"once", std::to_string(r.once)});
    csv.Row({"provisional", r.provisional ? "true" : "false"});
    csv.Row({"undetermined_households", std::to_string(r.undetermined_households)});
    csv.Row({"status_difference_households", std::to_string(r.status_difference_households)});
  }
  Costs(r.benefits, "costs", csv, lang);
  Costs(r.groups, "groups", csv, lang);
  Indicators(r, csv, lang);
  Breakdown(r, options.by, csv, lang);
  Problems(r, csv, lang);
  return csv.Take();
}

ANSINH_END_NAMESPACE
