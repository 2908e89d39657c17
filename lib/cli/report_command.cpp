// `ansinh report <package> <records...>`: cost per benefit and group,
// indicators against their targets, status differences, records to follow up.
#include <CLI/CLI.hpp>

#include <ostream>

#include "ansinh/error.hpp"
#include "ansinh/report.hpp"
#include "cli/common.hpp"
#include "cli/report_common.hpp"
#include "cli/xlsx_export.hpp"

namespace ansinh::cli {

void RegisterReport(CLI::App& app, Options& o) {
  CLI::App* c = app.add_subcommand("report", "Coverage and cost report: cost per benefit, indicators against targets");
  c->add_option("package", o.rules, "Rule package folder")->required();
  c->add_option("records", o.records,
                "Records: a .json/.jsonl/.yaml file, or households.csv persons.csv")->required();
  c->add_option("--as-of", o.as_of, "Report as of this day (YYYY-MM-DD)");
  c->add_option("--period", o.period, "Report for this month (YYYY-MM), by each benefit's month rule");
  c->add_option("--by", o.by, "Breakdown: benefit (default), area, commune or status")
      ->check(CLI::IsMember({"benefit", "area", "commune", "status"}));
  c->add_option("--format", o.format, "text (default), csv, json, html or xlsx (Excel: needs --output)")
      ->check(CLI::IsMember({"text", "csv", "json", "html", "xlsx"}));
  c->add_option("--lang", o.lang, "Language: vi (default) or en")->check(CLI::IsMember({"vi", "en"}));
  c->add_option("--table", o.table, "csv: write only this table (summary, costs, groups, indicators, follow_up, "
                                    "breakdown, status, errors, missing, undetermined)");
  c->add_option("--max-list", o.max_list, "Households listed per list (default 1000; 0 = all)");
  c->add_option("--threads", o.threads, "Worker threads (default: all cores)");
  c->add_option("--output,-o", o.output, "Write to this file instead of standard output");
  c->add_flag("--csv-raw", o.csv_raw,
              "csv: write cells as they are (by default a cell starting with =, +, -, @ gets a leading ' so that "
              "spreadsheets do not run it as a formula)");
  c->add_flag("--csv-bom", o.csv_bom,
              "csv: start with a UTF-8 byte-order mark, so that Excel on Windows reads the Vietnamese text right");
  c->add_option("--root", o.roots, "Folder that `extends` may resolve into (repeatable)");
  AddRecordsFormat(c, o);
  c->add_flag("--allow-outside", o.allow_outside,
              "Follow symbolic links that lead out of the package folder (refused by default: E_LINK_OUTSIDE)");
}

RenderOptions ParseRender(const Options& o) {
  RenderOptions render;
  render.lang = ParseLang(o.lang);
  render.by = ParseReportBy(o.by.empty() ? "benefit" : o.by).value_or(ReportBy::kBenefit);
  render.table = o.table;
  render.csv_formula_guard = !o.csv_raw;
  if (!o.table.empty() && o.format != "csv") throw UsageError("--table needs --format csv", "--table chỉ dùng cùng --format csv");
  CheckFormatOptions(o);
  return render;
}

ReportOptions ParseReportOptions(const Options& o) {
  ReportOptions options;
  options.max_listed = o.max_list;
  options.read = ParseReadOptions(o);
  options.threads = o.threads;
  return options;
}

int RunReport(const Options& o, std::ostream& out, std::ostream& err) {
  const When when = ParseWhen(o);
  const RenderOptions render = ParseRender(o);
  RefuseOutputOverInput(o);
  std::optional<RuleSet> rules = LoadOrReport(o.rules, o, err);
  if (!rules) return 1;
  const Report report = BuildReport(*rules, o.records, when, ParseReportOptions(o));
  Output output(o, out);
  const std::string& format = o.format;
  if (format == "xlsx") {
    output.stream() << ReportXlsx(report, render.lang);
  } else if (format == "csv") {
    if (o.csv_bom) output.stream() << kUtf8Bom;
    output.stream() << RenderCsv(report, render);
  } else if (format == "json") {
    output.stream() << RenderJson(report, render);
  } else if (format == "html") {
    output.stream() << RenderHtml(report, render);
  } else {
    output.stream() << RenderText(report, render);
  }
  output.Finish();
  if (render.lang == Language::kVi) {
    err << "ansinh report: " << report.households << " hộ, " << report.error_households << " hộ có lỗi hồ sơ, "
        << report.indicators.size() << " chỉ số\n";
  } else {
    err << "ansinh report: " << report.households << " households, " << report.error_households
        << " with record errors, " << report.indicators.size() << " indicators\n";
  }
  return 0;
}

}  // namespace ansinh::cli
