// `ansinh cases <package> [BENEFIT]`: the boundary households the thresholds
// call for, as YAML test skeletons with the engine's current answer.
#include <CLI/CLI.hpp>

#include <ostream>

#include "ansinh/authoring.hpp"
#include "cli/common.hpp"

namespace ansinh::cli {

void RegisterCases(CLI::App& app, Options& o) {
  CLI::App* c = app.add_subcommand(
      "cases", "Generate the boundary households a benefit's thresholds call for, as YAML test skeletons to confirm");
  c->add_option("package", o.rules, "Rule package folder")->required();
  c->add_option("benefit", o.household, "Only this benefit (its id); default: every benefit");
  c->add_option("--lang", o.lang, "Language of the comments: vi (default) or en")->check(CLI::IsMember({"vi", "en"}));
  c->add_option("--output,-o", o.output, "Write to this file instead of standard output");
  c->add_option("--root", o.roots, "Folder that `extends` may resolve into (repeatable)");
  c->add_flag("--allow-outside", o.allow_outside,
              "Follow symbolic links that lead out of the package folder (refused by default: E_LINK_OUTSIDE)");
}

int RunCases(const Options& o, std::ostream& out, std::ostream& err) {
  std::optional<RuleSet> rules = LoadOrReport(o.rules, o, err);
  if (!rules) return 1;
  const std::vector<GeneratedCase> cases = GenerateCases(*rules, o.household);
  Output output(o, out);
  output.stream() << CasesYaml(cases, rules->info().id, ParseLang(o.lang));
  output.Finish();
  size_t uncovered = 0;
  for (const GeneratedCase& c : cases) uncovered += !c.covered;
  if (ParseLang(o.lang) == Language::kVi) {
    err << "ansinh cases: " << cases.size() << " trường hợp, " << uncovered << " trường hợp chưa có bài kiểm tra nào\n";
  } else {
    err << "ansinh cases: " << cases.size() << " cases, " << uncovered << " not covered by the current tests\n";
  }
  return 0;
}

}  // namespace ansinh::cli
