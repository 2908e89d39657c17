// Internal: the ansinh command-line tool, as a function tests can call.
#ifndef ANSINH_LIB_CLI_CLI_HPP_
#define ANSINH_LIB_CLI_CLI_HPP_

#include <iosfwd>
#include <string>
#include <vector>

namespace ansinh::cli {

// Runs `ansinh <args...>` (args excludes the program name), writing to `out`
// and `err`. Returns the exit code: 0 success, 1 the command found problems
// (rule errors, failed tests, record errors), 2 usage error, 3 environment
// error (unreadable file ...). Never throws.
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The descriptions of the commands and options that --help would show in
// English under the default Vietnamese (a test keeps this empty).
std::vector<std::string> HelpWithoutVietnamese();

}  // namespace ansinh::cli

#endif  // ANSINH_LIB_CLI_CLI_HPP_
