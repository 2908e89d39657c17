// Internal: one reader per format behind a common interface, used by
// RecordReader (reader.cpp). Each source appends one household at a time, in
// input order, and never skips a record.
#ifndef ANSINH_LIB_IO_RECORD_SOURCE_HPP_
#define ANSINH_LIB_IO_RECORD_SOURCE_HPP_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/reader.hpp"
#include "io/block_reader.hpp"
#include "io/household_ids.hpp"
#include "io/id_table.hpp"
#include "records/batch.hpp"

namespace ansinh::internal {

// One run of records taken from a source in input order, for RecordReader::NextConcurrent: its
// text is taken by one caller at a time (RecordSource::Take), converted on the caller's thread in
// parallel with the other runs (Convert), then checked against the records before it, runs in input
// order (RecordSource::Finish). The reader keeps the runs and reuses them.
class RecordRun {
 public:
  virtual ~RecordRun() = default;
  // Appends the run's records to `builder`, without the checks that need the records before them.
  virtual void Convert(BatchBuilder& builder) = 0;
};

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // Appends the next household (with its issues) to `builder`. Returns false
  // when the input is exhausted. Throws InputError only for I/O failures.
  virtual bool ReadOne(BatchBuilder& builder) = 0;
  // Appends up to `max` households (ReadOne's, in order); returns how many. A source that
  // can convert records on `threads` threads with the same result overrides it.
  virtual size_t ReadMany(BatchBuilder& builder, size_t max, const BuildLimits& limits, unsigned threads) {
    (void)limits;
    (void)threads;
    size_t n = 0;
    while (n < max && ReadOne(builder)) ++n;
    return n;
  }
  // Bytes of input consumed so far.
  virtual uint64_t bytes_read() const noexcept = 0;

  // A source whose records can be converted apart from their reading gives runs (JSON Lines); the
  // others nullptr, and RecordReader::NextConcurrent reads them with ReadMany, one caller at a time.
  virtual std::unique_ptr<RecordRun> NewRun() { return nullptr; }
  // Moves the text of up to `max` next records into `run` (one of NewRun's); returns how many (0 at
  // the end). One caller at a time.
  virtual size_t Take(RecordRun& run, size_t max) {
    (void)run;
    (void)max;
    return 0;
  }
  // Whether runs need Finish: false when Take settles everything that depends on the records before
  // (CSV: the join's passes found the duplicate and missing households), so runs need no turn.
  virtual bool RunsNeedFinish() const noexcept { return true; }
  // After run.Convert(builder), whose records start at household `start` of the builder's batch: the
  // checks against the records before (duplicate household ids), with the result of ReadOne's. One
  // caller at a time, runs in the order Take gave them.
  virtual void Finish(RecordRun& run, BatchBuilder& builder, size_t start) {
    (void)run;
    (void)builder;
    (void)start;
  }
};

// Records given as text in memory (a request body, a C API argument), read
// as if they were the file `name`; the text must outlive the source.
struct MemoryInput {
  std::string name;
  std::string_view text;
};

// The files of one input, read one after the other through one BlockReader at a time:
// the cursor the JSON, JSON Lines and YAML sources share. A MemoryInput is one "file".
class FileCursor {
 public:
  explicit FileCursor(std::vector<std::string> paths) : paths_(std::move(paths)) {}
  explicit FileCursor(MemoryInput input) : paths_{std::move(input.name)}, memory_(input.text), in_memory_(true) {}

  // Opens the next file when none is open (its BOM skipped). False when every file is done;
  // `*opened` says whether a file was just opened (the source then resets its position).
  bool Open(bool* opened);
  // Closes the current file: its bytes count as read.
  void Close();
  BlockReader& in() noexcept { return *in_; }
  // Bytes of input consumed so far, over all files.
  uint64_t bytes_read() const noexcept;

 private:
  std::vector<std::string> paths_;
  std::string_view memory_;  // the text of paths_[0] when in_memory_
  bool in_memory_ = false;
  std::unique_ptr<BlockReader> in_;
  size_t next_path_ = 0;
  uint64_t done_bytes_ = 0;
};

// The readers (paths already checked to exist; they throw InputError otherwise).
std::unique_ptr<RecordSource> MakeJsonLinesSource(const CompiledSchema& schema,
                                                  std::vector<std::string> paths,
                                                  const ReadOptions& options);
std::unique_ptr<RecordSource> MakeJsonSource(const CompiledSchema& schema, std::vector<std::string> paths,
                                             const ReadOptions& options);
// The JSON Lines and JSON readers over text in memory (the same code as for files).
std::unique_ptr<RecordSource> MakeJsonLinesSource(const CompiledSchema& schema, MemoryInput input,
                                                  const ReadOptions& options);
std::unique_ptr<RecordSource> MakeJsonSource(const CompiledSchema& schema, MemoryInput input,
                                             const ReadOptions& options);
std::unique_ptr<RecordSource> MakeYamlSource(const CompiledSchema& schema, std::vector<std::string> paths,
                                             const ReadOptions& options);
// paths: households.csv and persons.csv (either order; told apart by the join column).
std::unique_ptr<RecordSource> MakeCsvSource(const CompiledSchema& schema, std::vector<std::string> paths,
                                            const ReadOptions& options);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_IO_RECORD_SOURCE_HPP_
