// Fuzzes the record readers (JSON Lines, JSON, YAML, the CSV pair) against
// the schema of rules/vn: the input is written to a tmpfs file and read with
// RecordReader in chunks, as `ansinh eval` does.
//
// Input: [control byte] [CSV only: 2 bytes, little-endian split point] [data]
//   control bits 0-1: format (JSON Lines, JSON, YAML, CSV pair)
//            bits 2-3: chunk size (1, 3, 64, 4096 households per Next)
//            bit 4:    small limits (3 members, 16-byte strings, 256-byte records)
//            bit 5:    CSV join column "household" instead of "household_id"
// Invariants: records come out with consecutive indices; each issue is
// well-formed; no member beyond the limit is kept; in JSON Lines every
// non-blank line is exactly one record.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/access.hpp"
#include "ansinh/error.hpp"
#include "ansinh/reader.hpp"
#include "fuzz_support.hpp"
#include "records/batch.hpp"

namespace {

// Records the JSON Lines reader must produce for `text` (its line rules).
size_t JsonLinesRecords(std::string_view text, size_t max_record_bytes) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t records = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    bool blank = true;
    for (char c : line) blank = blank && (c == ' ' || c == '\t' || c == '\r');
    if (line.size() > max_record_bytes || !blank) ++records;
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  return records;
}

std::vector<std::string> WriteInput(int format, const uint8_t* data, size_t size, std::string_view* text) {
  ansinh_fuzz::ClearScratch();
  const char* const names[] = {"in.jsonl", "in.json", "in.yaml"};
  if (format < 3) {
    *text = std::string_view(reinterpret_cast<const char*>(data), size);
    return {ansinh_fuzz::WriteScratch(names[format], *text)};
  }
  size_t split = 0;
  if (size >= 2) {
    split = (static_cast<size_t>(data[0]) | static_cast<size_t>(data[1]) << 8) % (size - 2 + 1);
    data += 2;
    size -= 2;
  } else {
    size = 0;
  }
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  *text = all;
  return {ansinh_fuzz::WriteScratch("households.csv", all.substr(0, split)),
          ansinh_fuzz::WriteScratch("persons.csv", all.substr(split))};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t control = data[0];
  const int format = control & 3;
  static constexpr size_t kChunks[] = {1, 3, 64, 4096};
  const size_t chunk = kChunks[(control >> 2) & 3];
  ansinh::ReadOptions options;
  options.format = format == 0   ? ansinh::RecordFormat::kJsonLines
                   : format == 1 ? ansinh::RecordFormat::kJson
                   : format == 2 ? ansinh::RecordFormat::kYaml
                                 : ansinh::RecordFormat::kCsv;
  if (control & 16) {
    options.max_members = 3;
    options.max_string_bytes = 16;
    options.max_record_bytes = 256;
  }
  if (control & 32) options.household_id_column = "household";
  std::string_view text;
  const std::vector<std::string> paths = WriteInput(format, data + 1, size - 1, &text);

  const ansinh::RuleSet& rules = ansinh_fuzz::NationalRules();
  size_t records = 0;
  try {
    ansinh::RecordReader reader(rules, paths, options);
    ansinh::RecordBatch batch(rules);
    while (reader.Next(batch, chunk)) {
      FUZZ_CHECK(batch.size() >= 1 && batch.size() <= chunk, "a chunk of the wrong size");
      const ansinh::internal::BatchData& d = ansinh::internal::DataOf(batch);
      for (size_t h = 0; h < batch.size(); ++h, ++records) {
        FUZZ_CHECK(d.origins[h].index == records, "records out of order or lost");
        FUZZ_CHECK(d.member_begin[h + 1] - d.member_begin[h] <= options.max_members, "members beyond the limit");
        for (const ansinh::RecordIssue& issue : batch.issues(h)) ansinh_fuzz::CheckIssue(issue);
      }
      FUZZ_CHECK(reader.bytes_read() <= text.size(), "read more bytes than the input has");
    }
  } catch (const ansinh::InputError&) {
    // A whole file that cannot be read at all (e.g. a CSV without a header):
    // reported once, not per record.
    FUZZ_CHECK(format == 3, "InputError for a JSON/YAML input");
    return 0;
  }
  if (format == 0) {
    FUZZ_CHECK(records == JsonLinesRecords(text, options.max_record_bytes),
               "JSON Lines: " + std::to_string(records) + " records for " +
                   std::to_string(JsonLinesRecords(text, options.max_record_bytes)) + " non-blank lines");
  }
  return 0;
}
