// The command line's --help in Vietnamese (the default; --lang en keeps
// CLI11's English): one table from each English description to its
// Vietnamese text, applied to the registered commands and options.
#ifndef ANSINH_LIB_CLI_HELP_TEXT_HPP_
#define ANSINH_LIB_CLI_HELP_TEXT_HPP_

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ansinh::cli {

// Replaces every description of `app`, its commands and their options by its
// Vietnamese text, and CLI11's headings (Usage, Options...).
void TranslateHelp(CLI::App& app);
// The English descriptions of `app` that have no Vietnamese text (tests: none).
std::vector<std::string> UntranslatedHelp(CLI::App& app);

}  // namespace ansinh::cli

#endif  // ANSINH_LIB_CLI_HELP_TEXT_HPP_
