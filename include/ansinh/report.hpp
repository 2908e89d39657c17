// ansinh — reports for analysts: cost per benefit, coverage against the
// package's indicator targets, likely inclusion and exclusion errors, records
// that need follow-up; and the difference two rule packages make (diff.hpp).
#ifndef ANSINH_REPORT_HPP_
#define ANSINH_REPORT_HPP_

#include "ansinh/export.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/decimal.hpp"
#include "ansinh/decision.hpp"
#include "ansinh/reader.hpp"
#include "ansinh/records.hpp"
#include "ansinh/rule_set.hpp"
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

// The breakdown a report shows besides the cost per benefit.
enum class ReportBy { kBenefit, kArea, kCommune, kStatus };
ANSINH_EXPORT const char* ToString(ReportBy by) noexcept;               // "benefit", "area", "commune", "status"
ANSINH_EXPORT std::optional<ReportBy> ParseReportBy(std::string_view text) noexcept;

// What a report reads from the package. The defaults are the names of the
// national package (rules/vn); a name the package does not have leaves its
// section empty (never an error).
struct ANSINH_EXPORT ReportOptions {
  std::string area_field = "area";                        // household enum field
  std::string commune_field = "commune";                  // household string field
  std::string status_variable = "effective_poverty_status";   // household enum variable (--by status)
  // Status differences: the class on the commune's approved list (a field)
  // against the class computed from income and deprivations (a variable).
  // Both are enums whose values are declared poorest first.
  std::string recognized_field = "recognized_status";
  std::string computed_status_variable = "poverty_status";
  // Household ids kept per list (indicator follow-up, errors, ...); 0 = all.
  // Counts always cover every household.
  size_t max_listed = 1000;
  // Streaming: households read and evaluated at a time.
  size_t chunk_households = 8192;
  unsigned threads = 1;  // reading and evaluation threads (0 = all cores)
  ReadOptions read;
};

// Cost and beneficiaries of one benefit, or of one group (is_group).
struct ANSINH_EXPORT CostLine {
  std::string id;
  Label label;
  bool is_group = false;
  Entity applies_to = Entity::kPerson;
  BenefitUnit unit = BenefitUnit::kMoney;
  Frequency frequency = Frequency::kMonthly;
  uint64_t beneficiaries = 0;  // persons (or households) paid: eligible and not superseded
  uint64_t households = 0;     // households with at least one beneficiary
  uint64_t superseded = 0;     // eligible, but a higher benefit of the group is paid
  uint64_t undetermined = 0;   // depends on a missing fact
  uint64_t provisional = 0;    // paid with a provisional parameter value
  int64_t monthly = 0;         // VND per month (monthly money benefits)
  int64_t annual = 0;          // 12 × monthly: a year at this month's amounts
  int64_t once = 0;            // VND paid once (one-off money benefits)
};

// A household listed for follow-up; `members` are the person ids concerned
// (empty for household-level items).
struct ANSINH_EXPORT ListedHousehold {
  std::string id;
  std::vector<std::string> members;
};

// One indicator measured on the records.
struct ANSINH_EXPORT IndicatorLine {
  IndicatorInfo info;
  uint64_t denominator = 0;         // in the population, numerator known
  uint64_t numerator = 0;           // of those, numerator true
  uint64_t unknown = 0;             // in the population, numerator unknown
  uint64_t population_unknown = 0;  // whether in the population is unknown
  std::optional<Decimal> share;     // numerator / denominator (6 decimals, half-even); none if 0
  std::optional<bool> met;          // the target holds (none: no target or no denominator)
  // How many more entities must meet the numerator (">=" targets) or fewer
  // ("<=" targets) to reach the target; 0 when met.
  int64_t gap = 0;
  // Households that count against the target (numerator false for ">=",
  // true for "<="), in input order, at most ReportOptions::max_listed.
  std::vector<ListedHousehold> against;
  uint64_t against_households = 0;  // all of them
  // Households whose numerator or population is unknown (facts to collect).
  std::vector<ListedHousehold> to_check;
  uint64_t to_check_households = 0;
};

// A household whose class on the approved list differs from the computed one.
struct ANSINH_EXPORT StatusDifference {
  std::string household_id;
  std::string recognized;  // enum value of ReportOptions::recognized_field
  std::string computed;    // enum value of ReportOptions::computed_status_variable
  bool possible_inclusion_error = false;  // listed as poorer than computed (else: possible exclusion error)
  Label recognized_label;  // the values' labels
  Label computed_label;
};

// How many households have one (recognized, computed) pair of classes.
struct ANSINH_EXPORT StatusPair {
  std::string recognized;
  std::string computed;
  uint64_t households = 0;
  Label recognized_label;
  Label computed_label;
};

