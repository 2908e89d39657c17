// JSON: one household object, an array of them, or several top-level objects
// one after another. The array is streamed: each element is cut out by a
// small bracket/string scanner and parsed on its own, so memory is bounded by
// the largest element (max_record_bytes), not by the file. Commas between
// elements are not enforced (a missing one loses nothing); anything that is
// not an object becomes an R_SYNTAX record.
#include <memory>

#include "io/block_reader.hpp"
#include "io/json_record.hpp"
#include "io/record_source.hpp"
#include "records/issues.hpp"

namespace ansinh::internal {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Finds where one JSON value ends, across buffer refills (positions are
// relative to the element's first byte).
struct ElementScan {
  char kind = 0;  // the element's first byte
  size_t pos = 0;
  int depth = 0;
  bool in_string = false;
  bool escape = false;
  bool done = false;
  uint64_t newlines = 0;

  void Advance(const char* data, size_t n) {
    if (kind == 0 && n > 0) {
      kind = data[0];
      if (kind != '{' && kind != '[' && kind != '"') pos = 1;
    }
    if (kind != '{' && kind != '[' && kind != '"') {  // a bare scalar (or a stray character)
      while (pos < n && !IsSpace(data[pos]) &&
             std::string_view(",[]{}\"").find(data[pos]) == std::string_view::npos) {
        ++pos;
      }
      done = pos < n;
      return;
    }
    for (; pos < n; ++pos) {
      const char c = data[pos];
      if (c == '\n') ++newlines;
      if (in_string) {
        if (escape) {
          escape = false;
        } else if (c == '\\') {
          escape = true;
        } else if (c == '"') {
          in_string = false;
          if (depth == 0) {
            ++pos;
            done = true;
            return;
          }
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth <= 0) {
          ++pos;
          done = true;
          return;
        }
      }
    }
  }
};

class JsonSource final : public RecordSource {
 public:
  JsonSource(const CompiledSchema& schema, std::vector<std::string> paths, const ReadOptions& options)
      : paths_(std::move(paths)), options_(options), converter_(schema) {}

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
    in_ = std::make_unique<BlockReader>(paths_[next_path_++]);
    in_->SkipBom();
    line_ = 1;
    in_array_ = false;
    return true;
  }

  // Skips whitespace, commas and the brackets of the top-level array. False at EOF.
  bool SkipSeparators() {
    for (;;) {
      while (in_->size() > 0) {
        const char c = in_->data()[0];
        if (c == '\n') {
          ++line_;
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
    for (;;) {
      scan.Advance(in_->data(), in_->size());
      // Also when the whole element is already in memory: the limit must not
      // depend on where the read buffer happens to end.
      if (scan.pos > options_.max_record_bytes) return SkipTooLong(scan, origin, b);
      if (scan.done || in_->eof()) break;
      in_->Refill();
    }
    const size_t length = scan.done ? scan.pos : in_->size();
    converter_.Convert(std::string_view(in_->data(), length), in_->capacity_from_data(), origin, b, ids_);
    in_->Consume(length);
    line_ += scan.newlines;
  }

  void SkipTooLong(ElementScan& scan, const RecordOrigin& origin, BatchBuilder& b) {
    std::string prefix(in_->data(), in_->size() < 4096 ? in_->size() : 4096);
    uint64_t total = 0;
    // Keep scanning, dropping what was scanned (positions restart at 0).
    for (;;) {
      total += scan.pos;
      in_->Consume(scan.pos);
      scan.pos = 0;
      if (scan.done || !in_->Refill()) break;
      scan.Advance(in_->data(), in_->size());
    }
    line_ += scan.newlines;
    b.BeginHousehold(origin);
    b.AddIssue(RecordTooLongIssue(total, options_.max_record_bytes));
    const std::string id = RecoverJsonId(prefix);
    b.SetText(Entity::kHousehold, 0, id.empty() ? "line " + std::to_string(origin.line) : id);
    ids_.Check(b, origin);
    b.EndHousehold();
  }

  std::vector<std::string> paths_;
  ReadOptions options_;
  JsonRecordConverter converter_;
  HouseholdIds ids_;
  std::unique_ptr<BlockReader> in_;
  size_t next_path_ = 0;
  uint64_t line_ = 1;
  uint64_t index_ = 0;
  uint64_t done_bytes_ = 0;
  bool in_array_ = false;
};

}  // namespace

std::unique_ptr<RecordSource> MakeJsonSource(const CompiledSchema& schema, std::vector<std::string> paths,
                                             const ReadOptions& options) {
  return std::make_unique<JsonSource>(schema, std::move(paths), options);
}

}  // namespace ansinh::internal
