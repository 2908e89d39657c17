// CSV pair: households.csv + persons.csv, joined by the household id.
//
// Before the first record, one pass over households.csv collects the ids (for
// duplicate and missing-household detection: the only memory that grows with
// the input, ~50 bytes per household) and one pass over persons.csv checks
// that each household's persons are one run, in households.csv order (how
// registries export). Then both files are read side by side in one stream.
// Otherwise persons.csv is indexed (offset and line of each row, by
// household) and each household's rows are read from their offsets; persons
// whose household row is missing are then emitted after all households
// (when streaming, just before the household they precede).
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "io/block_reader.hpp"
#include "io/csv_layout.hpp"
#include "io/csv_scanner.hpp"
#include "io/record_source.hpp"
#include "records/issues.hpp"
#include "records/value_text.hpp"

namespace ansinh::internal {
namespace {

constexpr Entity kCsvH = Entity::kHousehold;
constexpr Entity kCsvP = Entity::kPerson;

// Records taken from the pair (the rows scanned, joined and copied) and converted later: every
// reading goes through one (ReadOne and ReadMany on the reader's thread, RecordReader::NextConcurrent
// on the callers', as its RecordRun), so the conversion is one code, in one order of builder calls.
// (Not to be confused with a "run" of persons.csv below: one household's consecutive rows.)
struct TakenRecords final : RecordRun {
  struct Row {
    size_t first_field;  // into fields
    size_t field_count;
    uint64_t line;
    uint64_t bytes;
    bool unterminated_quote;
    bool too_long;
    bool warn_unknown;  // the first row of its file to be converted: its unknown columns warned about here
    size_t text;        // where its fields are in text
  };
  struct Span {  // a field, in its row's stretch of text
    size_t offset;
    size_t length;
  };
  struct Record {
    RecordOrigin origin;
    size_t household_row;        // into rows, or npos: a household missing from households.csv
    std::string missing_id;      // then its id (from persons.csv)
    std::vector<RecordIssue> issues;  // after the household's values: duplicate id, missing household
    size_t first_person;         // into rows
    size_t person_count;
  };
  static constexpr size_t npos = SIZE_MAX;

  TakenRecords(const CompiledSchema& s, const CsvLayout& h, const CsvLayout& p, size_t max_bytes)
      : schema(s), households(h), persons(p), max_record_bytes(max_bytes) {}

  void Convert(BatchBuilder& b) override {
    for (const Record& r : records) {
      b.BeginHousehold(r.origin);
      if (r.household_row != npos) {
        SetRow(kCsvH, households, rows[r.household_row], b);
      } else if (!r.missing_id.empty()) {
        b.SetText(kCsvH, 0, r.missing_id);
      }
      for (const RecordIssue& issue : r.issues) b.AddIssue(issue);
      for (size_t i = r.first_person; i < r.first_person + r.person_count; ++i) {
        b.BeginPerson();
        SetRow(kCsvP, persons, rows[i], b);
        b.EndPerson();
        if (rows[i].warn_unknown) WarnUnknownColumns(persons, kCsvP, b);
      }
      b.EndHousehold();
    }
  }

  void Clear() {
    records.clear();
    rows.clear();
    fields.clear();
    text.clear();
  }

  // Copies `row` (its fields, and what SetRow reports) in; returns its index. The fields
  // lie in order in one stretch of the scanner's buffer (a row of at most max_record_bytes): that
  // stretch is copied whole, each field kept as its place in it.
  size_t AddRow(const CsvRow& row, bool warn_unknown) {
    const size_t base = text.size();
    rows.push_back(Row{fields.size(), row.fields.size(), row.line, row.bytes, row.unterminated_quote, row.too_long,
                       warn_unknown, base});
    if (!row.fields.empty()) {
      const char* begin = row.fields.front().data();
      const char* end = row.fields.back().data() + row.fields.back().size();
      text.append(begin, static_cast<size_t>(end - begin));
      for (std::string_view f : row.fields) {
        fields.push_back(Span{static_cast<size_t>(f.data() - begin), f.size()});
      }
    }
    return rows.size() - 1;
  }

  std::string_view Field(const Row& row, size_t c) const {
    const Span& f = fields[row.first_field + c];
    return std::string_view(text.data() + row.text + f.offset, f.length);
  }

