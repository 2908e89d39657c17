// The command line's --help in Vietnamese (the default; --lang en keeps
// CLI11's English): one table from each English description to its
// Vietnamese text, applied to the registered commands and options.
#ifndef ANSINH_LIB_CLI_HELP_TEXT_HPP_
#define ANSINH_LIB_CLI_HELP_TEXT_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace ansinh::cli {

// Gives `app` and its commands a formatter that pads the name column of --help
// by display width (code points: a Vietnamese precomposed letter is one
// column) instead of CLI11's std::setw, which counts bytes and misaligns a
// line holding "BẮT BUỘC" or a Vietnamese command description. Call before
// TranslateHelp (whose headings it keeps).
void AlignHelp(CLI::App& app);
// The display width of UTF-8 `text`: its code points.
size_t DisplayWidth(std::string_view text);

// Replaces every description of `app`, its commands and their options by its
// Vietnamese text, and CLI11's headings (Usage, Options...).
void TranslateHelp(CLI::App& app);
// The English descriptions of `app` that have no Vietnamese text (tests: none).
std::vector<std::string> UntranslatedHelp(CLI::App& app);

}  // namespace ansinh::cli

#endif  // ANSINH_LIB_CLI_HELP_TEXT_HPP_
