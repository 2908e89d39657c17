// Plain-text tables and CSV helpers for the report renderers.
#include "report/tables.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "ansinh/error.hpp"
#include "common/swar.hpp"
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

namespace {

// Whether `s` holds a comma, a quote, CR or LF (eight bytes at a time: `find_first_of` of a set
// calls memchr on the set once per byte of the text).
bool NeedsQuotes(std::string_view s) noexcept {
  using internal::AnyEqual;
  size_t at = 0;
  for (; at + 8 <= s.size(); at += 8) {
    const uint64_t w = internal::Load8(s.data() + at);
    if ((AnyEqual(w, ',') | AnyEqual(w, '"') | AnyEqual(w, '\r') | AnyEqual(w, '\n')) != 0) return true;
  }
  for (; at < s.size(); ++at) {
    if (s[at] == ',' || s[at] == '"' || s[at] == '\r' || s[at] == '\n') return true;
  }
  return false;
}

}  // namespace

void AppendCsvField(std::string& out, std::string_view raw, bool guard) {
  std::string escaped;  // only when a control character or invalid UTF-8 is escaped
  std::string_view value = raw;
  bool apostrophe = false;
  if (guard) {
    if (!internal::HasNoControls(raw)) {
      escaped = internal::EscapeControls(raw);
      value = escaped;
    }
    apostrophe = internal::LooksLikeFormula(value);
  }
  if (!NeedsQuotes(value)) {
    if (apostrophe) out += '\'';
    out.append(value.data(), value.size());
    return;
  }
  out += '"';
  if (apostrophe) out += '\'';
  for (size_t start = 0;;) {
    const size_t quote = value.find('"', start);
    if (quote == std::string_view::npos) {
      out.append(value.data() + start, value.size() - start);
      break;
    }
    out.append(value.data() + start, quote + 1 - start);
    out += '"';
    start = quote + 1;
  }
  out += '"';
}

std::string CsvField(std::string_view raw, bool guard) {
  std::string out;
  AppendCsvField(out, raw, guard);
  return out;
}

}  // namespace ansinh::report

ANSINH_BEGIN_NAMESPACE
std::string CsvCell(std::string_view value, bool guard) { return report::CsvField(value, guard); }
void AppendCsvCell(std::string* out, std::string_view value, bool guard) { report::AppendCsvField(*out, value, guard); }
ANSINH_END_NAMESPACE

namespace ansinh::report {

void CsvLine(std::string& out, const std::vector<std::string>& fields, bool guard) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    AppendCsvField(out, fields[i], guard);
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