// A household that could not be evaluated, with its errors.
struct ANSINH_EXPORT ErrorHousehold {
  std::string household_id;
  RecordOrigin origin;
  std::vector<RecordIssue> errors;
  std::vector<Label> field_labels;  // parallel to `errors`: the label of each issue's field (empty: no field)
};

// A household with undetermined benefits, and the facts to collect.
struct ANSINH_EXPORT UndeterminedHousehold {
  std::string household_id;
  std::vector<std::string> benefits;  // "members[P2].sa_elderly_80", "hi_premium_support" (household)
  std::vector<std::string> missing;   // field paths ("members[P2].has_supporter") and parameters ("param.x")
  std::vector<Label> benefit_labels;  // parallel to `benefits`: the benefits' labels
  std::vector<Label> missing_labels;  // parallel to `missing`: the fields' (parameters') labels, or the path
};

// A count keyed by a code, field or value.
struct ANSINH_EXPORT KeyCount {
  std::string key;
  uint64_t count = 0;
  Label label;  // missing_fields / missing_parameters: the field's (parameter's) label; else empty
};

// A parameter figure not yet confirmed (null in the rules, e.g. a new decree's
// appendix not yet read) and what waits on it: the outcomes it leaves
// undetermined, and what they were paid at the last confirmed figures.
struct ANSINH_EXPORT MissingFigure {
  std::string parameter;            // "param.merit_war_invalid_allowance"
  Label label;                      // the parameter's label
  std::optional<Date> missing_from; // the step (with a null value) in force on the report's day
  uint64_t outcomes = 0;            // benefit outcomes (persons, or households for household benefits) waiting
  uint64_t households = 0;          // households with at least one of them
  // The day whose figures price the waiting outcomes: the day before
  // missing_from (none when no earlier step has a value).
  std::optional<Date> priced_on;
  uint64_t priced = 0;              // waiting outcomes eligible with an amount on priced_on
  int64_t monthly = 0;              // their monthly money on priced_on (VND): a lower bound of what waits
};

// One row of a breakdown by area, commune or status.
struct ANSINH_EXPORT BreakdownRow {
  std::string key;   // the value ("rural"); "" when unknown
  Label label;       // the enum value's label, or the key
  uint64_t households = 0;          // evaluated (no record error)
  uint64_t persons = 0;
  uint64_t error_households = 0;    // not evaluated
  uint64_t beneficiary_households = 0;  // at least one benefit paid
  uint64_t beneficiaries = 0;       // persons paid at least one person benefit
  int64_t monthly = 0;              // VND per month
  int64_t annual = 0;
  std::vector<uint64_t> by_benefit; // beneficiaries per benefit, parallel to Report::benefits
};

// A coverage and cost report over a set of records.
struct ANSINH_EXPORT Report {
  PackageInfo package;
  When when;
  uint64_t households = 0;          // all records
  uint64_t persons = 0;
  uint64_t evaluated_households = 0;
  uint64_t warning_households = 0;
  uint64_t beneficiary_households = 0;
  uint64_t beneficiaries = 0;
  int64_t monthly = 0;              // VND per month, all monthly money benefits
  int64_t annual = 0;               // 12 × monthly
  int64_t once = 0;                 // one-off money benefits
  bool provisional = false;         // some paid amount used a provisional value

  std::vector<CostLine> benefits;   // parallel to RuleSet::benefits()
  std::vector<CostLine> groups;     // parallel to RuleSet::groups()
  std::vector<IndicatorLine> indicators;  // parallel to RuleSet::indicators()

  bool has_status = false;          // the package has both status names
  // Households whose record has no class from the commune's approved list, so
  // that benefits used the computed class (an estimate): counted apart.
  uint64_t estimated_status_households = 0;
  uint64_t estimated_status_beneficiary_households = 0;  // of those, paid at least one benefit
  int64_t estimated_status_monthly = 0;                  // VND per month paid to them
  uint64_t status_compared = 0;     // households where both classes are known
  std::vector<StatusPair> status_pairs;  // pairs that differ, most frequent first
  std::vector<StatusDifference> status_differences;  // listed (max_listed)
  uint64_t status_difference_households = 0;

  std::vector<ErrorHousehold> errors;  // listed (max_listed)
  uint64_t error_households = 0;
  std::vector<KeyCount> error_codes;   // issue codes of errors, most frequent first
  std::vector<UndeterminedHousehold> undetermined;  // listed (max_listed)
  uint64_t undetermined_households = 0;
  uint64_t undetermined_outcomes = 0;
  std::vector<KeyCount> missing_fields;  // "members[].has_supporter": outcomes it leaves undetermined
  // Parameter values not yet confirmed (null in the rules, e.g. "param.social_pension_below_amount"):
  // not facts to collect from the household, but outcomes they leave undetermined.
  std::vector<KeyCount> missing_parameters;
  // The same parameters with what waits on each (in the order of missing_parameters).
  std::vector<MissingFigure> missing_figures;

