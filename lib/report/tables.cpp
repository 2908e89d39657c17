// Plain-text tables and CSV helpers for the report renderers.
#include "report/tables.hpp"

#include <algorithm>

#include "ansinh/error.hpp"
#include "common/text_safety.hpp"

namespace ansinh::report {

size_t DisplayWidth(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

TextTable::TextTable(std::vector<std::string> header, std::vector<bool> numeric)
    : header_(std::move(header)), numeric_(std::move(numeric)) {
  numeric_.resize(header_.size(), false);
}

void TextTable::Add(std::vector<std::string> row) {
  row.resize(header_.size());
  rows_.push_back(std::move(row));
}

void TextTable::Render(std::string& out, std::string_view indent) const {
  std::vector<size_t> width(header_.size(), 0);
  for (size_t c = 0; c < header_.size(); ++c) width[c] = DisplayWidth(header_[c]);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], DisplayWidth(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text(indent);
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(width[c] - DisplayWidth(cells[c]), ' ');
      const bool last = c + 1 == cells.size();
      text += numeric_[c] ? pad + cells[c] : cells[c] + (last ? "" : pad);
      if (!last) text += "  ";
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  };
  line(header_);
  std::vector<std::string> rule;
  for (size_t c = 0; c < header_.size(); ++c) {
    std::string dashes;
    for (size_t i = 0; i < width[c]; ++i) dashes += "\xE2\x94\x80";  // ─
    rule.push_back(dashes);
  }
  line(rule);
  for (const auto& row : rows_) line(row);
}

std::string CsvField(std::string_view raw, bool guard) {
  const std::string guarded = guard ? internal::NeutralizeFormula(internal::EscapeControls(raw)) : std::string();
  const std::string_view value = guard ? std::string_view(guarded) : raw;
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace ansinh::report

ANSINH_BEGIN_NAMESPACE
std::string CsvCell(std::string_view value, bool guard) { return report::CsvField(value, guard); }
ANSINH_END_NAMESPACE

namespace ansinh::report {

void CsvLine(std::string& out, const std::vector<std::string>& fields, bool guard) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvField(fields[i], guard);
  }
  out += '\n';
}

bool CsvTables::Begin(std::string_view name, const std::vector<std::string>& header) {
  if (!only_.empty() && only_ != name) return false;
  if (only_.empty()) {
    if (!first_) out_ += '\n';
    out_ += "# " + std::string(name) + "\n";
  }
  first_ = false;
  CsvLine(out_, header, guard_);
  return true;
}

void CheckTable(const std::string& table, const std::vector<std::string>& names) {
  if (table.empty() || std::find(names.begin(), names.end(), table) != names.end()) return;
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  throw UsageError("unknown table '" + table + "': one of " + list,
                   "không có bảng '" + table + "'; các bảng: " + list);
}

}  // namespace ansinh::report
