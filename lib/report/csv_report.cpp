// RenderCsv(Report): the report's tables as CSV (stable English column names,
// plain integers and decimal shares; labels in the chosen language).
#include "ansinh/report.hpp"
#include "report/format.hpp"
#include "report/report_views.hpp"
#include "report/tables.hpp"

ANSINH_BEGIN_NAMESPACE

namespace {

using report::CsvTables;

std::string N(uint64_t n) { return std::to_string(n); }
std::string I(int64_t n) { return std::to_string(n); }
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
             c.frequency == Frequency::kMonthly ? "monthly" : "once", N(c.beneficiaries), N(c.households),
             N(c.superseded), N(c.undetermined), N(c.provisional), I(c.monthly), I(c.annual), I(c.once)});
  }
}

void Indicators(const Report& r, CsvTables& csv, Language lang) {
  if (csv.Begin("indicators", {"id", "label", "population", "numerator", "denominator", "share", "target_op",
                               "target_share", "target_count", "target_by", "met", "gap", "unknown",
                               "population_unknown", "against_households", "to_check_households", "reference"})) {
    for (const IndicatorLine& i : r.indicators) {
      csv.Row({i.info.id, i.info.label.Get(lang), ToString(i.info.population), N(i.numerator), N(i.denominator),
               ShareText(i.share), i.info.target_op, i.info.target_share ? i.info.target_share->ToString() : "",
               i.info.target_count ? I(*i.info.target_count) : "", i.info.target_by ? i.info.target_by->ToString() : "",
               MetCsv(i.met), I(i.gap), N(i.unknown), N(i.population_unknown), N(i.against_households),
               N(i.to_check_households), i.info.reference});
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
    std::vector<std::string> fields = {row.key, row.label.Get(lang), N(row.households), N(row.persons),
                                       N(row.error_households), N(row.beneficiary_households), N(row.beneficiaries),
                                       I(row.monthly), I(row.annual)};
    for (uint64_t n : row.by_benefit) fields.push_back(N(n));
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
        csv.Row({e.household_id, e.origin.file, N(e.origin.line), i.code, i.field,
                 lang == Language::kVi ? i.message_vi : i.message});
      }
    }
  }
  if (csv.Begin("missing", {"key", "kind", "outcomes", "households", "missing_from", "priced_on", "monthly_waiting"})) {
    for (const KeyCount& k : r.missing_fields) csv.Row({k.key, "fact", N(k.count), "", "", "", ""});
    for (const MissingFigure& f : r.missing_figures) {
      csv.Row({f.parameter, "parameter", N(f.outcomes), N(f.households),
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
    csv.Row({"households", N(r.households)});
    csv.Row({"persons", N(r.persons)});
    csv.Row({"evaluated_households", N(r.evaluated_households)});
    csv.Row({"error_households", N(r.error_households)});
    csv.Row({"warning_households", N(r.warning_households)});
    csv.Row({"beneficiary_households", N(r.beneficiary_households)});
    csv.Row({"beneficiaries", N(r.beneficiaries)});
    csv.Row({"monthly", I(r.monthly)});
    csv.Row({"annual", I(r.annual)});
    csv.Row({"once", I(r.once)});
    csv.Row({"provisional", r.provisional ? "true" : "false"});
    csv.Row({"undetermined_households", N(r.undetermined_households)});
    csv.Row({"status_difference_households", N(r.status_difference_households)});
  }
  Costs(r.benefits, "costs", csv, lang);
  Costs(r.groups, "groups", csv, lang);
  Indicators(r, csv, lang);
  Breakdown(r, options.by, csv, lang);
  Problems(r, csv, lang);
  return csv.Take();
}

ANSINH_END_NAMESPACE
