// Internal: finding where one element of a streamed JSON array ends, without
// parsing it (json_source.cpp parses each element on its own).
//
// Brackets and strings are tracked across buffer refills. A damaged element
// (a truncated record, an unclosed text) would otherwise swallow every
// element after it, so the scanner also watches line starts: a line that
// begins with '{' no further right than the element itself began (how
// exports lay out one record per line, or pretty-printed records) is where the
// next element probably starts. The element is cut there when it is known to
// be broken (a raw line break inside a text, which JSON forbids), or when it
// is still open 64 KiB later, at the end of the input or at the size limit.
// A valid element is never cut: it closes before any of these happen.
#ifndef ANSINH_LIB_IO_JSON_ELEMENT_SCAN_HPP_
#define ANSINH_LIB_IO_JSON_ELEMENT_SCAN_HPP_

#include <cstddef>
#include <cstdint>

namespace ansinh::internal {

// JSON's insignificant whitespace (RFC 8259: space, tab, line feed, carriage return).
inline bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct ElementScan {
  static constexpr size_t kNone = SIZE_MAX;
  static constexpr size_t kResyncWindow = size_t{64} << 10;

  size_t start_column = 0;  // set by the caller: 0-based column of the element's first byte

  // Progress (positions relative to the element's first byte, or to the last Restart()).
  char kind = 0;           // the element's first byte
  size_t pos = 0;          // end of the scanned part; the element's length once done
  bool done = false;
  bool broken = false;     // not JSON for sure: ends at the next candidate line
  uint64_t newlines = 0;   // line breaks inside the element (up to pos)
  size_t end_column = 0;   // once done: column of the byte after the element

  // Scans data[pos, n).
  void Advance(const char* data, size_t n);
  // Ends the element before its first candidate line, if it has one.
  bool CutAtCandidate();
  // Positions restart at 0 (the caller dropped the scanned bytes).
  void Restart();

 private:
  size_t ColumnAt(size_t p) const { return last_newline_ != kNone ? p - last_newline_ - 1 : base_column_ + p; }
  void Finish(size_t end);

  int depth_ = 0;
  bool in_string_ = false;
  bool escape_ = false;
  bool at_line_start_ = false;
  size_t indent_ = 0;
  size_t last_newline_ = kNone;
  size_t base_column_ = kNone;  // column of position 0 (start_column until a Restart)
  size_t candidate_ = kNone;
  uint64_t candidate_newlines_ = 0;
  size_t candidate_indent_ = 0;
};

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_IO_JSON_ELEMENT_SCAN_HPP_
