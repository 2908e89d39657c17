// `ansinh diff <packageA> <packageB> <records...>`: who gains, who loses and
// what it costs when the rules change from A to B.
#include <CLI/CLI.hpp>

#include <ostream>

#include "ansinh/diff.hpp"
#include "cli/common.hpp"
#include "cli/report_common.hpp"
#include "cli/xlsx_export.hpp"

namespace ansinh::cli {

void RegisterDiff(CLI::App& app, Options& o) {
  CLI::App* c = app.add_subcommand("diff", "Compare two rule packages on the same records: gains, losses, cost");
  c->add_option("package_a", o.rules, "Rule package A (e.g. the rules in force)")->required();
  c->add_option("package_b", o.rules_b, "Rule package B (e.g. a reform or scenario)")->required();
  c->add_option("records", o.records,
                "Records: a .json/.jsonl/.yaml file, or households.csv persons.csv")->required();
  c->add_option("--as-of", o.as_of, "Compare as of this day (YYYY-MM-DD)");
  c->add_option("--period", o.period, "Compare for this month (YYYY-MM)");
  c->add_option("--by", o.by, "Gainers and losers by area (default) or commune")
      ->check(CLI::IsMember({"benefit", "area", "commune", "status"}));
  c->add_option("--format", o.format, "text (default), csv, json, html or xlsx (Excel: needs --output)")
      ->check(CLI::IsMember({"text", "csv", "json", "html", "xlsx"}));
  c->add_option("--lang", o.lang, "Language: vi (default) or en")->check(CLI::IsMember({"vi", "en"}));
  c->add_option("--table", o.table, "csv: write only this table (summary, benefits, areas, indicators, changes)");
  c->add_option("--max-list", o.max_list, "Changed households listed (default 1000; 0 = all)");
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

int RunDiff(const Options& o, std::ostream& out, std::ostream& err) {
  const When when = ParseWhen(o);
  const RenderOptions render = ParseRender(o);
  RefuseOutputOverInput(o);
  std::optional<RuleSet> a = LoadOrReport(o.rules, o, err);
  std::optional<RuleSet> b = LoadOrReport(o.rules_b, o, err);
  if (!a || !b) return 1;
  const Diff diff = BuildDiff(*a, *b, o.records, when, ParseReportOptions(o));
  Output output(o, out);
  if (o.format == "xlsx") {
    output.stream() << DiffXlsx(diff, render.lang);
  } else if (o.format == "csv") {
    if (o.csv_bom) output.stream() << kUtf8Bom;
    output.stream() << RenderCsv(diff, render);
  } else if (o.format == "json") {
    output.stream() << RenderJson(diff, render);
  } else if (o.format == "html") {
    output.stream() << RenderHtml(diff, render);
  } else {
    output.stream() << RenderText(diff, render);
  }
  output.Finish();
  if (render.lang == Language::kVi) {
    err << "ansinh diff: " << diff.households << " hộ, " << diff.changed_households << " hộ có thay đổi; "
        << "chi phí hằng tháng " << diff.monthly_a << " -> " << diff.monthly_b << " đ\n";
  } else {
    err << "ansinh diff: " << diff.households << " households, " << diff.changed_households << " with a change; "
        << "monthly cost " << diff.monthly_a << " -> " << diff.monthly_b << " VND\n";
  }
  return 0;
}

}  // namespace ansinh::cli
