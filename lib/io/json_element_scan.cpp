#include "io/json_element_scan.hpp"

#include <string_view>

namespace ansinh::internal {

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