  void SetRow(Entity entity, const CsvLayout& layout, const Row& row, BatchBuilder& b) const {
    // The id first, so that issue paths of a member name it (a row over the
    // limit keeps its id when it is in its first 4 KiB).
    if (layout.id_column >= 0 && static_cast<size_t>(layout.id_column) < row.field_count) {
      b.SetText(entity, 0, Field(row, static_cast<size_t>(layout.id_column)));
    }
    if (row.too_long) {
      b.AddIssue(RecordTooLongIssue(row.bytes, max_record_bytes));
    } else {
      const size_t n = std::min(row.field_count, layout.field.size());
      for (size_t c = 0; c < n; ++c) {
        if (layout.field[c] > 0 || (layout.field[c] == 0 && static_cast<int>(c) != layout.id_column)) {
          b.SetText(entity, layout.field[c], Field(row, c));
        }
      }
      if (row.unterminated_quote) b.AddIssue(CsvUnterminatedQuoteIssue(layout.path, row.line));
      if (row.field_count != layout.names.size()) {
        b.AddIssue(CsvFieldCountIssue(layout.path, row.line, row.field_count, layout.names.size()));
      }
    }
    if (entity == kCsvH && row.warn_unknown) WarnUnknownColumns(households, kCsvH, b);
  }

  void WarnUnknownColumns(const CsvLayout& layout, Entity entity, BatchBuilder& b) const {
    for (const std::string& name : layout.unknown) {
      b.AddIssue(UnknownColumnIssue(layout.path, name, entity, schema.fields(entity)));
    }
  }

  const CompiledSchema& schema;
  const CsvLayout& households;
  const CsvLayout& persons;
  size_t max_record_bytes;
  std::vector<Record> records;
  std::vector<Row> rows;
  std::vector<Span> fields;
  std::string text;
};

class CsvSource final : public RecordSource {
 public:
  CsvSource(const CompiledSchema& schema, const std::vector<std::string>& paths, const ReadOptions& options)
      : schema_(schema), options_(options) {
    MapCsvHeaders(schema, paths, options, &households_, &persons_);
    plan_ = PlanCsvJoin(households_, persons_, options.max_record_bytes);
    streaming_ = plan_.streaming;
    hh_in_ = std::make_unique<BlockReader>(households_.path);
    hh_scan_ = std::make_unique<CsvScanner>(hh_in_.get(), options.max_record_bytes);
    hh_scan_->Next(&hh_row_);  // header
    pp_in_ = std::make_unique<BlockReader>(persons_.path, streaming_ ? size_t{1} << 20 : size_t{1} << 14);
    pp_scan_ = std::make_unique<CsvScanner>(pp_in_.get(), options.max_record_bytes);
    pp_scan_->Next(&pp_row_);  // header
    if (streaming_) AdvancePerson();
  }

  bool ReadOne(BatchBuilder& b) override { return ReadMany(b, 1, BuildLimits{}, 1) == 1; }

  // Taken, then converted (as NextConcurrent's records are, on this thread), a few hundred
  // records at a time: the copy of their rows stays small and in cache.
  size_t ReadMany(BatchBuilder& b, size_t max, const BuildLimits& limits, unsigned threads) override {
    (void)limits;
    (void)threads;
    if (!taken_) taken_ = std::make_unique<TakenRecords>(schema_, households_, persons_, options_.max_record_bytes);
    size_t n = 0;
    while (n < max) {
      const size_t taken = Take(*taken_, std::min(max - n, kChunk));
      taken_->Convert(b);
      n += taken;
      if (taken == 0) break;
    }
    return n;
  }

  uint64_t bytes_read() const noexcept override { return hh_in_->offset() + (streaming_ ? pp_in_->offset() : person_bytes_); }

  std::unique_ptr<RecordRun> NewRun() override {
    return std::make_unique<TakenRecords>(schema_, households_, persons_, options_.max_record_bytes);
  }

  bool RunsNeedFinish() const noexcept override { return false; }

  // The next households (up to `max`) with their persons, joined and copied into `any`.
  size_t Take(RecordRun& any, size_t max) override {
    TakenRecords& taken = static_cast<TakenRecords&>(any);
    taken.Clear();
    while (taken.records.size() < max && TakeOne(taken)) {
    }
    return taken.records.size();
  }

 private:
  static constexpr size_t kChunk = 256;

  bool TakeOne(TakenRecords& taken) {
    if (streaming_ && has_person_ && run_missing_) return TakeMissingRun(taken);
    if (hh_scan_->Next(&hh_row_)) {
      TakeHousehold(taken);
      return true;
    }
    if (streaming_) return has_person_ && TakeMissingRun(taken);
    if (next_missing_ < plan_.index.missing_ids.size()) {
      TakeIndexedMissing(taken);
      return true;
    }
    return false;
  }

  void AdvancePerson() {
    has_person_ = pp_scan_->Next(&pp_row_);
    if (!has_person_) return;
    const std::string_view hid = Cell(pp_row_.fields, persons_.join_column);
    if (!run_started_ || !SameText(hid, run_hid_)) {
      run_hid_.assign(hid);
      run_started_ = true;
      // As found by the pass before (the file is read the same way again).
      const size_t run = run_index_++;
      run_missing_ = run < plan_.run_missing.size() ? plan_.run_missing[run]
                                                    : plan_.table.Find(run_hid_) == nullptr;
    }
  }

