// Helpers for the reliability tests: scratch folders, running the real
// `ansinh` program, reading JSON Lines output, and a synthetic registry made
// from examples/registry.jsonl.
#ifndef ANSINH_TESTS_RELIABILITY_RELIABILITY_UTIL_HPP_
#define ANSINH_TESTS_RELIABILITY_RELIABILITY_UTIL_HPP_

#include <filesystem>
#include <string>
#include <vector>

#include "ansinh/diagnostic.hpp"
#include "ansinh/rule_set.hpp"

namespace reliability {

// A fresh folder under the build tree, removed when the object dies (kept when
// the environment has ANSINH_KEEP_SCRATCH, to look at a failure).
class Scratch {
 public:
  Scratch();
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  std::string str() const { return path_.string(); }
  // Writes `text` to `rel` (parent folders created); returns the full path.
  std::string Write(const std::string& rel, const std::string& text) const;
  // `rel` joined to the folder.
  std::string Path(const std::string& rel) const { return (path_ / rel).string(); }

 private:
  std::filesystem::path path_;
};

std::string ReadFile(const std::string& path);
std::vector<std::string> ReadLines(const std::string& path);

// Runs the built `ansinh` program with `args` (each shell-quoted) from the
// source folder, standard output to `out` and errors to `err` (files).
// Returns its exit status.
int RunAnsinh(const std::vector<std::string>& args, const std::string& out, const std::string& err);

// The valid records of the example registry (examples/registry.jsonl without
// CL-0400 .. CL-0407, which are invalid on purpose), one JSON object each.
const std::vector<std::string>& ExampleRecords();

// A synthetic registry of any size made of the valid examples: record `index`
// is example index % ExampleRecords().size() with every occurrence of its
// household id replaced by SyntheticId(index) = "R-<index>" (member ids, which
// start with the household id, change with it).
std::string SyntheticId(size_t index);
std::string SyntheticRecord(size_t index);
// Records 0 .. count - 1 of that registry as JSON Lines (one record a line).
std::string SyntheticJsonl(size_t count);

// The same registry as a CSV pair (examples/households.csv + persons.csv).
struct ExampleCsv {
  std::string households_header;             // with "\n"
  std::string persons_header;
  std::vector<std::string> households;       // rows (no newline), parallel to ExampleRecords()
  std::vector<std::vector<std::string>> persons;  // rows of each household
};
const ExampleCsv& ExampleCsvRows();
std::string SyntheticCsvHousehold(size_t index);                // one row, no newline
std::vector<std::string> SyntheticCsvPersons(size_t index);     // its persons' rows

// A compact JSON string value: the JSON text of `s` (quotes included).
std::string JsonQuote(const std::string& s);

// The string value of `"key":"..."` at the first occurrence after `from` in
// compact JSON `json` (escapes kept), or "\x01" if absent.
std::string JsonStringField(const std::string& json, const std::string& key, size_t from = 0);

// Every `"code":"..."` in `json`, in order.
std::vector<std::string> JsonCodes(const std::string& json);

// Loads the package `rel` of the repository (e.g. "rules/vn"); fails the test
// if it does not load.
ansinh::RuleSet LoadRepositoryRules(const std::string& rel);

// The printed codes of the diagnostics, space-separated.
std::string Codes(const std::vector<ansinh::Diagnostic>& diagnostics);

}  // namespace reliability

#endif  // ANSINH_TESTS_RELIABILITY_RELIABILITY_UTIL_HPP_
