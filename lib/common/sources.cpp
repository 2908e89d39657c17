#include "common/sources.hpp"

#include <algorithm>
#include <tuple>

#include "common/text_safety.hpp"

namespace ansinh::internal {

uint32_t Sources::Add(std::string path, std::string text) {
  SourceFile f;
  f.path = std::move(path);
  f.text = std::move(text);
  f.line_starts.push_back(0);
  for (uint32_t i = 0; i < f.text.size(); ++i) {
    if (f.text[i] == '\n') f.line_starts.push_back(i + 1);
  }
  files_.push_back(std::move(f));
  return static_cast<uint32_t>(files_.size() - 1);
}

std::string_view Sources::Line(uint32_t file, uint32_t line) const {
  if (file >= files_.size()) return {};
  const SourceFile& f = files_[file];
  if (line == 0 || line > f.line_starts.size()) return {};
  const uint32_t begin = f.line_starts[line - 1];
  uint32_t end = line < f.line_starts.size() ? f.line_starts[line] : static_cast<uint32_t>(f.text.size());
  while (end > begin && (f.text[end - 1] == '\n' || f.text[end - 1] == '\r')) --end;
  return std::string_view(f.text).substr(begin, end - begin);
}

Loc Sources::LocOf(uint32_t file, uint32_t offset) const {
  Loc loc;
  if (file >= files_.size()) return loc;
  const SourceFile& f = files_[file];
  auto it = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), offset);
  const uint32_t line = static_cast<uint32_t>(it - f.line_starts.begin());
  loc.file = file;
  loc.line = line;
  loc.column = offset - f.line_starts[line - 1] + 1;
  return loc;
}

SourceLocation Sources::Public(const Loc& loc) const {
  SourceLocation out;
  if (loc.file < files_.size()) out.file = files_[loc.file].path;
  out.line = loc.line;
  out.column = loc.column;
  return out;
}

namespace {
// The source line as printed under a diagnostic: each byte of a control
// character or of invalid UTF-8 becomes '?' (the same length, so the caret
// still lines up), so that a rule file cannot send bytes to the terminal.
std::string PrintableLine(std::string_view line) {
  std::string out(line);
  for (size_t i = 0; i < out.size();) {
    const size_t len = Utf8Length(out, i);
    if (len == 0 || IsControl(out, i, len) || out[i] == '\r') {
      const size_t n = len == 0 ? 1 : len;
      for (size_t k = 0; k < n; ++k) out[i + k] = '?';
      i += n;
    } else {
      i += len;
    }
  }
  return out;
}
}  // namespace

void DiagnosticSink::Report(DiagnosticCode code, Severity severity, const Loc& loc,
                            Message message, uint32_t length, std::string item) {
  Diagnostic d;
  d.code = code;
  d.severity = severity;
  d.message = std::move(message.en);
  d.message_vi = std::move(message.vi);
  d.length = length == 0 ? 1 : length;
  d.item = std::move(item);
  if (sources_ != nullptr) {
    d.location = sources_->Public(loc);
    if (loc.known()) d.source_line = PrintableLine(sources_->Line(loc.file, loc.line));
  }
  if (severity == Severity::kError) ++errors_;
  diagnostics_.push_back(std::move(d));
}

void DiagnosticSink::Sort() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column) <
           std::tie(b.location.file, b.location.line, b.location.column);
  });
  auto same = [](const Diagnostic& a, const Diagnostic& b) {
    return a.code == b.code && a.location.file == b.location.file && a.location.line == b.location.line &&
           a.location.column == b.location.column && a.message == b.message;
  };
  diagnostics_.erase(std::unique(diagnostics_.begin(), diagnostics_.end(), same), diagnostics_.end());
}

namespace {
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      // transposition (Damerau, adjacent) is approximated by two edits; fine for suggestions
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::string Suggest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = SIZE_MAX;
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  for (const std::string& c : candidates) {
    if (c == word) continue;
    const size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  // Also accept a candidate that contains the word or is contained in it (prefix typos).
  if (best_distance <= limit) return best;
  for (const std::string& c : candidates) {
    if (c == word) continue;  // never suggest the word itself
    if (word.size() >= 4 && (c.find(word) != std::string::npos || word.find(c) != std::string_view::npos) &&
        c.size() >= 4) {
      return c;
    }
  }
  return {};
}

std::string WithSuggestion(std::string message, std::string_view word,
                           const std::vector<std::string>& candidates) {
  const std::string s = Suggest(word, candidates);
  if (!s.empty()) {
    message += " Did you mean '";
    message += s;
    message += "'?";
  }
  return message;
}

Message WithSuggestion(Message message, std::string_view word, const std::vector<std::string>& candidates) {
  const std::string s = Suggest(word, candidates);
  if (!s.empty()) {
    message.en += " Did you mean '" + s + "'?";
    if (!message.vi.empty()) message.vi += " Ý bạn là '" + s + "'?";
  }
  return message;
}

}  // namespace ansinh::internal
