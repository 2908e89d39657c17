// Internal: the CLI's own messages in the user's language. CLI11 words its
// usage errors in English; these functions give the Vietnamese sentence for
// each kind of error (the option and the value as the user wrote them), so
// that `ansinh` speaks Vietnamese unless `--lang en` is given. CLI11 itself is
// not changed: the error's kind (get_name()) and its text are read back.
#ifndef ANSINH_LIB_CLI_USAGE_TEXT_HPP_
#define ANSINH_LIB_CLI_USAGE_TEXT_HPP_

#include <string>
#include <vector>

#include "ansinh/value.hpp"

namespace CLI {
class ParseError;
}

namespace ansinh::cli {

// The language of the messages: English when the arguments hold `--lang en`
// (or `--lang=en`) anywhere, Vietnamese otherwise. Read before the arguments
// are parsed, so that a parse error is worded in it too.
Language LangOfArgs(const std::vector<std::string>& args);

// A usage error of CLI11, in `lang` (English: CLI11's own text). `args` are
// the command's arguments: an unknown command is named, with the closest one.
std::string UsageErrorText(const CLI::ParseError& error, const std::vector<std::string>& args,
                           const std::vector<std::string>& commands, Language lang);

// The hint printed after a usage error.
std::string UsageHint(Language lang);

// An ansinh::Error's text in `lang` (its message_vi() when it has one).
std::string ErrorText(const std::exception& error, Language lang);

}  // namespace ansinh::cli

#endif  // ANSINH_LIB_CLI_USAGE_TEXT_HPP_
