// `ansinh eval <package> <records...>`: decisions for every record, streamed.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <ostream>

#include "ansinh/decimal.hpp"
#include "ansinh/reader.hpp"
#include "ansinh/report.hpp"
#include "cli/common.hpp"

namespace ansinh::cli {

void RegisterEval(CLI::App& app, Options& o) {
  CLI::App* c = app.add_subcommand("eval", "Evaluate household records: one decision per record, in input order");
  c->add_option("package", o.rules, "Rule package folder")->required();
  c->add_option("records", o.records,
                "Records: a .json/.jsonl/.yaml file, or households.csv persons.csv")->required();
  c->add_option("--as-of", o.as_of, "Evaluate as of this day (YYYY-MM-DD)");
  c->add_option("--period", o.period, "Evaluate for this month (YYYY-MM), by each benefit's month rule");
  c->add_option("--format", o.format, "jsonl (default), json, csv or text")
      ->check(CLI::IsMember({"jsonl", "json", "csv", "text"}));
  c->add_option("--lang", o.lang, "Language of reasons in csv/text: vi (default) or en")->check(CLI::IsMember({"vi", "en"}));
  c->add_flag("--explain", o.explain, "Include each condition, its value and the values it read");
  c->add_option("--threads", o.threads, "Worker threads (default: all cores)");
  c->add_option("--output,-o", o.output, "Write to this file instead of standard output");
  c->add_flag("--csv-raw", o.csv_raw,
              "csv: write cells as they are (by default a cell starting with =, +, -, @ gets a leading ' so that "
              "spreadsheets do not run it as a formula)");
  c->add_option("--root", o.roots, "Folder that `extends` may resolve into (repeatable)");
  AddRecordsFormat(c, o);
  c->add_flag("--allow-outside", o.allow_outside,
              "Follow symbolic links that lead out of the package folder (refused by default: E_LINK_OUTSIDE)");
  c->add_flag("--strict", o.quiet, "Exit with 1 when any record has errors");
}

namespace {

void CsvHeader(std::ostream& out) {
  out << "household_id,person_id,benefit,status,amount,unit,frequency,group,superseded_by,missing,provisional,"
         "reference,reason\n";
}

void CsvRows(std::ostream& out, const DecisionView& d, Language lang, bool guard) {
  auto CsvField = [guard](std::string_view value) { return CsvCell(value, guard); };
  const RuleSet& rules = d.rules();
  const std::string hid = CsvField(d.household_id());
  if (!d.ok()) {
    std::string messages;
    for (const RecordIssue& e : d.errors()) {
      messages += (messages.empty() ? "" : "; ") + e.code + (e.field.empty() ? "" : " " + e.field) + ": " +
                  (lang == Language::kVi ? e.message_vi : e.message);
    }
    out << hid << ",,,error,,,,,,,,," << CsvField(messages) << "\n";
    return;
  }
  auto rows = [&](const std::string& person, OutcomeRange outcomes) {
    for (const BenefitOutcome o : outcomes) {
      const BenefitInfo& info = rules.benefits()[o.benefit];
      std::string missing;
      for (const std::string& m : d.missing(o)) missing += (missing.empty() ? "" : ";") + m;
      out << hid << ',' << CsvField(person) << ',' << info.id << ',' << ToString(o.status) << ','
          << (o.has_amount ? std::to_string(o.amount) : "") << ','
          << (info.unit == BenefitUnit::kMoney ? "money" : "percent") << ','
          << (info.frequency == Frequency::kMonthly ? "monthly" : "once") << ',' << info.group << ','
          << (o.superseded_by >= 0 ? rules.benefits()[o.superseded_by].id : "") << ',' << CsvField(missing) << ','
          << (o.provisional ? "true" : "false") << ',' << CsvField(info.reference) << ','
          << CsvField(d.reason(o, lang)) << "\n";
    }
  };
  rows("", d.benefits());
  for (size_t m = 0; m < d.member_count(); ++m) rows(std::string(d.member_id(m)), d.member_benefits(m));
}

}  // namespace

int RunEval(const Options& o, std::ostream& out, std::ostream& err) {
  const When when = ParseWhen(o);
  RefuseOutputOverInput(o);
  std::optional<RuleSet> rules = LoadOrReport(o.rules, o, err);
  if (!rules) return 1;
  const std::string format = o.format.empty() ? "jsonl" : o.format;
  const Language lang = ParseLang(o.lang);
  RecordReader reader(*rules, o.records, ParseReadOptions(o));
  Output output(o, out);
  std::ostream& os = output.stream();
  EvaluateOptions options;
  options.explain = o.explain;
  options.threads = o.threads;
  JsonOptions json;
  json.explain = o.explain;
  const bool progress = StderrIsTerminal();
  const auto start = std::chrono::steady_clock::now();
  size_t households = 0, persons = 0, errors = 0, warnings = 0, undetermined = 0;
  int64_t total = 0;
  bool first = true;
  if (format == "json") os << "[\n";
  if (format == "csv") CsvHeader(os);
  RecordBatch batch(*rules);
  while (reader.Next(batch, 8192)) {
    DecisionBatch decisions = Evaluate(*rules, batch, when, options);
    for (size_t i = 0; i < decisions.size(); ++i) {
      const DecisionView d = decisions[i];
      if (!d.ok()) ++errors;
      if (!d.warnings().empty()) ++warnings;
      // Held at the int64 limit rather than wrapped (each total_monthly already is).
      if (__builtin_add_overflow(total, d.total_monthly(), &total)) total = d.total_monthly() > 0 ? INT64_MAX : INT64_MIN;
      persons += d.member_count();
      for (size_t m = 0; m < d.member_count(); ++m) {
        for (const BenefitOutcome b : d.member_benefits(m)) undetermined += b.status == BenefitStatus::kUndetermined;
      }
      if (format == "jsonl") {
        os << ToJson(d, json) << "\n";
      } else if (format == "json") {
        if (!first) os << ",\n";
        os << ToJson(d, json);
      } else if (format == "csv") {
        CsvRows(os, d, lang, !o.csv_raw);
      } else {
        os << ToText(d, lang, o.explain) << "\n";
      }
      first = false;
    }
    households += decisions.size();
    if (os.bad()) output.Finish();  // a write failed: stop now (throws InputError, exit 3)
    if (progress) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      err << "\r" << households << " records, " << static_cast<long>(households / (s > 0 ? s : 1)) << "/s, "
          << errors << " with errors" << std::flush;
    }
  }
  if (format == "json") os << (first ? "]\n" : "\n]\n");
  output.Finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (progress) err << "\r";
  err << "ansinh eval: " << households << " households (" << persons << " persons) in "
      << static_cast<long>(seconds * 1000) << " ms: " << errors << " with record errors, " << warnings
      << " with warnings, " << undetermined << " undetermined person benefits; total monthly "
      << (total == INT64_MAX || total == INT64_MIN ? "at least " : "")
      << (lang == Language::kVi ? FormatGrouped(total, '.') + " đ" : FormatGrouped(total, ',') + " VND") << "\n";
  return o.quiet && errors > 0 ? 1 : 0;
}

}  // namespace ansinh::cli
