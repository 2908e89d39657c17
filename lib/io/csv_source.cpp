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
#include <memory>

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

  bool ReadOne(BatchBuilder& b) override {
    if (streaming_ && has_person_ && run_missing_) return EmitMissingRun(b);
    if (hh_scan_->Next(&hh_row_)) {
      EmitHousehold(b);
      return true;
    }
    if (streaming_) return has_person_ && EmitMissingRun(b);
    if (next_missing_ < plan_.index.missing_ids.size()) {
      EmitIndexedMissing(b);
      return true;
    }
    return false;
  }

  uint64_t bytes_read() const noexcept override { return hh_in_->offset() + (streaming_ ? pp_in_->offset() : person_bytes_); }

 private:
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

  void EmitHousehold(BatchBuilder& b);
  bool EmitMissingRun(BatchBuilder& b);
  void EmitIndexedMissing(BatchBuilder& b);
  void AddIndexedPersons(uint64_t key, BatchBuilder& b);
  void AddPerson(const CsvRow& row, BatchBuilder& b);
  void SetRow(Entity entity, const CsvLayout& layout, const CsvRow& row, BatchBuilder& b);
  void WarnUnknownColumns(const CsvLayout& layout, Entity entity, bool* done, BatchBuilder& b);

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
};

void CsvSource::SetRow(Entity entity, const CsvLayout& layout, const CsvRow& row, BatchBuilder& b) {
  // The id first, so that issue paths of a member name it (a row over the
  // limit keeps its id when it is in its first 4 KiB).
  if (layout.id_column >= 0 && static_cast<size_t>(layout.id_column) < row.fields.size()) {
    b.SetText(entity, 0, row.fields[layout.id_column]);
  }
  if (row.too_long) {
    b.AddIssue(RecordTooLongIssue(row.bytes, options_.max_record_bytes));
    return;
  }
  const size_t n = std::min(row.fields.size(), layout.field.size());
  for (size_t c = 0; c < n; ++c) {
    if (layout.field[c] > 0 || (layout.field[c] == 0 && static_cast<int>(c) != layout.id_column)) {
      b.SetText(entity, layout.field[c], row.fields[c]);
    }
  }
  if (row.unterminated_quote) b.AddIssue(CsvUnterminatedQuoteIssue(layout.path, row.line));
  if (row.fields.size() != layout.names.size()) {
    b.AddIssue(CsvFieldCountIssue(layout.path, row.line, row.fields.size(), layout.names.size()));
  }
}

void CsvSource::WarnUnknownColumns(const CsvLayout& layout, Entity entity, bool* done, BatchBuilder& b) {
  if (*done) return;
  *done = true;
  for (const std::string& name : layout.unknown) {
    b.AddIssue(UnknownColumnIssue(layout.path, name, entity, schema_.fields(entity)));
  }
}

void CsvSource::AddPerson(const CsvRow& row, BatchBuilder& b) {
  b.BeginPerson();
  SetRow(kCsvP, persons_, row, b);
  b.EndPerson();
  WarnUnknownColumns(persons_, kCsvP, &persons_warned_, b);
}

void CsvSource::EmitHousehold(BatchBuilder& b) {
  const uint64_t ordinal = ordinal_++;
  const RecordOrigin origin{households_.path, hh_row_.line, index_out_++};
  b.BeginHousehold(origin);
  SetRow(kCsvH, households_, hh_row_, b);
  WarnUnknownColumns(households_, kCsvH, &households_warned_, b);
  id_.assign(Cell(hh_row_.fields, households_.id_column));
  const bool duplicate = ordinal < plan_.duplicate.size() && plan_.duplicate[ordinal];
  if (duplicate) {
    const HouseholdEntry* first = plan_.table.Find(id_);
    b.AddIssue(DuplicateHouseholdIdIssue(id_, RecordOrigin{households_.path, first ? first->line : 0, 0}));
  } else if (!id_.empty()) {
    if (streaming_) {
      while (has_person_ && !run_missing_ && SameText(run_hid_, id_)) {
        AddPerson(pp_row_, b);
        AdvancePerson();
      }
    } else {
      AddIndexedPersons(ordinal, b);
    }
  }
  b.EndHousehold();
}

bool CsvSource::EmitMissingRun(BatchBuilder& b) {
  const std::string hid = run_hid_;
  b.BeginHousehold(RecordOrigin{persons_.path, pp_row_.line, index_out_++});
  if (!hid.empty()) b.SetText(kCsvH, 0, hid);
  b.AddIssue(HouseholdMissingIssue(hid, persons_.path, households_.path));
  while (has_person_ && SameText(run_hid_, hid)) {
    AddPerson(pp_row_, b);
    AdvancePerson();
  }
  b.EndHousehold();
  return true;
}

void CsvSource::AddIndexedPersons(uint64_t key, BatchBuilder& b) {
  const auto& rows = plan_.index.rows;
  while (index_pos_ < rows.size() && rows[index_pos_].key < key) ++index_pos_;
  for (; index_pos_ < rows.size() && rows[index_pos_].key == key; ++index_pos_) {
    pp_in_->Seek(rows[index_pos_].offset);
    pp_scan_->Restart(rows[index_pos_].line);
    if (!pp_scan_->Next(&pp_row_)) break;  // the file changed under us
    person_bytes_ += pp_row_.bytes;
    AddPerson(pp_row_, b);
  }
}

void CsvSource::EmitIndexedMissing(BatchBuilder& b) {
  const size_t k = next_missing_++;
  const std::string& hid = plan_.index.missing_ids[k];
  b.BeginHousehold(RecordOrigin{persons_.path, plan_.index.missing_lines[k], index_out_++});
  if (!hid.empty()) b.SetText(kCsvH, 0, hid);
  b.AddIssue(HouseholdMissingIssue(hid, persons_.path, households_.path));
  AddIndexedPersons(plan_.household_rows + k, b);
  b.EndHousehold();
}

}  // namespace

std::unique_ptr<RecordSource> MakeCsvSource(const CompiledSchema& schema, std::vector<std::string> paths,
                                            const ReadOptions& options) {
  return std::make_unique<CsvSource>(schema, paths, options);
}

}  // namespace ansinh::internal
