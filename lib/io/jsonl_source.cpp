// JSON Lines: one household object per line, read a block at a time.
#include <exception>
#include <memory>
#include <thread>

#include "io/block_reader.hpp"
#include "io/json_record.hpp"
#include "io/record_source.hpp"
#include "records/issues.hpp"

namespace ansinh::internal {
namespace {

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// A line past max_record_bytes (`bytes` long, `prefix` its start): a household with R_LIMIT and the
// id found in the prefix (or "line N"); its id checked with `ids` unless null (as Convert's `ids`).
void AddTooLong(std::string_view prefix, uint64_t bytes, size_t max_bytes, const RecordOrigin& origin,
                BatchBuilder& b, HouseholdIds* ids) {
  b.BeginHousehold(origin);
  b.AddIssue(RecordTooLongIssue(bytes, max_bytes));
  std::string id = RecoverJsonId(prefix);
  b.SetText(Entity::kHousehold, 0, id.empty() ? "line " + std::to_string(origin.line) : id);
  if (ids != nullptr) ids->Check(b, origin);
  b.EndHousehold();
}

// A run of lines copied out of the block reader (padded for simdjson), with the converter that
// converts them: ReadMany's rounds on two threads and RecordReader::NextConcurrent.
struct JsonLinesRun final : RecordRun {
  struct Line {
    size_t offset;
    size_t length;
    RecordOrigin origin;
    uint64_t too_long;  // 0; or a line past max_record_bytes: its bytes (the text is its prefix)
  };

  JsonLinesRun(const CompiledSchema& schema, size_t max_bytes) : converter(schema), max_record_bytes(max_bytes) {}

  void Convert(BatchBuilder& builder) override { ConvertLines(converter, builder, 0, lines.size(), nullptr); }

  void ConvertLines(JsonRecordConverter& with, BatchBuilder& builder, size_t from, size_t to,
                    HouseholdIds* ids) const {
    for (size_t i = from; i < to; ++i) {
      const Line& l = lines[i];
      const std::string_view line(text.data() + l.offset, l.length);
      if (l.too_long != 0) {
        AddTooLong(line, l.too_long, max_record_bytes, l.origin, builder, ids);
      } else {
        with.Convert(line, text.size() - l.offset, l.origin, builder, ids);
      }
    }
  }

  std::vector<Line> lines;
  std::string text;
  JsonRecordConverter converter;
  size_t max_record_bytes;
};

class JsonLinesSource final : public RecordSource {
 public:
  JsonLinesSource(const CompiledSchema& schema, std::vector<std::string> paths, const ReadOptions& options)
      : files_(std::move(paths)), options_(options), converter_(schema), schema_(schema) {}
  JsonLinesSource(const CompiledSchema& schema, MemoryInput input, const ReadOptions& options)
      : files_(std::move(input)), options_(options), converter_(schema), schema_(schema) {}

  bool ReadOne(BatchBuilder& b) override {
    std::string_view line;
    uint64_t skipped = 0;
    RecordOrigin origin;
    const LineStatus status = NextRecord(&line, &skipped, &origin);
    if (status == LineStatus::kEnd) return false;
    if (status == LineStatus::kTooLong) {
      AddTooLong(line, skipped, options_.max_record_bytes, origin, b, &ids_);
    } else {
      // The line lies inside the reader's buffer, which is padded after its end.
      const size_t capacity = static_cast<size_t>(files_.in().data() - line.data()) + files_.in().capacity_from_data();
      converter_.Convert(line, capacity, origin, b, &ids_);
    }
    return true;
  }

  // With two threads: rounds of up to kRound records (a run), the second half converted on another
  // thread into a batch of its own and appended after the first; then Finish checks the ids in
  // input order, as ReadOne checks them.
  size_t ReadMany(BatchBuilder& b, size_t max, const BuildLimits& limits, unsigned threads) override {
    if (threads < 2) return RecordSource::ReadMany(b, max, limits, threads);
    size_t n = 0;
    while (n < max) {
      const size_t round = Round(b, std::min(max - n, kRound), limits);
      if (round == 0) break;
      n += round;
    }
    return n;
  }

  uint64_t bytes_read() const noexcept override { return files_.bytes_read(); }

  std::unique_ptr<RecordRun> NewRun() override { return std::make_unique<JsonLinesRun>(schema_, options_.max_record_bytes); }

  // The next lines, up to `max` records, copied into the run.
  size_t Take(RecordRun& any, size_t max) override {
    JsonLinesRun& run = static_cast<JsonLinesRun&>(any);
    run.lines.clear();
    run.text.clear();
    while (run.lines.size() < max) {
      std::string_view line;
      uint64_t skipped = 0;
      RecordOrigin origin;
      const LineStatus status = NextRecord(&line, &skipped, &origin);
      if (status == LineStatus::kEnd) break;
      run.lines.push_back(JsonLinesRun::Line{run.text.size(), line.size(), std::move(origin),
                                             status == LineStatus::kTooLong ? skipped : 0});
      run.text.append(line);
      run.text += '\n';
    }
    run.text.append(BlockReader::kPadding, ' ');
    return run.lines.size();
  }

