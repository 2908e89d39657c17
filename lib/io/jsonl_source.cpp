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

class JsonLinesSource final : public RecordSource {
 public:
  JsonLinesSource(const CompiledSchema& schema, std::vector<std::string> paths, const ReadOptions& options)
      : files_(std::move(paths)), options_(options), converter_(schema) {}
  JsonLinesSource(const CompiledSchema& schema, MemoryInput input, const ReadOptions& options)
      : files_(std::move(input)), options_(options), converter_(schema) {}

  bool ReadOne(BatchBuilder& b) override {
    std::string_view line;
    uint64_t skipped = 0;
    RecordOrigin origin;
    const LineStatus status = NextRecord(&line, &skipped, &origin);
    if (status == LineStatus::kEnd) return false;
    if (status == LineStatus::kTooLong) {
      AddTooLong(line, skipped, origin, b);
    } else {
      // The line lies inside the reader's buffer, which is padded after its end.
      const size_t capacity = static_cast<size_t>(files_.in().data() - line.data()) + files_.in().capacity_from_data();
      converter_.Convert(line, capacity, origin, b, &ids_);
    }
    return true;
  }

  // With two threads: rounds of up to kRound records. Each round's lines are copied out of the
  // block reader, the second half converted on another thread into a batch of its own and
  // appended after the first; then the household ids are checked in input order, as ReadOne
  // checks them. A duplicate (rare) ends the parallel part of the round there: the batch is cut
  // back to before it and the rest of the round is converted here, one record at a time, with the
  // check, so the issues and every later decision are those of one thread.
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

 private:
  static constexpr size_t kRound = 4096;
  static constexpr size_t kMinParallel = 64;  // fewer records: not worth a thread

  struct Line {
    size_t offset;
    size_t length;
    RecordOrigin origin;
  };

  // One round: up to `max` records; returns how many were appended.
  size_t Round(BatchBuilder& b, size_t max, const BuildLimits& limits) {
    lines_.clear();
    text_.clear();
    bool too_long = false;
    std::string_view long_line;
    uint64_t long_skipped = 0;
    RecordOrigin long_origin;
    while (lines_.size() < max) {
      std::string_view line;
      uint64_t skipped = 0;
      RecordOrigin origin;
      const LineStatus status = NextRecord(&line, &skipped, &origin);
      if (status == LineStatus::kEnd) break;
      if (status == LineStatus::kTooLong) {  // converted after the lines before it, in order
        too_long = true;
        long_line = line;
        long_skipped = skipped;
        long_origin = std::move(origin);
        break;
      }
      lines_.push_back(Line{text_.size(), line.size(), std::move(origin)});
      text_.append(line);
      text_ += '\n';
    }
    text_.append(BlockReader::kPadding, ' ');
    BatchData& out = b.data();
    const size_t start = out.households;
    const size_t count = lines_.size();
    auto convert = [this](JsonRecordConverter& converter, BatchBuilder& builder, size_t from, size_t to,
                          HouseholdIds* ids) {
      for (size_t i = from; i < to; ++i) {
        const Line& l = lines_[i];
        converter.Convert(std::string_view(text_.data() + l.offset, l.length), text_.size() - l.offset, l.origin,
                          builder, ids);
      }
    };
    if (count < kMinParallel) {
      convert(converter_, b, 0, count, &ids_);
    } else {
      const size_t half = count / 2;
      if (!second_converter_) second_converter_ = std::make_unique<JsonRecordConverter>(*out.schema);
      second_.schema = out.schema;
      second_.Clear();
      std::exception_ptr error;
      std::thread helper([&] {
        try {
          BatchBuilder builder(&second_, limits);
          convert(*second_converter_, builder, half, count, nullptr);
        } catch (...) {
          error = std::current_exception();
        }
      });
      try {
        convert(converter_, b, 0, half, nullptr);
      } catch (...) {
        helper.join();
        throw;
      }
      helper.join();
      if (error) std::rethrow_exception(error);
      out.Append(second_);
      const FieldColumn& ids = out.household_columns[0];
      for (size_t i = 0; i < count; ++i) {
        const size_t h = start + i;
        const std::string_view id = ids.known[h] ? out.HouseholdId(h) : std::string_view();
        RecordOrigin first;
        if (id.empty() || !ids_.Insert(id, out.origins[h], &first)) continue;
        // A duplicate: from this record on, as ReadOne does it (its Check finds the same first place).
        out.Truncate(h);
        convert(converter_, b, i, count, &ids_);
        break;
      }
    }
    if (too_long) AddTooLong(long_line, long_skipped, long_origin, b);
    return count + (too_long ? 1 : 0);
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

  void AddTooLong(std::string_view prefix, uint64_t bytes, const RecordOrigin& origin, BatchBuilder& b) {
    b.BeginHousehold(origin);
    b.AddIssue(RecordTooLongIssue(bytes, options_.max_record_bytes));
    std::string id = RecoverJsonId(prefix);
    b.SetText(Entity::kHousehold, 0, id.empty() ? "line " + std::to_string(origin.line) : id);
    ids_.Check(b, origin);
    b.EndHousehold();
  }

  FileCursor files_;
  ReadOptions options_;
  JsonRecordConverter converter_;
  HouseholdIds ids_;
  // ReadMany on two threads: a round's lines (padded for simdjson), the second converter and batch.
  std::vector<Line> lines_;
  std::string text_;
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