  std::vector<BreakdownRow> by_area;     // in the enum's order, unknown last
  std::vector<BreakdownRow> by_commune;  // by name
  std::vector<BreakdownRow> by_status;   // in the enum's order, unknown last
};

// Builds a report chunk by chunk (records stream through; only counts and
// the listed households are kept). Not thread-safe; one builder per report.
// The builder keeps a copy of `rules` (so the rule set lives as long as it);
// the batches given to Add are read during the call only. The Report it
// gives is plain data that refers to nothing.
//
// Example:
//   ansinh::ReportBuilder builder(rules, when);
//   ansinh::RecordReader reader(rules, {"registry.jsonl"});
//   ansinh::RecordBatch batch(rules);
//   while (reader.Next(batch, 8192)) builder.Add(batch, ansinh::Evaluate(rules, batch, when));
//   ansinh::Report report = std::move(builder).Finish();
class ANSINH_EXPORT ReportBuilder {
 public:
  ReportBuilder(const RuleSet& rules, const When& when, const ReportOptions& options = {});
  ~ReportBuilder();
  ReportBuilder(ReportBuilder&&) noexcept;
  ReportBuilder& operator=(ReportBuilder&&) noexcept;

  // Adds the decisions of `records` (decisions[i] is the decision of record i,
  // evaluated with the same rules). Throws UsageError if they do not match.
  void Add(const RecordBatch& records, const DecisionBatch& decisions);
  Report Finish() &&;


 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads the records in `paths` (as RecordReader does), evaluates them for
// `when` and reports. Memory is bounded by options.chunk_households and
// options.max_listed. On options.threads >= 2 the records are read and evaluated
// on that many threads (RecordReader::NextConcurrent) in runs of chunk / threads
// households, threads + 2 runs at most in memory, and added in input order: the
// report is the one thread's. Throws InputError if a file cannot be read; problems
// in records are in the report.
ANSINH_EXPORT Report BuildReport(const RuleSet& rules, const std::vector<std::string>& paths, const When& when,
                   const ReportOptions& options = {});

// Reports on records already in memory.
ANSINH_EXPORT Report BuildReport(const RuleSet& rules, const RecordBatch& records, const When& when,
                   const ReportOptions& options = {});

// --- rendering ----------------------------------------------------------------

struct ANSINH_EXPORT RenderOptions {
  Language lang = Language::kVi;
  ReportBy by = ReportBy::kBenefit;  // which breakdown to show (text, csv, html)
  // CSV: one table only ("costs", "groups", "indicators", "follow_up",
  // "breakdown", "status", "errors", "missing", "undetermined"; diff: "summary",
  // "benefits", "areas", "changes", "indicators"); empty = every table, each
  // after a "# <table>" line and separated by an empty line.
  std::string table;
  // CSV: a cell starting with =, +, -, @ (not a plain number) gets a leading
  // apostrophe so that a spreadsheet shows it as text instead of running it as
  // a formula. `ansinh ... --csv-raw` turns it off.
  bool csv_formula_guard = true;
};

// One CSV cell as the renderers write it: RFC 4180 quoting (when it holds a
// comma, quote or line break); with `guard` (the default, as
// RenderOptions::csv_formula_guard) control characters escaped as \xHH and
// a cell starting with =, +, -, @ (not a plain number) prefixed with an
// apostrophe, so that a spreadsheet does not run it as a formula.
ANSINH_EXPORT std::string CsvCell(std::string_view value, bool guard = true);
// CsvCell(value, guard) appended to `*out` (for writers of many cells: no string per cell).
ANSINH_EXPORT void AppendCsvCell(std::string* out, std::string_view value, bool guard = true);

// Renderers. Deterministic (same report, same bytes). HTML is one
// self-contained page (inline CSS and SVG, no scripts or external assets)
// with every user text escaped. Throws UsageError for an unknown CSV table.
ANSINH_EXPORT std::string RenderText(const Report& report, const RenderOptions& options = {});
ANSINH_EXPORT std::string RenderCsv(const Report& report, const RenderOptions& options = {});
ANSINH_EXPORT std::string RenderJson(const Report& report, const RenderOptions& options = {});
ANSINH_EXPORT std::string RenderHtml(const Report& report, const RenderOptions& options = {});

// Names of the CSV tables of a report / a diff (for --table and bindings).
ANSINH_EXPORT const std::vector<std::string>& ReportTables();
ANSINH_EXPORT const std::vector<std::string>& DiffTables();

ANSINH_END_NAMESPACE

#endif  // ANSINH_REPORT_HPP_
