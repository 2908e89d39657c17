// JSON: one household object, an array of them, or several top-level objects
// one after another. The array is streamed: each element is cut out by a
// small bracket/string scanner (json_element_scan.hpp) and parsed on its own,
// so memory is bounded by the largest element (max_record_bytes), not by the
// file. Commas between elements are not enforced (a missing one loses
// nothing); anything that is not an object becomes an R_SYNTAX record.
#include <memory>

#include "io/block_reader.hpp"
#include "io/json_element_scan.hpp"
#include "io/json_record.hpp"
#include "io/record_source.hpp"
#include "records/issues.hpp"

namespace ansinh::internal {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class JsonSource final : public RecordSource {
 public:
  JsonSource(const CompiledSchema& schema, std::vector<std::string> paths, const ReadOptions& options)
      : paths_(std::move(paths)), options_(options), converter_(schema) {}
  JsonSource(const CompiledSchema& schema, MemoryInput input, const ReadOptions& options)
      : paths_{std::move(input.name)}, memory_(input.text), in_memory_(true), options_(options), converter_(schema) {}

  bool ReadOne(BatchBuilder& b) override {
    for (;;) {
      if (!in_ && !OpenNext()) return false;
      if (!SkipSeparators()) {
        done_bytes_ += in_->offset();
        in_.reset();
        continue;
      }
      ReadElement(b);
      return true;
    }
  }

  uint64_t bytes_read() const noexcept override { return done_bytes_ + (in_ ? in_->offset() : 0); }

 private:
  bool OpenNext() {
    if (next_path_ == paths_.size()) return false;
    in_ = in_memory_ ? std::make_unique<BlockReader>(paths_[next_path_++], memory_)
                     : std::make_unique<BlockReader>(paths_[next_path_++]);
    in_->SkipBom();
    line_ = 1;
    column_ = 0;
    in_array_ = false;
    return true;
  }

  // Skips whitespace, commas and the brackets of the top-level array. False at EOF.
  bool SkipSeparators() {
    for (;;) {
      while (in_->size() > 0) {
        const char c = in_->data()[0];
        ++column_;
        if (c == '\n') {
          ++line_;
          column_ = 0;
        } else if (c == '[' && !in_array_) {
          in_array_ = true;
        } else if (c == ']' && in_array_) {
          in_array_ = false;
        } else if (!IsSpace(c) && !(c == ',' && in_array_)) {
          return true;
        }
        in_->Consume(1);
      }
      if (!in_->Refill()) return false;
    }
  }

  void ReadElement(BatchBuilder& b) {
    const RecordOrigin origin{in_->path(), line_, index_++};
    ElementScan scan;
    scan.start_column = column_;
    for (;;) {
      scan.Advance(in_->data(), in_->size());
      // The limit is checked also when the whole element is already in
      // memory: it must not depend on where the read buffer happens to end.
      if (scan.pos > options_.max_record_bytes) {
        if (!scan.done && scan.CutAtCandidate() && scan.pos <= options_.max_record_bytes) break;
        return SkipTooLong(scan, origin, b);
      }
      if (scan.done) break;
      if (in_->eof()) {
        scan.CutAtCandidate();  // a broken element: the next one may start on a later line
        break;
      }
      in_->Refill();
    }
    const size_t length = scan.done ? scan.pos : in_->size();
    converter_.Convert(std::string_view(in_->data(), length), in_->capacity_from_data(), origin, b, ids_);
    in_->Consume(length);
    line_ += scan.newlines;
    column_ = scan.end_column;
  }

  void SkipTooLong(ElementScan& scan, const RecordOrigin& origin, BatchBuilder& b) {
    std::string prefix(in_->data(), in_->size() < 4096 ? in_->size() : 4096);
    uint64_t total = 0;
    scan.broken = true;  // ends at the first line that looks like the next element
    // Keep scanning, dropping what was scanned (positions restart at 0).
    for (;;) {
      total += scan.pos;
      in_->Consume(scan.pos);
      scan.Restart();
      if (scan.done || !in_->Refill()) break;
      scan.Advance(in_->data(), in_->size());
    }
    line_ += scan.newlines;
    column_ = scan.end_column;
    b.BeginHousehold(origin);
    b.AddIssue(RecordTooLongIssue(total, options_.max_record_bytes));
    const std::string id = RecoverJsonId(prefix);
    b.SetText(Entity::kHousehold, 0, id.empty() ? "line " + std::to_string(origin.line) : id);
    ids_.Check(b, origin);
    b.EndHousehold();
  }

  std::vector<std::string> paths_;
  std::string_view memory_;  // the text of paths_[0] when in_memory_
  bool in_memory_ = false;
  ReadOptions options_;
  JsonRecordConverter converter_;
  HouseholdIds ids_;
  std::unique_ptr<BlockReader> in_;
  size_t next_path_ = 0;
  uint64_t line_ = 1;
  size_t column_ = 0;  // 0-based column of the next byte
  uint64_t index_ = 0;
  uint64_t done_bytes_ = 0;
  bool in_array_ = false;
};

}  // namespace

std::unique_ptr<RecordSource> MakeJsonSource(const CompiledSchema& schema, std::vector<std::string> paths,
                                             const ReadOptions& options) {
  return std::make_unique<JsonSource>(schema, std::move(paths), options);
}

std::unique_ptr<RecordSource> MakeJsonSource(const CompiledSchema& schema, MemoryInput input,
                                             const ReadOptions& options) {
  return std::make_unique<JsonSource>(schema, std::move(input), options);
}

}  // namespace ansinh::internal