  // The ids of the run's records (converted from household `start` on) in input order. A duplicate
  // (rare) cuts the batch back to before it, and the rest of the run is converted again one record
  // at a time with the check, so the issues and every later decision are those of ReadOne.
  void Finish(RecordRun& any, BatchBuilder& b, size_t start) override {
    JsonLinesRun& run = static_cast<JsonLinesRun&>(any);
    BatchData& out = b.data();
    const size_t count = run.lines.size();
    const FieldColumn& ids = out.household_columns[0];
    for (size_t i = 0; i < count; ++i) {
      const size_t h = start + i;
      const std::string_view id = ids.known[h] ? out.HouseholdId(h) : std::string_view();
      RecordOrigin first;
      if (id.empty() || !ids_.Insert(id, out.origins[h], &first)) continue;
      out.Truncate(h);
      run.ConvertLines(run.converter, b, i, count, &ids_);
      break;
    }
  }

 private:
  static constexpr size_t kRound = 4096;
  static constexpr size_t kMinParallel = 64;  // fewer records: not worth a thread

  // One round: up to `max` records; returns how many were appended.
  size_t Round(BatchBuilder& b, size_t max, const BuildLimits& limits) {
    if (!round_) round_ = std::make_unique<JsonLinesRun>(schema_, options_.max_record_bytes);
    JsonLinesRun& run = *round_;
    const size_t taken = Take(run, max);
    BatchData& out = b.data();
    const size_t start = out.households;
    const size_t count = run.lines.size();
    if (count < kMinParallel) {
      run.ConvertLines(run.converter, b, 0, count, &ids_);
      return taken;
    }
    const size_t half = count / 2;
    if (!second_converter_) second_converter_ = std::make_unique<JsonRecordConverter>(*out.schema);
    second_.schema = out.schema;
    second_.Clear();
    std::exception_ptr error;
    std::thread helper([&] {
      try {
        BatchBuilder builder(&second_, limits);
        run.ConvertLines(*second_converter_, builder, half, count, nullptr);
      } catch (...) {
        error = std::current_exception();
      }
    });
    try {
      run.ConvertLines(run.converter, b, 0, half, nullptr);
    } catch (...) {
      helper.join();
      throw;
    }
    helper.join();
    if (error) std::rethrow_exception(error);
    out.Append(second_);
    Finish(run, b, start);
    return taken;
  }

  // The next non-blank line of the files and its origin (file, line, record index); kEnd after the
  // last file. A kTooLong line is its prefix, with `skipped` the bytes it had.
  LineStatus NextRecord(std::string_view* line, uint64_t* skipped, RecordOrigin* origin) {
    for (;;) {
      if (!Open()) return LineStatus::kEnd;
      *skipped = 0;
      const LineStatus status = NextLine(files_.in(), options_.max_record_bytes, line, &prefix_, skipped);
      if (status == LineStatus::kEnd) {
        files_.Close();
        continue;
      }
      ++line_;
      if (status == LineStatus::kLine && IsBlank(*line)) continue;
      *origin = RecordOrigin{files_.in().path(), line_, index_++};
      return status;
    }
  }

  // The current file, the next one opened (its lines counted from 0) when none is.
  bool Open() {
    bool opened = false;
    if (!files_.Open(&opened)) return false;
    if (opened) line_ = 0;
    return true;
  }


  FileCursor files_;
  ReadOptions options_;
  JsonRecordConverter converter_;
  const CompiledSchema& schema_;
  HouseholdIds ids_;
  // ReadMany on two threads: a round's run, the second converter and batch.
  std::unique_ptr<JsonLinesRun> round_;
  std::unique_ptr<JsonRecordConverter> second_converter_;
  BatchData second_;
  uint64_t line_ = 0;
  uint64_t index_ = 0;
  std::string prefix_;
};

}  // namespace

std::unique_ptr<RecordSource> MakeJsonLinesSource(const CompiledSchema& schema, std::vector<std::string> paths,
                                                  const ReadOptions& options) {
  return std::make_unique<JsonLinesSource>(schema, std::move(paths), options);
}

std::unique_ptr<RecordSource> MakeJsonLinesSource(const CompiledSchema& schema, MemoryInput input,
                                                  const ReadOptions& options) {
  return std::make_unique<JsonLinesSource>(schema, std::move(input), options);
}

}  // namespace ansinh::internal
