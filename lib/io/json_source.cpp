// JSON: one household object, an array of them, or several top-level objects
// one after another. The array is streamed: each element is cut out by a
// small bracket/string scanner (json_element_scan.hpp) and parsed on its own,
// so memory is bounded by the largest element (max_record_bytes), not by the
// file. Commas between elements are not enforced (a missing one loses
// nothing); anything that is not an object becomes an R_SYNTAX record, and so
// does the end of a file whose array is never closed (a file cut between records).
#include <memory>

#include "io/block_reader.hpp"
#include "io/json_element_scan.hpp"
#include "io/json_record.hpp"
#include "io/record_source.hpp"
#include "records/issues.hpp"

namespace ansinh::internal {
namespace {

class JsonSource final : public RecordSource {
 public:
  JsonSource(const CompiledSchema& schema, std::vector<std::string> paths, const ReadOptions& options)
      : files_(std::move(paths)), options_(options), converter_(schema) {}
  JsonSource(const CompiledSchema& schema, MemoryInput input, const ReadOptions& options)
      : files_(std::move(input)), options_(options), converter_(schema) {}

  bool ReadOne(BatchBuilder& b) override {
    for (;;) {
      if (!Open()) return false;
      if (!SkipSeparators()) {
        if (in_array_) {  // the file ends inside its array: it may have been cut between two records
          AddUnclosedArray(b);
          in_array_ = false;
          return true;
        }
        files_.Close();
        continue;
      }
      ReadElement(b);
      return true;
    }
  }

  uint64_t bytes_read() const noexcept override { return files_.bytes_read(); }

 private:
  // The current file, the next one opened (at line 1, outside any array) when none is.
  bool Open() {
    bool opened = false;
    if (!files_.Open(&opened)) return false;
    if (opened) {
      line_ = 1;
      column_ = 0;
      in_array_ = false;
    }
    return true;
  }

  // Skips whitespace, commas and the brackets of the top-level array. False at EOF.
  bool SkipSeparators() {
    for (;;) {
      while (files_.in().size() > 0) {
        const char c = files_.in().data()[0];
        ++column_;
        if (c == '\n') {
          ++line_;
          column_ = 0;
        } else if (c == '[' && !in_array_) {
          in_array_ = true;
          array_line_ = line_;
        } else if (c == ']' && in_array_) {
          in_array_ = false;
        } else if (!IsJsonSpace(c) && !(c == ',' && in_array_)) {
          return true;
        }
        files_.in().Consume(1);
      }
      if (!files_.in().Refill()) return false;
    }
  }

  void ReadElement(BatchBuilder& b) {
    const RecordOrigin origin{files_.in().path(), line_, index_++};
    ElementScan scan;
    scan.start_column = column_;
    for (;;) {
      scan.Advance(files_.in().data(), files_.in().size());
      // The limit is checked also when the whole element is already in
      // memory: it must not depend on where the read buffer happens to end.
      if (scan.pos > options_.max_record_bytes) {
        if (!scan.done && scan.CutAtCandidate() && scan.pos <= options_.max_record_bytes) break;
        return SkipTooLong(scan, origin, b);
      }
      if (scan.done) break;
      if (files_.in().eof()) {
        scan.CutAtCandidate();  // a broken element: the next one may start on a later line
        break;
      }
      files_.in().Refill();
    }
    const size_t length = scan.done ? scan.pos : files_.in().size();
    converter_.Convert(std::string_view(files_.in().data(), length), files_.in().capacity_from_data(), origin, b, &ids_);
    files_.in().Consume(length);
    line_ += scan.newlines;
    column_ = scan.end_column;
  }

  // An array with no closing ']' at the end of its file: a cut file loses the records after the cut
  // without a trace when the cut falls between two of them, so the end is a record with R_SYNTAX.
  void AddUnclosedArray(BatchBuilder& b) {
    const RecordOrigin origin{files_.in().path(), line_, index_++};
    b.BeginHousehold(origin);
    b.AddIssue(SyntaxIssue(
        "The file ends at line " + std::to_string(line_) + " inside the JSON array opened at line " +
            std::to_string(array_line_) +
            " (no closing ']'): the file may have been cut short, and records after the last one read would "
            "be missing. Compare it with its source, or export it again.",
        "Tệp kết thúc ở dòng " + std::to_string(line_) + " khi mảng JSON mở ở dòng " + std::to_string(array_line_) +
            " chưa đóng (thiếu ']'): tệp có thể đã bị cắt, các hồ sơ sau hồ sơ cuối cùng đọc được có thể bị "
            "thiếu. Hãy đối chiếu với nguồn, hoặc xuất lại tệp."));
    b.SetText(Entity::kHousehold, 0, "line " + std::to_string(line_));
    ids_.Check(b, origin);
    b.EndHousehold();
  }

  void SkipTooLong(ElementScan& scan, const RecordOrigin& origin, BatchBuilder& b) {
    std::string prefix(files_.in().data(), files_.in().size() < 4096 ? files_.in().size() : 4096);
    uint64_t total = 0;
    scan.broken = true;  // ends at the first line that looks like the next element
    // Keep scanning, dropping what was scanned (positions restart at 0).
    for (;;) {
      total += scan.pos;
      files_.in().Consume(scan.pos);
      scan.Restart();
      if (scan.done || !files_.in().Refill()) break;
      scan.Advance(files_.in().data(), files_.in().size());
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

  FileCursor files_;
  ReadOptions options_;
  JsonRecordConverter converter_;
  HouseholdIds ids_;
  uint64_t line_ = 1;
  uint64_t array_line_ = 0;  // where the top-level array opened
  size_t column_ = 0;  // 0-based column of the next byte
  uint64_t index_ = 0;
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
