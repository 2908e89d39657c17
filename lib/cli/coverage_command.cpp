// `ansinh coverage <package>`: how much of the package its YAML tests exercise.
#include <CLI/CLI.hpp>

#include <ostream>

#include "ansinh/authoring.hpp"
#include "cli/common.hpp"

namespace ansinh::cli {

void RegisterCoverage(CLI::App& app, Options& o) {
  CLI::App* c = app.add_subcommand(
      "coverage", "Run a package's YAML tests and show which conditions, amount arms and parameter steps they exercise");
  c->add_option("package", o.rules, "Rule package folder")->required();
  c->add_option("--format", o.format, "text (default), json or html")->check(CLI::IsMember({"text", "json", "html"}));
  c->add_option("--lang", o.lang, "Language: vi (default) or en")->check(CLI::IsMember({"vi", "en"}));
  c->add_option("--output,-o", o.output, "Write to this file instead of standard output");
  c->add_option("--root", o.roots, "Folder that `extends` may resolve into (repeatable)");
  c->add_flag("--allow-outside", o.allow_outside,
              "Follow symbolic links that lead out of the package folder (refused by default: E_LINK_OUTSIDE)");
}

int RunCoverage(const Options& o, std::ostream& out, std::ostream& err) {
  std::optional<RuleSet> rules = LoadOrReport(o.rules, o, err);
  if (!rules) return 1;
  const CoverageReport report = MeasureCoverage(*rules);
  const Language lang = ParseLang(o.lang);
  Output output(o, out);
  if (o.format == "json") output.stream() << CoverageJson(report);
  else if (o.format == "html") output.stream() << CoverageHtml(report, lang);
  else output.stream() << CoverageText(report, lang);
  output.Finish();
  return report.tests_failed == 0 ? 0 : 1;
}

}  // namespace ansinh::cli
