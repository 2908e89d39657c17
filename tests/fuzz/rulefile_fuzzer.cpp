// Fuzzes the rule loader on one rule file, and plants unterminated quotes in
// it: yaml-cpp 0.7 lets a quoted text run on over the following keys, so a
// benefit with `reference: "Nghị định …` (no closing quote) lost its `when:`
// and every adult got the under-3 allowance (issue 11).
//
// Input: [control byte] [the text of pkg/rules.yaml]; pkg/package.yaml is fixed.
//   control bit 0:    plant an unterminated quote (PlantUnclosedQuote)
//           bits 1-7: which quoted value
// Invariants: every diagnostic has a message; with a planted quote the file
// does not load cleanly (an error in rules.yaml), and every E_UNTERMINATED_QUOTE
// points at a quote character.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ansinh/rule_set.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text;
  size_t planted = 0;
  if (!ansinh_fuzz::ReadPlantedInput(data, size, &text, &planted)) return 0;
  ansinh_fuzz::ClearScratch();
  ansinh_fuzz::WriteScratch("pkg/package.yaml", "id: fuzz\nname: {vi: Gói thử, en: Fuzz package}\nversion: \"1\"\n");
  ansinh_fuzz::WriteScratch("pkg/rules.yaml", text);
  ansinh::LoadOptions options;
  const ansinh::LoadResult result = ansinh::LoadRules(ansinh_fuzz::ScratchDir() + "/pkg", options);
  bool error_in_file = false;
  for (const ansinh::Diagnostic& d : result.diagnostics()) {
    FUZZ_CHECK(!d.message.empty(), "a diagnostic without a message");
    const bool here = d.location.file.size() >= 10 &&
                      d.location.file.compare(d.location.file.size() - 10, 10, "rules.yaml") == 0;
    error_in_file = error_in_file || (here && d.severity == ansinh::Severity::kError);
    if (d.code == ansinh::DiagnosticCode::kUnterminatedQuote) {
      FUZZ_CHECK(here && d.location.line >= 1 && d.location.column >= 1, "E_UNTERMINATED_QUOTE without a place");
      const std::string& line = d.source_line;
      FUZZ_CHECK(d.location.column <= line.size() &&
                     (line[d.location.column - 1] == '"' || line[d.location.column - 1] == '\''),
                 "E_UNTERMINATED_QUOTE not at a quote: " + line);
    }
  }
  (void)result.Format();
  if (planted != 0) {
    FUZZ_CHECK(error_in_file, "an unterminated quote at line " + std::to_string(planted) + " of rules.yaml loaded");
  }
  return 0;
}
