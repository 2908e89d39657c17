// Internal: helpers shared by the CLI commands.
#ifndef ANSINH_LIB_CLI_COMMON_HPP_
#define ANSINH_LIB_CLI_COMMON_HPP_

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "ansinh/decision.hpp"
#include "ansinh/rule_set.hpp"
#include "cli/commands.hpp"

namespace ansinh::cli {

// Loads the package of o.rules (or `path`); prints diagnostics to err. nullopt on errors.
std::optional<RuleSet> LoadOrReport(const std::string& path, const Options& o, std::ostream& err);
// --as-of / --period -> When; throws UsageError unless exactly one is valid.
When ParseWhen(const Options& o);
Language ParseLang(const std::string& lang);
// The output stream: o.output (a file, created) or `out`.
class Output {
 public:
  Output(const Options& o, std::ostream& out);
  ~Output();
  std::ostream& stream() { return *stream_; }

 private:
  std::unique_ptr<std::ostream> file_;
  std::ostream* stream_;
};
// RFC 4180 quoting of one CSV field.
std::string CsvField(const std::string& value);
bool StderrIsTerminal();

}  // namespace ansinh::cli

#endif  // ANSINH_LIB_CLI_COMMON_HPP_
