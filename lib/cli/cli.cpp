// `ansinh`: the command-line tool. Each command is a function over the public
// API; RunCli parses arguments with CLI11 and maps outcomes to exit codes.
#include "cli/cli.hpp"

#include <CLI/CLI.hpp>

#include <ostream>

#include "ansinh/error.hpp"
#include "ansinh/version.hpp"
#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "cli/common.hpp"
#include "cli/usage_text.hpp"

namespace ansinh::cli {

namespace {

const char* const kDescription =
    "ansinh — decides which social subsidies a household qualifies for, from YAML rule packages.\n"
    "Docs: docs/cli.md. Exit codes: 0 ok, 1 problems found (rule errors, failed tests, record errors),\n"
    "2 usage error, 3 a file could not be read.";

// The program's commands and options, in English.
void Register(CLI::App& app, Options& o) {
  app.description(kDescription);
  app.set_version_flag("--version", std::string(Version()));
  app.require_subcommand(1);
  app.fallthrough(false);
  RegisterCheck(app, o);
  RegisterTest(app, o);
  RegisterEval(app, o);
  RegisterExplain(app, o);
  RegisterReport(app, o);
  RegisterDiff(app, o);
  RegisterCoverage(app, o);
  RegisterCases(app, o);
  RegisterServe(app, o);
}

}  // namespace

std::vector<std::string> HelpWithoutVietnamese() {
  CLI::App app{"", "ansinh"};
  Options o;
  Register(app, o);
  return UntranslatedHelp(app);
}

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"", "ansinh"};
  Options o;
  Register(app, o);

  // The CLI's own messages are Vietnamese unless --lang en is given.
  const Language lang = LangOfArgs(args);
  AlignHelp(app);
  if (lang == Language::kVi) TranslateHelp(app);
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    commands.push_back(sub->get_name());
  }
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp& e) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion& e) {
    out << Version() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    // Subcommand help goes to out; real usage errors to err with exit code 2.
    if (e.get_exit_code() == 0) {
      for (CLI::App* sub : app.get_subcommands()) {
        out << sub->help();
        return 0;
      }
      out << app.help();
      return 0;
    }
    err << "ansinh: " << UsageErrorText(e, args, commands, lang) << "\n";
    err << UsageHint(lang) << "\n";
    return 2;
  }
  try {
    for (CLI::App* sub : app.get_subcommands()) {
      const int code = Dispatch(sub->get_name(), o, out, err);
      out.flush();
      if (!out) throw StdoutError();
      return code;
    }
  } catch (const UsageError& e) {
    err << "ansinh: " << ErrorText(e, lang) << "\n";
    return 2;
  } catch (const InputError& e) {
    err << "ansinh: " << ErrorText(e, lang) << "\n";
    return 3;
  } catch (const Error& e) {  // e.g. a report total beyond the largest sum (report_helpers.cpp)
    err << "ansinh: " << ErrorText(e, lang) << "\n";
    return 1;
  } catch (const std::exception& e) {
    err << "ansinh: " << (lang == Language::kVi ? "lỗi nội bộ: " : "internal error: ") << e.what() << "\n";
    return 3;
  }
  return 2;
}

}  // namespace ansinh::cli