  TakenRecords::Record& NewRecord(TakenRecords& taken, RecordOrigin origin) {
    taken.records.push_back(TakenRecords::Record{std::move(origin), TakenRecords::npos, {}, {}, taken.rows.size(), 0});
    return taken.records.back();
  }

  // A person row of the record just begun (the first of persons.csv warns of its unknown columns).
  void TakePerson(TakenRecords& taken, const CsvRow& row) {
    taken.AddRow(row, !persons_warned_);
    persons_warned_ = true;
    ++taken.records.back().person_count;
  }

  void TakeHousehold(TakenRecords& taken) {
    const uint64_t ordinal = ordinal_++;
    const size_t r = taken.records.size();
    NewRecord(taken, RecordOrigin{households_.path, hh_row_.line, index_out_++});
    taken.records[r].household_row = taken.AddRow(hh_row_, !households_warned_);
    households_warned_ = true;
    taken.records[r].first_person = taken.rows.size();
    id_.assign(Cell(hh_row_.fields, households_.id_column));
    const bool duplicate = ordinal < plan_.duplicate.size() && plan_.duplicate[ordinal];
    if (duplicate) {
      const HouseholdEntry* first = plan_.table.Find(id_);
      taken.records[r].issues.push_back(
          DuplicateHouseholdIdIssue(id_, RecordOrigin{households_.path, first ? first->line : 0, 0}));
    } else if (!id_.empty()) {
      if (streaming_) {
        while (has_person_ && !run_missing_ && SameText(run_hid_, id_)) {
          TakePerson(taken, pp_row_);
          AdvancePerson();
        }
      } else {
        TakeIndexedPersons(taken, ordinal);
      }
    }
  }

  bool TakeMissingRun(TakenRecords& taken) {
    const std::string hid = run_hid_;
    TakenRecords::Record& record = NewRecord(taken, RecordOrigin{persons_.path, pp_row_.line, index_out_++});
    record.missing_id = hid;
    record.issues.push_back(HouseholdMissingIssue(hid, persons_.path, households_.path));
    while (has_person_ && SameText(run_hid_, hid)) {
      TakePerson(taken, pp_row_);
      AdvancePerson();
    }
    return true;
  }

  void TakeIndexedPersons(TakenRecords& taken, uint64_t key) {
    const auto& rows = plan_.index.rows;
    while (index_pos_ < rows.size() && rows[index_pos_].key < key) ++index_pos_;
    for (; index_pos_ < rows.size() && rows[index_pos_].key == key; ++index_pos_) {
      pp_in_->Seek(rows[index_pos_].offset);
      pp_scan_->Restart(rows[index_pos_].line);
      if (!pp_scan_->Next(&pp_row_)) break;  // the file changed under us
      person_bytes_ += pp_row_.bytes;
      TakePerson(taken, pp_row_);
    }
  }

  void TakeIndexedMissing(TakenRecords& taken) {
    const size_t k = next_missing_++;
    const std::string& hid = plan_.index.missing_ids[k];
    TakenRecords::Record& record = NewRecord(taken, RecordOrigin{persons_.path, plan_.index.missing_lines[k], index_out_++});
    record.missing_id = hid;
    record.issues.push_back(HouseholdMissingIssue(hid, persons_.path, households_.path));
    TakeIndexedPersons(taken, plan_.household_rows + k);
  }

  const CompiledSchema& schema_;
  ReadOptions options_;
  CsvLayout households_;
  CsvLayout persons_;
  CsvJoinPlan plan_;
  bool streaming_ = true;
  size_t run_index_ = 0;      // runs of persons.csv seen so far
  size_t index_pos_ = 0;      // next row of index_.rows
  size_t next_missing_ = 0;   // next of index_.missing_ids to emit
  uint64_t person_bytes_ = 0;
  std::unique_ptr<BlockReader> hh_in_;
  std::unique_ptr<CsvScanner> hh_scan_;
  std::unique_ptr<BlockReader> pp_in_;
  std::unique_ptr<CsvScanner> pp_scan_;
  CsvRow hh_row_;
  CsvRow pp_row_;             // streaming: the next person row (look-ahead)
  bool has_person_ = false;
  std::string run_hid_;       // household id of the look-ahead's run
  bool run_started_ = false;
  bool run_missing_ = false;  // that household is not in households.csv
  uint64_t ordinal_ = 0;      // next households.csv data row
  uint64_t index_out_ = 0;    // RecordOrigin::index
  bool households_warned_ = false;
  bool persons_warned_ = false;
  std::string id_;
  std::unique_ptr<TakenRecords> taken_;  // ReadOne and ReadMany's
};

}  // namespace

std::unique_ptr<RecordSource> MakeCsvSource(const CompiledSchema& schema, std::vector<std::string> paths,
                                            const ReadOptions& options) {
  return std::make_unique<CsvSource>(schema, paths, options);
}

}  // namespace ansinh::internal
