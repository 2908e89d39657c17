#include "ansinh/diagnostic.hpp"

#include <algorithm>
#include <string>

#include "ansinh/error.hpp"
#include "common/json_writer.hpp"

ANSINH_BEGIN_NAMESPACE

std::string_view CodeName(DiagnosticCode code) noexcept {
  for (const CodeInfo& info : DiagnosticCatalogue()) {
    if (info.code == code) return info.name;
  }
  return "E_UNKNOWN";
}

const CodeInfo& Describe(DiagnosticCode code) {
  for (const CodeInfo& info : DiagnosticCatalogue()) {
    if (info.code == code) return info;
  }
  return DiagnosticCatalogue().front();  // unreachable: the catalogue test walks every code
}

std::string_view SeverityName(Severity s, Language lang) noexcept {
  const bool vi = lang == Language::kVi;
  switch (s) {
    case Severity::kError: return vi ? "lỗi" : "error";
    case Severity::kWarning: return vi ? "cảnh báo" : "warning";
    case Severity::kNote: return vi ? "ghi chú" : "note";
  }
  return vi ? "lỗi" : "error";
}

std::string MessageIn(const Diagnostic& d, Language lang) {
  if (lang == Language::kEn) return d.message;
  if (!d.message_vi.empty()) return d.message_vi;
  std::string out;
  for (char c : Describe(d.code).meaning_vi) {
    if (c != '`') out += c;
  }
  if (!d.message.empty()) out += " (" + d.message + ")";
  return out;
}

namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The caret line under `line` for byte offset `col` and `length` bytes: one pad per
// UTF-8 character before the column (a tab stays a tab so the caret lines up under
// the same characters), '^', then one '~' per further character of the range,
// clipped at the end of the line.
void AppendCaret(std::string& out, const std::string& line, size_t col, uint32_t length) {
  if (col > line.size()) col = line.size();
  for (size_t i = 0; i < col; ++i) {
    if (!IsContinuation(line[i])) out += line[i] == '\t' ? '\t' : ' ';
  }
  out += '^';
  const size_t end = std::min<size_t>(line.size(), col + (length > 1 ? length : 1));
  size_t characters = 0;
  for (size_t i = col; i < end; ++i) {
    if (!IsContinuation(line[i])) ++characters;
  }
  if (characters > 1) out.append(characters - 1, '~');
}

}  // namespace

std::string Format(const Diagnostic& d, Language lang) {
  std::string out;
  if (!d.location.file.empty()) {
    out += d.location.file;
    if (d.location.known()) {
      out += ':' + std::to_string(d.location.line) + ':' + std::to_string(d.location.column);
    }
    out += ": ";
  }
  out += SeverityName(d.severity, lang);
  out += ": ";
  out += MessageIn(d, lang);
  out += " [";
  out += CodeName(d.code);
  out += ']';
  if (d.location.known() && !d.source_line.empty()) {
    out += "\n    ";
    out += d.source_line;
    if (d.location.column != 0) {  // column 0 = unknown: show the line, no caret
      out += "\n    ";
      AppendCaret(out, d.source_line, d.location.column - 1, d.length);
    }
  }
  return out;
}

std::string Format(const std::vector<Diagnostic>& diagnostics, Language lang) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += Format(d, lang);
    out += '\n';
  }
  return out;
}

std::string FormatJson(const std::vector<Diagnostic>& diagnostics) {
  internal::JsonWriter w;
  w.BeginArray();
  for (const Diagnostic& d : diagnostics) {
    w.BeginObject();
    w.Key("file").String(d.location.file);
    w.Key("line").Int(d.location.line);
    w.Key("column").Int(d.location.column);
    w.Key("severity").String(SeverityName(d.severity));
    w.Key("code").String(std::string(CodeName(d.code)));
    w.Key("message").String(d.message);
    w.Key("message_vi").String(MessageIn(d, Language::kVi));
    w.Key("item").String(d.item);
    w.EndObject();
  }
  w.EndArray();
  return w.Take();
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) noexcept {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::kError) return true;
  }
  return false;
}

RuleError::RuleError(std::vector<Diagnostic> diagnostics)
    : Error(Format(diagnostics, Language::kEn), Format(diagnostics, Language::kVi)),
      diagnostics_(std::move(diagnostics)) {}

std::string ToString(const SourceLocation& location) {
  if (!location.known()) return location.file;
  return location.file + ':' + std::to_string(location.line) + ':' + std::to_string(location.column);
}

ANSINH_END_NAMESPACE
