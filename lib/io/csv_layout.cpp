#include "io/csv_layout.hpp"

#include <algorithm>
#include <unordered_set>

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
  if (!scanner.Next(&row) || row.too_long) throw InputError(path + " has no header row");
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
    throw InputError(households->path + " has no 'id' column (the household id)");
  }
  persons->join_column = FindJoin(persons->names, options);
  if (persons->join_column < 0) {
    throw InputError(persons->path + " has no '" + options.household_id_column +
                     "' column naming each person's household");
  }
  persons->id_column = Find(persons->names, "id");
  MapColumns(schema, Entity::kHousehold, households);
  MapColumns(schema, Entity::kPerson, persons);
}

HouseholdTable ScanHouseholdIds(const CsvLayout& households, size_t max_row_bytes, uint64_t* rows) {
  BlockReader in(households.path, kScanBlock);
  CsvScanner scanner(&in, max_row_bytes);
  CsvRow row;
  scanner.Next(&row);  // header
  HouseholdTable table;
  uint64_t ordinal = 0;
  while (scanner.Next(&row)) {
    const std::string_view id = Cell(row.fields, households.id_column);
    if (!id.empty()) table.try_emplace(std::string(id), HouseholdEntry{ordinal, row.line});
    ++ordinal;
  }
  *rows = ordinal;
  return table;
}

bool PersonsGrouped(const CsvLayout& persons, const HouseholdTable& table, size_t max_row_bytes) {
  BlockReader in(persons.path, kScanBlock);
  CsvScanner scanner(&in, max_row_bytes);
  CsvRow row;
  scanner.Next(&row);  // header
  std::string run;
  bool first = true;
  uint64_t last_ordinal = 0;
  bool any_known = false;
  std::unordered_set<std::string> missing_seen;
  while (scanner.Next(&row)) {
    const std::string_view hid = Cell(row.fields, persons.join_column);
    if (!first && hid == run) continue;
    first = false;
    run.assign(hid);
    const auto it = table.find(run);
    if (it == table.end()) {
      if (!missing_seen.insert(run).second) return false;  // a missing household in two runs
      continue;
    }
    if (any_known && it->second.ordinal <= last_ordinal) return false;  // out of order or split
    any_known = true;
    last_ordinal = it->second.ordinal;
  }
  return true;
}

PersonIndex BuildPersonIndex(const CsvLayout& persons, const HouseholdTable& table, uint64_t household_rows,
                             size_t max_row_bytes) {
  BlockReader in(persons.path, kScanBlock);
  CsvScanner scanner(&in, max_row_bytes);
  CsvRow row;
  scanner.Next(&row);  // header
  PersonIndex index;
  std::unordered_map<std::string, uint64_t> missing;
  std::string hid;
  while (scanner.Next(&row)) {
    hid.assign(Cell(row.fields, persons.join_column));
    uint64_t key;
    const auto it = table.find(hid);
    if (it != table.end()) {
      key = it->second.ordinal;
    } else {
      const auto [m, inserted] = missing.try_emplace(hid, index.missing_ids.size());
      if (inserted) {
        index.missing_ids.push_back(hid);
        index.missing_lines.push_back(row.line);
      }
      key = household_rows + m->second;
    }
    index.rows.push_back(PersonRow{key, row.offset, row.line});
  }
  std::stable_sort(index.rows.begin(), index.rows.end(),
                   [](const PersonRow& a, const PersonRow& b) { return a.key < b.key; });
  return index;
}

}  // namespace ansinh::internal
