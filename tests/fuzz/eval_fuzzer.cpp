// Fuzzes evaluation of arbitrary household records against rules/vn: the
// records (JSON Lines) are read, evaluated on a fuzzed day or month, and every
// decision is rendered (JSON; the first two also as explained JSON and text in vi and en).
//
// Input: [day lo] [day hi] [flags] [chunk] [JSON Lines...]
//   day: days after 2020-01-01 (mod 12 years); flags bit 0: a month instead of
//   a day, bit 1: explain. The batch is evaluated twice, in chunks of 1024
//   and of (chunk % 7 + 1) households: the decisions must be byte-identical
//   (results never depend on how the batch is cut), one per record.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/access.hpp"
#include "ansinh/reader.hpp"
#include "fuzz_support.hpp"
#include "records/batch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  const int days = (data[0] | data[1] << 8) % (12 * 366);
  const bool month = (data[2] & 1) != 0;
  ansinh::EvaluateOptions options;
  options.explain = (data[2] & 2) != 0;
  const unsigned small_chunk = data[3] % 7 + 1;
  ansinh_fuzz::ClearScratch();
  const std::string path =
      ansinh_fuzz::WriteScratch("in.jsonl", std::string_view(reinterpret_cast<const char*>(data + 4), size - 4));

  const ansinh::RuleSet& rules = ansinh_fuzz::NationalRules();
  const ansinh::RecordBatch batch = ansinh::ReadAll(rules, {path});
  const ansinh::Date day = ansinh::Date::FromDays(ansinh::Date::FromYmd(2020, 1, 1).days() + days);
  const ansinh::When when =
      month ? ansinh::When::Month(ansinh::YearMonth(day.year(), day.month())) : ansinh::When::AsOf(day);

  const ansinh::DecisionBatch decisions = ansinh::Evaluate(rules, batch, when, options);
  FUZZ_CHECK(decisions.size() == batch.size(), "a decision was lost");
  options.chunk_households = small_chunk;
  const ansinh::DecisionBatch again = ansinh::Evaluate(rules, batch, when, options);
  FUZZ_CHECK(again.size() == batch.size(), "a decision was lost (small chunks)");
  for (size_t i = 0; i < decisions.size(); ++i) {
    // Every rendering of the first decisions; the JSON of all (renderers are
    // costly, and what varies between decisions is mostly the data).
    const std::string json = i < 2 ? ansinh_fuzz::RenderAll(decisions[i], options.explain)
                                   : ansinh::ToJson(decisions[i]);
    FUZZ_CHECK(json == ansinh::ToJson(again[i]),
               "chunk size changed decision " + std::to_string(i) + ":\n" + json + "\n" + ansinh::ToJson(again[i]));
    FUZZ_CHECK(decisions[i].household_id() == ansinh::internal::DataOf(batch).HouseholdId(i), "decisions out of order");
    for (const ansinh::RecordIssue& e : decisions[i].errors()) ansinh_fuzz::CheckIssue(e);
    for (const ansinh::RecordIssue& w : decisions[i].warnings()) ansinh_fuzz::CheckIssue(w);
  }
  return 0;
}
