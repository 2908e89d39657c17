// Commands not built yet report so plainly (replaced as they land).
#include <CLI/CLI.hpp>

#include <ostream>

#include "cli/commands.hpp"

namespace ansinh::cli {

namespace {
int NotYet(const char* what, std::ostream& err) {
  err << "ansinh: '" << what << "' is not available in this build yet\n";
  return 2;
}
}  // namespace

void RegisterReport(CLI::App& app, Options&) { app.add_subcommand("report", "Coverage and cost report"); }
void RegisterDiff(CLI::App& app, Options&) { app.add_subcommand("diff", "Compare two packages on records"); }
int RunReport(const Options&, std::ostream&, std::ostream& err) { return NotYet("report", err); }
int RunDiff(const Options&, std::ostream&, std::ostream& err) { return NotYet("diff", err); }

}  // namespace ansinh::cli
