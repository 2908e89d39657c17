// Internal: household records given as text (an HTTP request body, a C API
// argument) -> their decisions as text, exactly as `ansinh eval --format
// json|jsonl` writes them; and one household's explanation (`ansinh
// explain`: the brief as text and as JSON). The one code path of the C API
// (lib/capi) and the HTTP service: the same record readers as for files
// (io/json_source.cpp, io/jsonl_source.cpp over a MemoryInput) and the same
// writers (AppendJson, ToText, AppendBriefJson) as the CLI.
#ifndef ANSINH_LIB_IO_TEXT_EVALUATE_HPP_
#define ANSINH_LIB_IO_TEXT_EVALUATE_HPP_

#include <cstddef>
#include <string>
#include <string_view>

#include "ansinh/decision.hpp"
#include "ansinh/reader.hpp"
#include "ansinh/rule_set.hpp"

namespace ansinh::internal {

// How the decisions are laid out: as `eval --format jsonl` (one line each,
// "\n" after each) or as `eval --format json` ("[\n", decisions separated by
// ",\n", "\n]\n"; "[\n]\n" for none).
enum class DecisionLayout { kJsonLines, kJsonArray };

struct TextEvaluateOptions {
  // kJson: one household object, an array of them, or objects one after
  // another; kJsonLines: one object per line; kAuto = kJson (which also reads
  // JSON Lines, but then a broken line is located by its element, not its line).
  RecordFormat format = RecordFormat::kAuto;
  DecisionLayout layout = DecisionLayout::kJsonLines;
  Detail detail = Detail::kFull;
  bool explain = false;  // the trace in each decision (eval --explain)
  unsigned threads = 1;  // as EvaluateOptions::threads
  ReadOptions read;      // record limits, strict (its `format` is ignored)
  std::string name = "<text>";  // the input's name in record origins
};

struct TextEvaluateCounts {
  size_t households = 0;
  size_t errors = 0;  // decisions with status "error"
};

// Reads every household of `text` and appends its decision to `out`. Bad
// records are decisions with status "error", never exceptions; throws
// UsageError for a format other than kAuto/kJson/kJsonLines.
TextEvaluateCounts EvaluateText(const RuleSet& rules, std::string_view text, const When& when,
                                const TextEvaluateOptions& options, std::string* out);

struct TextExplainOptions {
  RecordFormat format = RecordFormat::kAuto;  // as TextEvaluateOptions::format
  std::string household;  // the id of the household to explain; empty: the text must hold one
  Language lang = Language::kVi;
  Detail detail = Detail::kReasons;  // as `ansinh explain` (--all: kFull)
  bool trace = false;                // each condition with the values it read (explain --trace)
  ReadOptions read;
  std::string name = "<text>";
};

struct TextExplanation {
  std::string text;        // exactly what `ansinh explain` prints
  std::string brief_json;  // MakeBrief as JSON (AppendBriefJson), one line
  bool ok = false;         // false: the record has errors (explain exits with 1)
};

// The explanation of one household of `text`. Throws UsageError, with the
// CLI's wording, when the text holds several households and none is chosen,
// or none has the chosen id.
TextExplanation ExplainText(const RuleSet& rules, std::string_view text, const When& when,
                            const TextExplainOptions& options);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_IO_TEXT_EVALUATE_HPP_
