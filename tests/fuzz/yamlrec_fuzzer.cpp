// Fuzzes the YAML record reader against the schema of rules/vn, and plants
// unterminated quotes in it: yaml-cpp 0.7 lets a quoted text run on over the
// following fields, so a record with `commune: "Xã A` (no closing quote)
// would come out `ok` without them (issue 11).
//
// Input: [control byte] [YAML records]
//   control bit 0:    plant an unterminated quote (PlantUnclosedQuote)
//           bits 1-7: which quoted value
// Invariants: records come out with consecutive indices, each issue is
// well-formed; with a planted quote, the record holding its line is not `ok`.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/access.hpp"
#include "ansinh/error.hpp"
#include "ansinh/reader.hpp"
#include "fuzz_support.hpp"
#include "records/batch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text;
  size_t planted = 0;
  if (!ansinh_fuzz::ReadPlantedInput(data, size, &text, &planted)) return 0;
  ansinh_fuzz::ClearScratch();
  const std::string path = ansinh_fuzz::WriteScratch("in.yaml", text);
  ansinh::ReadOptions options;
  options.format = ansinh::RecordFormat::kYaml;
  const ansinh::RuleSet& rules = ansinh_fuzz::NationalRules();
  size_t records = 0;
  bool planted_ok = false;  // the record holding the planted line came out without an error
  ansinh::RecordReader reader(rules, {path}, options);
  ansinh::RecordBatch batch(rules);
  std::vector<std::pair<uint64_t, bool>> lines;  // (first line, has error) of each record
  while (reader.Next(batch, 64)) {
    const ansinh::internal::BatchData& d = ansinh::internal::DataOf(batch);
    for (size_t h = 0; h < batch.size(); ++h, ++records) {
      FUZZ_CHECK(d.origins[h].index == records, "records out of order or lost");
      for (const ansinh::RecordIssue& issue : batch.issues(h)) ansinh_fuzz::CheckIssue(issue);
      lines.emplace_back(d.origins[h].line, d.has_error[h] != 0);
    }
  }
  if (planted != 0) {
    // The record whose first line is the last one at or before the planted line.
    for (size_t r = 0; r < lines.size(); ++r) {
      const bool holds = lines[r].first <= planted && (r + 1 == lines.size() || lines[r + 1].first > planted);
      if (holds) planted_ok = !lines[r].second;
    }
    FUZZ_CHECK(!planted_ok, "a record with an unterminated quote at line " + std::to_string(planted) + " came out ok");
  }
  return 0;
}
