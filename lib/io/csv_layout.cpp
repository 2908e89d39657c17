#include "io/csv_layout.hpp"

#include <algorithm>

#include "ansinh/error.hpp"
#include "io/block_reader.hpp"
#include "io/csv_scanner.hpp"
#include "records/value_text.hpp"

namespace ansinh::internal {
namespace {

constexpr size_t kScanBlock = size_t{1} << 20;

std::vector<std::string> ReadHeader(const std::string& path, size_t max_row_bytes) {
  BlockReader in(path, 1 << 16);
  CsvScanner scanner(&in, max_row_bytes);
  CsvRow row;
  if (!scanner.Next(&row) || row.too_long) throw InputError(path + " has no header row", path + " không có dòng tiêu đề");
  std::vector<std::string> names;
  for (std::string_view f : row.fields) names.emplace_back(TrimSpaces(f));
  return names;
}

int Find(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

int FindJoin(const std::vector<std::string>& names, const ReadOptions& options) {
  const int column = Find(names, options.household_id_column);
  return column >= 0 ? column : Find(names, "household");
}

void MapColumns(const CompiledSchema& schema, Entity entity, CsvLayout* layout) {
  layout->field.assign(layout->names.size(), CsvLayout::kIgnored);
  for (size_t c = 0; c < layout->names.size(); ++c) {
    if (static_cast<int>(c) == layout->join_column) {
      layout->field[c] = CsvLayout::kJoin;
    } else if (static_cast<int>(c) == layout->id_column) {
      layout->field[c] = 0;
    } else {
      const int f = schema.IndexOf(entity, layout->names[c]);
      // A second "id" column maps to the id too: the builder reports R_DUPLICATE_FIELD.
      layout->field[c] = f >= 0 ? f : CsvLayout::kIgnored;
      if (f < 0) layout->unknown.push_back(layout->names[c]);
    }
  }
}

}  // namespace

void MapCsvHeaders(const CompiledSchema& schema, const std::vector<std::string>& paths,
                   const ReadOptions& options, CsvLayout* households, CsvLayout* persons) {
  std::vector<std::string> first = ReadHeader(paths[0], options.max_record_bytes);
  std::vector<std::string> second = ReadHeader(paths[1], options.max_record_bytes);
  size_t hh = 0;
  if (FindJoin(first, options) >= 0 && FindJoin(second, options) < 0) hh = 1;
  households->path = paths[hh];
  households->names = hh == 0 ? std::move(first) : std::move(second);
  persons->path = paths[1 - hh];
  persons->names = hh == 0 ? std::move(second) : std::move(first);

  households->id_column = Find(households->names, "id");
  if (households->id_column < 0) households->id_column = FindJoin(households->names, options);
  if (households->id_column < 0) {
    throw InputError(households->path + " has no 'id' column (the household id)",
                     households->path + " không có cột 'id' (mã hộ)");
  }
  persons->join_column = FindJoin(persons->names, options);
  if (persons->join_column < 0) {
    throw InputError(persons->path + " has no '" + options.household_id_column +
                         "' column naming each person's household",
                     persons->path + " không có cột '" + options.household_id_column + "' ghi hộ của từng người");
  }
  persons->id_column = Find(persons->names, "id");
  MapColumns(schema, Entity::kHousehold, households);
  MapColumns(schema, Entity::kPerson, persons);
}

namespace {

void ScanHouseholds(const CsvLayout& households, size_t max_row_bytes, CsvJoinPlan* plan) {
  BlockReader in(households.path, kScanBlock);
  CsvScanner scanner(&in, max_row_bytes);
  CsvRow row;
  scanner.Next(&row);  // header
  plan->table.Reserve(static_cast<size_t>(in.file_size() / 64));  // a guess at the number of rows
  uint64_t ordinal = 0;
  std::string_view id;
  uint64_t line = 0;
  while (scanner.NextCell(static_cast<size_t>(households.id_column), &id, &line)) {
    const bool added = id.empty() || plan->table.Insert(id, HouseholdEntry{ordinal, line}).second;
    plan->duplicate.push_back(!added);
    ++ordinal;
  }
  plan->household_rows = ordinal;
}

// Streaming is possible when the runs of known households follow
// households.csv order and no missing household has two runs. In the usual
// case each run is the next household: one comparison, no hash lookup.
bool ScanPersonRuns(const CsvLayout& persons, size_t max_row_bytes, CsvJoinPlan* plan) {
  BlockReader in(persons.path, kScanBlock);
  CsvScanner scanner(&in, max_row_bytes);
  CsvRow row;
  scanner.Next(&row);  // header
  std::string run;
  bool first = true;
  size_t next = 0;  // the next household (index in table order) a run may belong to
  IdTable<bool> missing_seen;
  const HouseholdTable& table = plan->table;
  std::string_view hid;
  uint64_t line = 0;
  while (scanner.NextCell(static_cast<size_t>(persons.join_column), &hid, &line)) {
    if (!first && SameText(hid, run)) continue;
    first = false;
    run.assign(hid);
    size_t index = next < table.size() && SameText(table.KeyAt(next), hid) ? next : table.IndexOf(hid);
    plan->run_missing.push_back(index == SIZE_MAX);
    if (index == SIZE_MAX) {
      if (!missing_seen.Insert(hid, true).second) return false;
    } else {
      if (index < next) return false;  // an earlier household: out of order or split
      next = index + 1;
    }
  }
  return true;
}

PersonIndex IndexPersons(const CsvLayout& persons, const CsvJoinPlan& plan, size_t max_row_bytes) {
  BlockReader in(persons.path, kScanBlock);
  CsvScanner scanner(&in, max_row_bytes);
  CsvRow row;
  scanner.Next(&row);  // header
  PersonIndex index;
  IdTable<uint64_t> missing;
  while (scanner.Next(&row)) {
    const std::string_view hid = Cell(row.fields, persons.join_column);
    uint64_t key;
    if (const HouseholdEntry* known = plan.table.Find(hid)) {
      key = known->ordinal;
    } else {
      const auto [k, added] = missing.Insert(hid, index.missing_ids.size());
      if (added) {
        index.missing_ids.emplace_back(hid);
        index.missing_lines.push_back(row.line);
      }
      key = plan.household_rows + *k;
    }
    index.rows.push_back(PersonRow{key, row.offset, row.line});
  }
  std::stable_sort(index.rows.begin(), index.rows.end(),
                   [](const PersonRow& a, const PersonRow& b) { return a.key < b.key; });
  return index;
}

}  // namespace

CsvJoinPlan PlanCsvJoin(const CsvLayout& households, const CsvLayout& persons, size_t max_row_bytes) {
  CsvJoinPlan plan;
  ScanHouseholds(households, max_row_bytes, &plan);
  plan.streaming = ScanPersonRuns(persons, max_row_bytes, &plan);
  if (!plan.streaming) {
    plan.run_missing.clear();
    plan.index = IndexPersons(persons, plan, max_row_bytes);
  }
  return plan;
}

}  // namespace ansinh::internal
