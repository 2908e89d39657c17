// Internal: helpers shared by the CLI commands.
#ifndef ANSINH_LIB_CLI_COMMON_HPP_
#define ANSINH_LIB_CLI_COMMON_HPP_

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "ansinh/decision.hpp"
#include "ansinh/error.hpp"
#include "ansinh/reader.hpp"
#include "ansinh/rule_set.hpp"
#include "cli/commands.hpp"
#include "cli/atomic_file.hpp"

namespace ansinh::cli {

// Loads the package of o.rules (or `path`); prints diagnostics to err. nullopt on errors.
std::optional<RuleSet> LoadOrReport(const std::string& path, const Options& o, std::ostream& err);
// --as-of / --period -> When; throws UsageError unless exactly one is valid.
When ParseWhen(const Options& o);
Language ParseLang(const std::string& lang);
// ReadOptions with --records-format (kAuto when not given).
ReadOptions ParseReadOptions(const Options& o);
// Adds --records-format to a command that reads records.
void AddRecordsFormat(CLI::App* command, Options& o);
// Throws InputError when --output names one of the record files (same
// device and inode): called before anything is read or written.
void RefuseOutputOverInput(const Options& o);
// The output stream: o.output (written whole or not at all through
// AtomicFile) or `out`. Finish() commits the file, or flushes `out`;
// it throws InputError (exit 3) when any byte could not be written, so that
// no summary claims success. Without Finish() the file is left untouched.
class Output {
 public:
  Output(const Options& o, std::ostream& out);
  ~Output();
  std::ostream& stream() { return *stream_; }
  void Finish();

 private:
  std::unique_ptr<AtomicFile> file_;
  std::ostream* stream_;
};
bool StderrIsTerminal();
// "cannot write the standard output" (exit 3), in English and Vietnamese.
InputError StdoutError();
// The UTF-8 byte-order mark --csv-bom puts first.
inline constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";
// Throws UsageError for --format xlsx without --output (an Excel file is not
// for a terminal; "--output -" writes it to the standard output) and for
// --csv-bom without --format csv.
void CheckFormatOptions(const Options& o);

}  // namespace ansinh::cli

#endif  // ANSINH_LIB_CLI_COMMON_HPP_
