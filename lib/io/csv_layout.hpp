// Internal: the CSV pair's headers mapped to the schema, and the passes over
// the files that decide how persons are joined to households (csv_source.cpp).
#ifndef ANSINH_LIB_IO_CSV_LAYOUT_HPP_
#define ANSINH_LIB_IO_CSV_LAYOUT_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include "ansinh/reader.hpp"
#include "io/id_table.hpp"
#include "model/compiled_schema.hpp"

namespace ansinh::internal {

// One file of the pair with its header mapped to schema fields.
struct CsvLayout {
  static constexpr int kIgnored = -1;
  static constexpr int kJoin = -2;

  std::string path;
  std::vector<std::string> names;  // the header, trimmed
  std::vector<int> field;          // per column: schema field index, kIgnored or kJoin
  int id_column = -1;              // the column holding field 0 ("id")
  int join_column = -1;            // persons.csv: the household id column
  std::vector<std::string> unknown;  // columns that are no schema field (warned about once)
};

// Reads both headers and tells the files apart: persons.csv is the one with
// the join column (options.household_id_column or "household"). Throws
// InputError if a file cannot be read, is empty, or lacks the id/join column.
void MapCsvHeaders(const CompiledSchema& schema, const std::vector<std::string>& paths,
                   const ReadOptions& options, CsvLayout* households, CsvLayout* persons);

// Household id -> its first row (0-based ordinal among data rows) and line.
struct HouseholdEntry {
  uint64_t ordinal = 0;
  uint64_t line = 0;
};
using HouseholdTable = IdTable<HouseholdEntry>;

// The fallback join: where each person row is, by household. Known households
// are keyed by ordinal; households missing from households.csv get keys
// household_rows + k, k in order of first appearance.
struct PersonRow {
  uint64_t key = 0;
  uint64_t offset = 0;
  uint64_t line = 0;
};
struct PersonIndex {
  std::vector<PersonRow> rows;           // sorted by key, file order within a key
  std::vector<std::string> missing_ids;  // by k
  std::vector<uint64_t> missing_lines;   // line of each missing household's first person
};

// What the passes before reading found out.
struct CsvJoinPlan {
  HouseholdTable table;          // households.csv ids (empty ids left out)
  uint64_t household_rows = 0;
  std::vector<bool> duplicate;   // by households.csv row: its id was used by an earlier row
  // Each household's persons form one run and the runs follow households.csv
  // order: the join streams. Then run_missing says, per run of persons.csv
  // (consecutive rows with one household id), whether that household is missing.
  bool streaming = false;
  std::vector<bool> run_missing;
  PersonIndex index;             // when not streaming
};

// Pass over households.csv (ids), then over persons.csv (order; the index if needed).
CsvJoinPlan PlanCsvJoin(const CsvLayout& households, const CsvLayout& persons, size_t max_row_bytes);

// The join column's value in `fields`, or "" if the row is short.
inline std::string_view Cell(const std::vector<std::string_view>& fields, int column) {
  return column >= 0 && static_cast<size_t>(column) < fields.size() ? fields[column] : std::string_view();
}

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_IO_CSV_LAYOUT_HPP_
