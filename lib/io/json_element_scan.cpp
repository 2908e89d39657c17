#include "io/json_element_scan.hpp"

#include <cstdint>
#include <string_view>

namespace ansinh::internal {
namespace {

// The bytes the scanner acts on: bit 0 inside a text ('"', '\\', a line
// break), bit 1 outside one ('"', brackets, a line break). Every other byte
// only moves the position on, so runs of them are skipped in a tight loop.
struct SpecialBytes {
  uint8_t of[256];
  constexpr SpecialBytes() : of{} {
    of[static_cast<unsigned char>('"')] = 3;
    of[static_cast<unsigned char>('\n')] = 3;
    of[static_cast<unsigned char>('\\')] = 1;
    for (const char c : {'{', '}', '[', ']'}) of[static_cast<unsigned char>(c)] = 2;
  }
};
constexpr SpecialBytes kSpecial;

}  // namespace

void ElementScan::Finish(size_t end) {
  pos = end;
  done = true;
  end_column = ColumnAt(end);
}

bool ElementScan::CutAtCandidate() {
  if (candidate_ == kNone) return false;
  pos = candidate_;
  newlines = candidate_newlines_;
  end_column = candidate_indent_;
  done = true;
  return true;
}

void ElementScan::Restart() {
  base_column_ = ColumnAt(pos);
  last_newline_ = kNone;
  candidate_ = kNone;
  pos = 0;
}

void ElementScan::Advance(const char* data, size_t n) {
  if (base_column_ == kNone) base_column_ = start_column;
  if (kind == 0 && n > 0) {
    kind = data[0];
    if (kind != '{' && kind != '[' && kind != '"') pos = 1;
  }
  if (kind != '{' && kind != '[' && kind != '"') {  // a bare scalar (or a stray character)
    while (pos < n && !IsJsonSpace(data[pos]) &&
           std::string_view(",[]{}\"").find(data[pos]) == std::string_view::npos) {
      ++pos;
    }
    if (pos < n) Finish(pos);
    return;
  }
  for (; pos < n; ++pos) {
    // Not at a line start, no candidate line (so no resync window to watch),
    // no escape pending: the bytes up to the next special one change nothing.
    if (!at_line_start_ && candidate_ == kNone && !escape_) {
      const uint8_t mask = in_string_ ? 1 : 2;
      while (pos < n && (kSpecial.of[static_cast<unsigned char>(data[pos])] & mask) == 0) ++pos;
      if (pos == n) break;
    }
    const char c = data[pos];
    if (c == '\n') {
      ++newlines;
      last_newline_ = pos;
      at_line_start_ = true;
      indent_ = 0;
      if (in_string_) {  // JSON texts cannot hold a raw line break
        in_string_ = false;
        escape_ = false;
        broken = true;
        if (CutAtCandidate()) return;  // the element already looked over
      }
      continue;
    }
    if (at_line_start_) {
      if (c == ' ' || c == '\t' || c == '\r') {
        ++indent_;
        continue;
      }
      at_line_start_ = false;
      if (c == '{' && indent_ <= start_column) {  // maybe the next element
        if (broken) return Finish(pos);
        if (depth_ > 0 && candidate_ == kNone) {
          candidate_ = pos;
          candidate_newlines_ = newlines;
          candidate_indent_ = indent_;
        }
      }
    }
    if (candidate_ != kNone && pos - candidate_ > kResyncWindow) {
      CutAtCandidate();
      return;
    }
    if (in_string_) {
      if (escape_) {
        escape_ = false;
      } else if (c == '\\') {
        escape_ = true;
      } else if (c == '"') {
        in_string_ = false;
        if (depth_ == 0) return Finish(pos + 1);
      }
    } else if (c == '"') {
      in_string_ = true;
    } else if (c == '{' || c == '[') {
      ++depth_;
    } else if (c == '}' || c == ']') {
      if (--depth_ <= 0) return Finish(pos + 1);
    }
  }
}

}  // namespace ansinh::internal
