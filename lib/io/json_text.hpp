// Internal: JSON text in memory -> decisions as JSON text. The one way from a
// request body to its answer, shared by `ansinh serve` (lib/serve) and the C
// API: the households are read by the .json file reader (json_source.cpp over
// a BlockReader in memory), evaluated by Evaluate and written by AppendJson,
// so the bytes are those of `ansinh eval FILE.json` (docs/service.md).
#ifndef ANSINH_LIB_IO_JSON_TEXT_HPP_
#define ANSINH_LIB_IO_JSON_TEXT_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ansinh/decision.hpp"
#include "ansinh/reader.hpp"
#include "ansinh/rule_set.hpp"

namespace ansinh::internal {

// Why a text is not one JSON document (RFC 8259), and where.
struct JsonTextError {
  uint64_t line = 0;    // 1-based
  uint64_t column = 0;  // 1-based, in bytes
  std::string code;     // "J_SYNTAX", "J_EMPTY", "J_NOT_RECORDS"
  std::string message;  // English
};

// nullopt when `text` is one valid JSON document; else the first error.
std::optional<JsonTextError> CheckJsonText(std::string_view text);

// Appends the households of `text` (one object, an array of them, or objects
// one after another) to `batch`, read exactly as RecordReader reads a .json
// file named `name` (bad records become records with issues, none dropped).
void ReadJsonText(const RuleSet& rules, std::string name, std::string_view text, const ReadOptions& options,
                  RecordBatch& batch);

struct JsonTextOptions {
  When when;
  Detail detail = Detail::kFull;
  bool explain = false;  // the trace of each condition (JsonOptions::explain)
  ReadOptions read;
  std::string name = "request";  // stands for the file name in record origins
};

struct JsonTextResult {
  std::optional<JsonTextError> error;  // the text is not JSON or holds no household: nothing evaluated
  std::string json;                    // the answer
  size_t households = 0;
  size_t record_errors = 0;            // households whose decision has status "error"
  std::string first_household_id;      // for logs that carry a hash of it
};

// Decisions for the households of `text`: an object gives its decision on one
// line ending in "\n" (the bytes of `ansinh eval FILE --format jsonl`); an
// array gives the document of `ansinh eval FILE.json --format json`.
JsonTextResult EvaluateJsonText(const RuleSet& rules, std::string_view text, const JsonTextOptions& options);

// The short explanation of each household (MakeBrief at options.detail, default
// kReasons in `explain`) with its text in Vietnamese and English (ToText), as
// JSON: one object for an object, an array for an array.
JsonTextResult ExplainJsonText(const RuleSet& rules, std::string_view text, const JsonTextOptions& options);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_IO_JSON_TEXT_HPP_
