// ansinh — reading household records from files, streaming.
#ifndef ANSINH_READER_HPP_
#define ANSINH_READER_HPP_

#include "ansinh/export.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/records.hpp"
#include "ansinh/rule_set.hpp"
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

enum class RecordFormat {
  kAuto,       // by file extension: .json, .jsonl/.ndjson, .yaml/.yml, .csv (two files)
  kJson,       // one household object, or an array of them
  kJsonLines,  // one household object per line
  kYaml,       // one household mapping, or a sequence of them
  kCsv,        // a pair: households.csv + persons.csv, joined by a household id column
};

// The record options (max_members, max_string_bytes, strict: records.hpp)
// and what only files have.
struct ANSINH_EXPORT ReadOptions : RecordOptions {
  RecordFormat format = RecordFormat::kAuto;
  // CSV: the column of persons.csv naming the household (also accepted: "household").
  std::string household_id_column = "household_id";
  size_t max_record_bytes = 16u << 20;  // one JSON/YAML record (R_LIMIT beyond)
  // ReadAll only: records held in one batch (~1 KiB each). Beyond, ReadAll
  // throws InputError; stream large inputs with RecordReader::Next instead,
  // whose memory is bounded by its `max_households`.
  size_t max_records = 1000000;
  // JSON Lines: records converted on this many threads (at most 2 are used), in rounds of up to
  // 4,096 records, with the same result as on one: input order, issues and R_DUPLICATE_HOUSEHOLD_ID
  // (checked in order after each round) unchanged. Other formats read on one thread.
  unsigned threads = 1;
};

// Reads records in input order, a chunk at a time, into RecordBatches; memory
// stays bounded by the chunk size, not the file size. A record that cannot be
// read (bad JSON line, wrong types, unknown enum value ...) still produces a
// household in the batch, carrying its errors: no record is ever dropped.
//
// Example:
//   ansinh::RecordReader reader(rules, {"households.csv", "persons.csv"});
//   ansinh::RecordBatch batch(rules);
//   while (reader.Next(batch, 4096)) {
//     auto decisions = ansinh::Evaluate(rules, batch, when);
//     ...
//   }
//
// Not thread-safe (one reader per thread). Throws InputError if a file cannot
// be opened or the format cannot be determined. The reader points into the
// schema of `rules` without keeping it alive: a copy of that RuleSet must
// outlive the reader; the batches it fills must be bound to the same rules.
class ANSINH_EXPORT RecordReader {
 public:
  RecordReader(const RuleSet& rules, std::vector<std::string> paths, ReadOptions options = {});
  ~RecordReader();
  RecordReader(RecordReader&&) noexcept;
  RecordReader& operator=(RecordReader&&) noexcept;

  // Clears `batch` and fills it with up to `max_households` next records.
  // Returns false when there was nothing left to read (batch then empty).
  bool Next(RecordBatch& batch, size_t max_households);
  // For several threads reading one input, each with its own batch: clears `batch`, fills it with
  // the next run of up to `max_households` records and returns the run's place in the input (0, 1,
  // 2 ... in input order; std::nullopt when nothing was left). Put the runs back in order by their
  // places: together they are exactly the records, with exactly the issues, that Next would give.
  // JSON Lines and CSV records are converted on the calling threads, in parallel (the text of a run
  // is taken one caller at a time; JSON Lines household ids are checked against the earlier runs' in
  // input order, so a call may wait for the one holding the run before its own); JSON and YAML are
  // read whole, one caller at a time. After a call throws InputError (a file that cannot be read), every later
  // call throws it again. Thread-safe with itself; not to be mixed with Next or bytes_read.
  std::optional<size_t> NextConcurrent(RecordBatch& batch, size_t max_households);
  // Bytes consumed so far (for progress display).
  size_t bytes_read() const noexcept;
  RecordFormat format() const noexcept;

 private:
  class Impl;
  friend RecordBatch ReadAll(const RuleSet&, const std::vector<std::string>&, const ReadOptions&);
  std::unique_ptr<Impl> impl_;
};

// Reads a whole JSON/JSONL/YAML/CSV input into one batch (convenience for
// small inputs). Throws InputError (as RecordReader does, and when the input
// has more than options.max_records records).
ANSINH_EXPORT RecordBatch ReadAll(const RuleSet& rules, const std::vector<std::string>& paths,
                    const ReadOptions& options = {});

ANSINH_END_NAMESPACE

#endif  // ANSINH_READER_HPP_
