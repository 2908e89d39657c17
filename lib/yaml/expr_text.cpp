#include "yaml/expr_text.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "yaml/chars.hpp"

namespace ansinh::yaml {

namespace {

size_t BreakLen(const std::string& t, size_t r) {
  return (t[r] == '\r' && r + 1 < t.size() && t[r + 1] == '\n') ? 2 : 1;
}

// Value bytes with the file offset each comes from.
struct Builder {
  std::string value;
  std::vector<uint32_t> raw;
  size_t end = 0;  // file offset just after the last value byte
  void Add(char c, size_t at) {
    value.push_back(c);
    raw.push_back(static_cast<uint32_t>(at));
  }
};

// Skips node properties (&anchor, !tag) and the blanks after them.
size_t SkipProperties(const std::string& t, size_t r) {
  while (r < t.size() && (t[r] == '&' || t[r] == '!')) {
    while (r < t.size() && !IsBlank(t[r]) && !IsBreak(t[r])) ++r;
    while (r < t.size() && IsBlank(t[r])) ++r;
  }
  return r;
}

// Folds the line break at `r` and the blank lines after it, as YAML does in
// plain and quoted scalars: a single break becomes a space (nothing after an
// escaping backslash), each blank line a newline. Returns the offset of the
// next line's first non-blank byte.
size_t Fold(const std::string& t, size_t r, Builder& out, bool escaped) {
  const size_t brk = r;
  r += BreakLen(t, r);
  size_t blank_lines = 0;
  for (;;) {
    while (r < t.size() && IsBlank(t[r])) ++r;
    if (r < t.size() && IsBreak(t[r])) {
      ++blank_lines;
      r += BreakLen(t, r);
      continue;
    }
    break;
  }
  if (blank_lines == 0 && !escaped) out.Add(' ', brk);
  for (size_t i = 0; i < blank_lines; ++i) out.Add('\n', brk);
  return r;
}

// Handles blanks at `r`: dropped and folded when only blanks follow up to a
// line break, copied otherwise. Returns the next offset, or npos at the end of input.
size_t Blanks(const std::string& t, size_t r, Builder& out) {
  size_t j = r;
  while (j < t.size() && IsBlank(t[j])) ++j;
  if (j >= t.size()) return std::string::npos;
  if (IsBreak(t[j])) return Fold(t, j, out, false);
  for (; r < j; ++r) out.Add(t[r], r);
  return j;
}

bool ScanPlain(const std::string& t, size_t r, const std::string& expected, Builder& out) {
  while (out.value.size() < expected.size()) {
    if (r >= t.size()) return false;
    const char c = t[r];
    if (IsBlank(c)) {
      r = Blanks(t, r, out);
      if (r == std::string::npos) return false;
    } else if (IsBreak(c)) {
      r = Fold(t, r, out, false);
    } else {
      out.Add(c, r++);
    }
  }
  out.end = r;
  return true;
}

bool ScanSingle(const std::string& t, size_t r, Builder& out) {
  for (++r;;) {
    if (r >= t.size()) return false;
    const char c = t[r];
    if (c == '\'') {
      if (r + 1 < t.size() && t[r + 1] == '\'') {
        out.Add('\'', r);
        r += 2;
        continue;
      }
      out.end = r;
      return true;
    }
    if (IsBlank(c)) {
      r = Blanks(t, r, out);
      if (r == std::string::npos) return false;
    } else if (IsBreak(c)) {
      r = Fold(t, r, out, false);
    } else {
      out.Add(c, r++);
    }
  }
}

void AppendUtf8(uint32_t cp, std::string& s) {
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the escape at `r` (the backslash) into `bytes`; returns its length, 0 if invalid.
size_t Escape(const std::string& t, size_t r, std::string& bytes) {
  static constexpr std::string_view kFrom = "0abt\tnvfre \"/\\";
  static constexpr std::string_view kTo = std::string_view("\0\a\b\t\t\n\v\f\r\x1b \"/\\", 14);
  const char e = t[r + 1];
  const size_t simple = kFrom.find(e);
  if (simple != std::string_view::npos) {
    bytes = std::string(1, kTo[simple]);
    return 2;
  }
  // yaml-cpp 0.7 writes \N and \_ as the single bytes 0x85 and 0xA0 (not UTF-8); the
  // value must match what it produced.
  if (e == 'N' || e == '_') {
    bytes = std::string(1, static_cast<char>(e == 'N' ? 0x85 : 0xA0));
    return 2;
  }
  uint32_t cp = 0;
  size_t digits = 0;
  switch (e) {
    case 'L': cp = 0x2028; break;
    case 'P': cp = 0x2029; break;
    case 'x': digits = 2; break;
    case 'u': digits = 4; break;
    case 'U': digits = 8; break;
    default: return 0;
  }
  for (size_t i = 0; i < digits; ++i) {
    const size_t at = r + 2 + i;
    if (at >= t.size() || !std::isxdigit(static_cast<unsigned char>(t[at]))) return 0;
    const char h = t[at];
    cp = cp * 16 + static_cast<uint32_t>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (h | 0x20) - 'a' + 10);
  }
  bytes.clear();
  AppendUtf8(cp, bytes);
  return 2 + digits;
}

bool ScanDouble(const std::string& t, size_t r, Builder& out) {
  for (++r;;) {
    if (r >= t.size()) return false;
    const char c = t[r];
    if (c == '"') {
      out.end = r;
      return true;
    }
    if (c == '\\') {
      if (r + 1 >= t.size()) return false;
      if (IsBreak(t[r + 1])) {
        r = Fold(t, r + 1, out, true);
        continue;
      }
      std::string bytes;
      const size_t len = Escape(t, r, bytes);
      if (len == 0) return false;
      for (char b : bytes) out.Add(b, r);
      r += len;
    } else if (IsBlank(c)) {
      r = Blanks(t, r, out);
      if (r == std::string::npos) return false;
    } else if (IsBreak(c)) {
      r = Fold(t, r, out, false);
    } else {
      out.Add(c, r++);
    }
  }
}

struct BlockLine {
  bool content = false;
  size_t text_begin = 0;  // content: first byte after the indentation
  size_t brk = 0;         // offset of the line break (or the end of input)
};

// The lines of a block scalar whose content starts at `p`, for indentation `k`.
std::vector<BlockLine> BlockLines(const std::string& t, size_t p, size_t k) {
  std::vector<BlockLine> lines;
  for (size_t q = p; q < t.size();) {
    size_t e = q;
    while (e < t.size() && !IsBreak(t[e])) ++e;
    size_t s = q;
    while (s < e && t[s] == ' ') ++s;
    const size_t indent = s - q;
    const bool blank = s == e;
    if (!blank && indent < k) break;
    BlockLine line;
    line.brk = e;
    line.content = !blank || indent > k;
    line.text_begin = q + k;
    lines.push_back(line);
    q = e < t.size() ? e + BreakLen(t, e) : t.size();
  }
  return lines;
}

void AddText(const std::string& t, const BlockLine& line, Builder& out) {
  for (size_t i = line.text_begin; i < line.brk; ++i) out.Add(t[i], i);
}

// Decodes a block scalar (content from `p`) with indentation `k`. yaml-cpp
// 0.7 keeps one line break fewer than YAML 1.2 after a folded `>+` scalar
// with trailing blank lines; `short_keep` reproduces that.
void DecodeBlock(const std::string& t, size_t p, size_t k, bool folded, char chomp, bool short_keep,
                 Builder& out) {
  const std::vector<BlockLine> lines = BlockLines(t, p, k);
  size_t last = lines.size();  // index of the last content line
  for (size_t i = lines.size(); i-- > 0;) {
    if (lines[i].content) {
      last = i;
      break;
    }
  }
  out.end = p;
  if (last == lines.size()) {  // no content: only empty lines
    if (chomp == '+') {
      for (const BlockLine& l : lines) {
        if (l.brk < t.size()) out.Add('\n', l.brk);
      }
    }
    return;
  }
  auto normal = [&](const BlockLine& l) { return l.content && l.brk > l.text_begin && !IsBlank(t[l.text_begin]); };
  size_t prev = lines.size();  // previous content line
  size_t empties = 0;
  for (size_t i = 0; i <= last; ++i) {
    const BlockLine& l = lines[i];
    if (!l.content) {
      if (!folded || prev == lines.size()) {
        out.Add('\n', l.brk);
      } else {
        ++empties;
      }
      continue;
    }
    if (folded && prev != lines.size()) {
      const size_t brk = lines[prev].brk;
      if (normal(lines[prev]) && normal(l)) {
        if (empties == 0) out.Add(' ', brk);
        for (size_t j = 0; j < empties; ++j) out.Add('\n', brk);
      } else {
        for (size_t j = 0; j <= empties; ++j) out.Add('\n', brk);
      }
    }
    AddText(t, l, out);
    if (!folded && i < last) out.Add('\n', l.brk);
    prev = i;
    empties = 0;
  }
  out.end = lines[last].brk;
  if (chomp != '-' && lines[last].brk < t.size()) out.Add('\n', lines[last].brk);
  if (chomp == '+') {
    const size_t first = last + 1 + (short_keep ? 1 : 0);
    for (size_t i = first; i < lines.size(); ++i) {
      if (lines[i].brk < t.size()) out.Add('\n', lines[i].brk);
    }
  }
}

bool ScanBlock(const std::string& t, size_t r, const std::string& expected, Builder& out) {
  const bool folded = t[r] == '>';
  size_t p = r + 1;
  char chomp = 0;
  bool explicit_indent = false;
  for (int i = 0; i < 2 && p < t.size(); ++i) {
    if (!chomp && (t[p] == '+' || t[p] == '-')) {
      chomp = t[p++];
    } else if (!explicit_indent && t[p] >= '1' && t[p] <= '9') {
      explicit_indent = true;
      ++p;
    }
  }
  while (p < t.size() && !IsBreak(t[p])) ++p;  // blanks and a comment
  if (p < t.size()) p += BreakLen(t, p);
  // The indentation of the first non-blank line; an explicit indicator (or
  // yaml-cpp's reading of leading blank lines) may mean less: try downwards.
  size_t auto_k = 0;
  for (size_t q = p; q < t.size();) {
    size_t s = q;
    while (s < t.size() && t[s] == ' ') ++s;
    if (s < t.size() && !IsBreak(t[s])) {
      auto_k = s - q;
      break;
    }
    if (s >= t.size()) break;
    q = s + BreakLen(t, s);
  }
  const size_t lowest = auto_k == 0 ? 0 : 1;
  for (size_t k = auto_k, tries = 0; k >= lowest && tries < 64; --k, ++tries) {
    for (bool short_keep : {false, true}) {
      if (short_keep && !(folded && chomp == '+')) continue;
      out = Builder{};
      DecodeBlock(t, p, k, folded, chomp, short_keep, out);
      if (out.value == expected) return true;
    }
    if (k == 0) break;
  }
  return false;
}

}  // namespace

ScalarMap MapScalar(const std::string& text, uint32_t begin, const std::string& value) {
  ScalarMap map;
  const size_t r = SkipProperties(text, begin);
  if (r >= text.size()) return map;
  Builder out;
  bool scanned = false;
  switch (text[r]) {
    case '"': scanned = ScanDouble(text, r, out); break;
    case '\'': scanned = ScanSingle(text, r, out); break;
    case '|':
    case '>': scanned = ScanBlock(text, r, value, out); break;
    default: scanned = ScanPlain(text, r, value, out); break;
  }
  if (!scanned || out.value != value) return map;
  map.ok = true;
  map.raw = std::move(out.raw);
  map.raw.push_back(static_cast<uint32_t>(out.end));
  return map;
}

model::ExprText MakeExprText(const YamlSource& source, const YAML::Node& node) {
  model::ExprText out;
  out.text = node.Scalar();
  const std::string& t = source.text();
  const uint32_t begin = source.OffsetOf(node.Mark());
  const ScalarMap map = MapScalar(t, begin, out.text);
  if (!map.ok || out.text.empty()) {
    size_t content = SkipProperties(t, begin);
    if (content < t.size() && (t[content] == '"' || t[content] == '\'')) ++content;
    out.loc = source.LocAt(static_cast<uint32_t>(std::min(content, t.size())));
    out.segments.push_back(model::ExprSegment{0, out.loc.line, out.loc.column});
    return out;
  }
  const std::vector<uint32_t>& raw = map.raw;
  for (size_t i = 0; i < raw.size(); ++i) {
    const bool start = i == 0 || raw[i] != raw[i - 1] + 1 || IsBreak(t[raw[i - 1]]);
    if (!start) continue;
    const Loc at = source.LocAt(raw[i]);
    out.segments.push_back(model::ExprSegment{static_cast<uint32_t>(i), at.line, at.column});
  }
  out.loc = source.LocAt(raw[0]);
  return out;
}

}  // namespace ansinh::yaml
