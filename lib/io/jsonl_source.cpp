// JSON Lines: one household object per line, read a block at a time.
#include <memory>

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
    for (;;) {
      if (!Open()) return false;
      std::string_view line;
      uint64_t skipped = 0;
      const LineStatus status = NextLine(files_.in(), options_.max_record_bytes, &line, &prefix_, &skipped);
      if (status == LineStatus::kEnd) {
        files_.Close();
        continue;
      }
      ++line_;
      if (status == LineStatus::kLine && IsBlank(line)) continue;
      RecordOrigin origin{files_.in().path(), line_, index_++};
      if (status == LineStatus::kTooLong) {
        AddTooLong(line, skipped, origin, b);
      } else {
        // The line lies inside the reader's buffer, which is padded after its end.
        const size_t capacity = static_cast<size_t>(files_.in().data() - line.data()) + files_.in().capacity_from_data();
        converter_.Convert(line, capacity, origin, b, ids_);
      }
      return true;
    }
  }

  uint64_t bytes_read() const noexcept override { return files_.bytes_read(); }

 private:
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
