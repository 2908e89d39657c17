// `ansinh check <package>`: load and check a rule package, print every problem.
#include <CLI/CLI.hpp>

#include <ostream>

#include "ansinh/rule_set.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace ansinh::cli {

void RegisterCheck(CLI::App& app, Options& o) {
  CLI::App* c = app.add_subcommand("check", "Check a rule package; print every problem as file:line:col (exit 1 on errors)");
  c->add_option("package", o.rules, "Rule package folder (holds package.yaml)")->required();
  c->add_option("--format", o.format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  c->add_option("--root", o.roots, "Folder that `extends` may resolve into (repeatable)");
  c->add_flag("--allow-outside", o.allow_outside,
              "Follow symbolic links that lead out of the package folder (refused by default: E_LINK_OUTSIDE)");
  c->add_flag("--no-warnings", o.no_warnings, "Print errors only");
  c->add_option("--lang", o.lang, "Language of the messages: vi (default) or en (json has both)")
      ->check(CLI::IsMember({"vi", "en"}));
}

namespace {
// "2 errors, 1 warning" / "2 lỗi, 1 cảnh báo".
std::string CountsText(size_t errors, size_t warnings, Language lang) {
  if (lang == Language::kVi) return std::to_string(errors) + " lỗi, " + std::to_string(warnings) + " cảnh báo";
  return std::to_string(errors) + " error" + (errors == 1 ? "" : "s") + ", " + std::to_string(warnings) + " warning" +
         (warnings == 1 ? "" : "s");
}
}  // namespace

int RunCheck(const Options& o, std::ostream& out, std::ostream& err) {
  const Language lang = ParseLang(o.lang);
  const bool vi = lang == Language::kVi;
  LoadOptions options;
  options.roots = o.roots;
  options.allow_outside = o.allow_outside;
  LoadResult result = LoadRules(o.rules, options);
  std::vector<Diagnostic> shown;
  for (const Diagnostic& d : result.diagnostics()) {
    if (o.no_warnings && d.severity != Severity::kError) continue;
    shown.push_back(d);
  }
  if (o.format == "json") {
    out << FormatJson(shown) << "\n";
  } else {
    err << Format(shown, lang);
  }
  size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : result.diagnostics()) (d.severity == Severity::kError ? errors : warnings)++;
  if (!result.ok()) {
    if (o.format != "json") {
      err << o.rules << ": " << CountsText(errors, warnings, lang) << "\n";
    }
    return 1;
  }
  if (o.format != "json") {
    RuleSet rules = std::move(result).Release();
    out << rules.info().id << " " << rules.info().version << (vi ? ": đạt — " : ": ok — ") << rules.benefits().size()
        << (vi ? " chế độ, " : " benefits, ") << rules.parameters().size() << (vi ? " tham số, " : " parameters, ")
        << rules.variables().size() << (vi ? " biến, " : " variables, ") << rules.groups().size()
        << (vi ? " nhóm, " : " groups, ") << rules.test_count() << (vi ? " bài kiểm tra" : " tests");
    if (warnings) {
      out << ", " << warnings << (vi ? " cảnh báo" : warnings == 1 ? " warning" : " warnings");
    }
    out << "\n";
  }
  return 0;
}

int Dispatch(const std::string& command, const Options& o, std::ostream& out, std::ostream& err) {
  if (command == "check") return RunCheck(o, out, err);
  if (command == "test") return RunTest(o, out, err);
  if (command == "eval") return RunEval(o, out, err);
  if (command == "explain") return RunExplain(o, out, err);
  if (command == "report") return RunReport(o, out, err);
  if (command == "diff") return RunDiff(o, out, err);
  if (command == "coverage") return RunCoverage(o, out, err);
  if (command == "cases") return RunCases(o, out, err);
  if (command == "serve") return RunServe(o, out, err);
  return 2;
}

}  // namespace ansinh::cli
