// Internal: the CLI commands (one file each) and their shared options.
#ifndef ANSINH_LIB_CLI_COMMANDS_HPP_
#define ANSINH_LIB_CLI_COMMANDS_HPP_

#include <iosfwd>
#include <string>
#include <vector>

#include "ansinh/serve.hpp"

namespace CLI {
class App;
}

namespace ansinh::cli {

struct Options {
  std::string rules;              // package folder
  std::string rules_b;            // diff: second package
  std::vector<std::string> records;
  std::vector<std::string> roots;
  std::string as_of;
  std::string period;
  std::string format;             // text | json | jsonl | csv | html | xlsx
  std::string records_format;     // jsonl | json | yaml | csv: the records' format when no extension says it
  std::string lang = "vi";
  std::string output;
  std::string by;
  std::string household;          // explain: which household
  std::vector<std::string> sets;  // explain: what-if changes (--set path=value)
  bool counterfactuals = false;   // explain: what would make the near misses eligible (--counterfactuals)
  std::string detail;             // eval/explain: summary | reasons | full (empty: the command's default)
  std::string filter;             // test: name substring
  std::string table;              // report/diff csv: one table only
  size_t max_list = 1000;         // report/diff: households listed per list (0 = all)
  bool explain = false;
  bool all = false;               // explain: every benefit (--all)
  bool quiet = false;
  bool no_warnings = false;
  bool allow_outside = false;     // follow symbolic links out of the package folder
  bool csv_raw = false;           // csv: no apostrophe before formula-like cells
  bool csv_bom = false;           // csv: a UTF-8 byte-order mark first (Excel on Windows then reads UTF-8)
  unsigned threads = 0;
  ServeOptions serve;             // serve: its packages, listener and limits
};

void RegisterCheck(CLI::App& app, Options& o);
void RegisterTest(CLI::App& app, Options& o);
void RegisterEval(CLI::App& app, Options& o);
void RegisterExplain(CLI::App& app, Options& o);
void RegisterReport(CLI::App& app, Options& o);
void RegisterDiff(CLI::App& app, Options& o);
void RegisterCoverage(CLI::App& app, Options& o);
void RegisterCases(CLI::App& app, Options& o);
void RegisterServe(CLI::App& app, Options& o);

int RunCheck(const Options& o, std::ostream& out, std::ostream& err);
int RunTest(const Options& o, std::ostream& out, std::ostream& err);
int RunEval(const Options& o, std::ostream& out, std::ostream& err);
int RunExplain(const Options& o, std::ostream& out, std::ostream& err);
int RunReport(const Options& o, std::ostream& out, std::ostream& err);
int RunDiff(const Options& o, std::ostream& out, std::ostream& err);
int RunCoverage(const Options& o, std::ostream& out, std::ostream& err);
int RunCases(const Options& o, std::ostream& out, std::ostream& err);
int RunServe(const Options& o, std::ostream& out, std::ostream& err);

int Dispatch(const std::string& command, const Options& o, std::ostream& out, std::ostream& err);

}  // namespace ansinh::cli

#endif  // ANSINH_LIB_CLI_COMMANDS_HPP_
