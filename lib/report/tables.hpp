// Internal: plain-text tables (aligned by display width) and CSV fields.
#ifndef ANSINH_LIB_REPORT_TABLES_HPP_
#define ANSINH_LIB_REPORT_TABLES_HPP_

#include <string>
#include <string_view>
#include <vector>

namespace ansinh::report {

// Number of characters (UTF-8 code points) of `text`.
size_t DisplayWidth(std::string_view text);

// A table for the terminal: columns padded to their widest cell; columns
// marked numeric are right-aligned.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header, std::vector<bool> numeric = {});
  void Add(std::vector<std::string> row);
  bool empty() const noexcept { return rows_.empty(); }
  // Appends the table to `out`, each line starting with `indent`.
  void Render(std::string& out, std::string_view indent = "  ") const;

 private:
  std::vector<std::string> header_;
  std::vector<bool> numeric_;
  std::vector<std::vector<std::string>> rows_;
};

// RFC 4180: quoted when it holds a comma, quote or line break. With
// `guard`, control characters are escaped (internal::EscapeControls: a CSV
// printed on a terminal cannot send escape sequences) and a cell a
// spreadsheet would run as a formula (=, +, -, @ first) gets a leading
// apostrophe (internal::NeutralizeFormula).
std::string CsvField(std::string_view value, bool guard = true);
// The same, appended to `out` (no string per cell).
void AppendCsvField(std::string& out, std::string_view value, bool guard = true);

// Appends one CSV line (fields quoted as needed, "\n" at the end).
void CsvLine(std::string& out, const std::vector<std::string>& fields, bool guard = true);

// A CSV document of several tables: each table (when `only` is empty, or
// equals its name) after a "# name" line, separated by an empty line; when
// `only` names a table, that table alone without the "# name" line.
class CsvTables {
 public:
  explicit CsvTables(std::string only, bool guard = true) : only_(std::move(only)), guard_(guard) {}
  // Starts table `name`; returns false if it is not wanted (skip its rows).
  bool Begin(std::string_view name, const std::vector<std::string>& header);
  void Row(const std::vector<std::string>& fields) { CsvLine(out_, fields, guard_); }
  std::string Take() { return std::move(out_); }

 private:
  std::string only_;
  bool guard_ = true;
  std::string out_;
  bool first_ = true;
};

// Throws UsageError unless `table` is empty or one of `names`.
void CheckTable(const std::string& table, const std::vector<std::string>& names);

}  // namespace ansinh::report

#endif  // ANSINH_LIB_REPORT_TABLES_HPP_
