// `ansinh test <package>`: run the package's YAML tests.
#include <CLI/CLI.hpp>

#include <ostream>

#include "ansinh/rule_set.hpp"
#include "ansinh/testing.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace ansinh::cli {

void RegisterTest(CLI::App& app, Options& o) {
  CLI::App* c = app.add_subcommand("test", "Run a package's YAML tests; print each failure as expected vs actual (exit 1 on failure)");
  c->add_option("package", o.rules, "Rule package folder")->required();
  c->add_option("--filter", o.filter, "Only tests whose name contains this text");
  c->add_option("--root", o.roots, "Folder that `extends` may resolve into (repeatable)");
  c->add_flag("--allow-outside", o.allow_outside,
              "Follow symbolic links that lead out of the package folder (refused by default: E_LINK_OUTSIDE)");
  c->add_flag("--verbose,-v", o.explain, "List passing tests too, and show each failed test's decision with its trace");
  c->add_option("--lang", o.lang, "Language of the messages and traces: vi (default) or en")->check(CLI::IsMember({"vi", "en"}));
}

int RunTest(const Options& o, std::ostream& out, std::ostream& err) {
  const Language lang = ParseLang(o.lang);
  LoadOptions options;
  options.roots = o.roots;
  options.allow_outside = o.allow_outside;
  LoadResult loaded = LoadRules(o.rules, options);
  if (!loaded.ok()) {
    err << loaded.Format(lang);
    err << o.rules
        << (lang == Language::kVi ? ": gói quy tắc có lỗi; sửa các lỗi trước khi chạy bài kiểm tra\n"
                                  : ": the package has errors; fix them before running its tests\n");
    return 1;
  }
  RuleSet rules = std::move(loaded).Release();
  const TestReport report = RunTests(rules, o.filter);
  out << Format(report, o.explain, lang);
  return report.failed() == 0 ? 0 : 1;
}

}  // namespace ansinh::cli
