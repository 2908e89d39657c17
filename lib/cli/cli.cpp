#include "cli/cli.hpp"

#include <ostream>

#include "ansinh/version.hpp"

namespace ansinh::cli {

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    out << "ansinh " << Version() << " — social subsidy rules engine\n";
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    out << Version() << "\n";
    return 0;
  }
  err << "ansinh: unknown command '" << args[0] << "'\n";
  return 2;
}

}  // namespace ansinh::cli
