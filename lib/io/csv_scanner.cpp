#include "io/csv_scanner.hpp"

#include <algorithm>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace ansinh::internal {

CsvScanner::CsvScanner(BlockReader* in, size_t max_row_bytes) : in_(in), max_row_bytes_(max_row_bytes) {
  in_->SkipBom();
}

namespace {

constexpr size_t kNoLine = SIZE_MAX;

// The fast path: splits the line at `p` (n bytes available, followed by
// BlockReader::kPadding readable bytes) at its commas, in one pass. Returns
// the offset of its '\n', or kNoLine when the line has a quote or does not
// end within n bytes (then `row` holds garbage and the slow path takes over).
size_t SplitLine(const char* p, size_t n, CsvRow* row) {
  const char* field = p;
  size_t i = 0;
#ifdef __SSE2__
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i newline = _mm_set1_epi8('\n');
  for (; i < n; i += 16) {  // may look at up to 15 bytes of padding
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                                      _mm_cmpeq_epi8(v, newline));
    for (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hits)); mask != 0; mask &= mask - 1) {
      const size_t k = i + static_cast<size_t>(__builtin_ctz(mask));
      if (k >= n) return kNoLine;
      if (p[k] == ',') {
        row->fields.emplace_back(field, static_cast<size_t>(p + k - field));
        field = p + k + 1;
      } else if (p[k] == '"') {
        return kNoLine;
      } else {
        const char* end = k > 0 && p[k - 1] == '\r' && p + k - 1 >= field ? p + k - 1 : p + k;
        row->fields.emplace_back(field, static_cast<size_t>(end - field));
        return k;
      }
    }
  }
  return kNoLine;
#else
  for (; i < n; ++i) {
    const char c = p[i];
    if (c == ',') {
      row->fields.emplace_back(field, static_cast<size_t>(p + i - field));
      field = p + i + 1;
    } else if (c == '"') {
      return kNoLine;
    } else if (c == '\n') {
      const char* end = i > 0 && p[i - 1] == '\r' && p + i - 1 >= field ? p + i - 1 : p + i;
      row->fields.emplace_back(field, static_cast<size_t>(end - field));
      return i;
    }
  }
  return kNoLine;
#endif
}

}  // namespace

void CsvScanner::SplitPlain(const char* begin, const char* end, CsvRow* row) {
  const char* p = begin;
  for (;;) {
    const void* comma = std::memchr(p, ',', static_cast<size_t>(end - p));
    if (comma == nullptr) {
      row->fields.emplace_back(p, static_cast<size_t>(end - p));
      return;
    }
    const char* c = static_cast<const char*>(comma);
    row->fields.emplace_back(p, static_cast<size_t>(c - p));
    p = c + 1;
  }
}

void CsvScanner::SplitQuoted(char* begin, char* end, CsvRow* row) {
  char* r = begin;
  for (;;) {
    char* start = r;
    if (r < end && *r == '"') {
      char* w = r++;  // unescape in place, over the opening quote
      while (r < end) {
        if (*r == '"') {
          if (r + 1 < end && r[1] == '"') {
            *w++ = '"';
            r += 2;
            continue;
          }
          ++r;
          break;
        }
        *w++ = *r++;
      }
      while (r < end && *r != ',') *w++ = *r++;  // text after the closing quote: kept
      row->fields.emplace_back(start, static_cast<size_t>(w - start));
    } else {
      while (r < end && *r != ',') ++r;
      row->fields.emplace_back(start, static_cast<size_t>(r - start));
    }
    if (r >= end) return;
    ++r;  // the comma
  }
}

bool CsvScanner::FindRowEnd(size_t* end, uint64_t* newlines, bool* unterminated) {
  const char* p = in_->data();
  const size_t n = in_->size();
  size_t i = scan_pos_;
  State st = scan_state_;
  while (i < n) {
    if (st == State::kQuoted) {
      const void* q = std::memchr(p + i, '"', n - i);
      const size_t stop = q ? static_cast<size_t>(static_cast<const char*>(q) - p) : n;
      scan_newlines_ += static_cast<uint64_t>(std::count(p + i, p + stop, '\n'));
      i = stop;
      if (q == nullptr) break;
      st = State::kQuoteInQuoted;
      ++i;
      continue;
    }
    const char c = p[i];
    if (c == '\n') {
      *end = i;
      *newlines = scan_newlines_;
      *unterminated = false;
      scan_pos_ = 0;
      scan_state_ = State::kFieldStart;
      scan_newlines_ = 0;
      return true;
    }
    if (st == State::kUnquoted) {
      if (c == ',') st = State::kFieldStart;
    } else {  // kFieldStart or kQuoteInQuoted ("" is an escaped quote)
      st = c == '"' ? State::kQuoted : c == ',' ? State::kFieldStart : State::kUnquoted;
    }
    ++i;
  }
  scan_pos_ = i;
  scan_state_ = st;
  if (!in_->eof()) return false;
  *end = n;
  *newlines = scan_newlines_;
  *unterminated = st == State::kQuoted;
  scan_pos_ = 0;
  scan_state_ = State::kFieldStart;
  scan_newlines_ = 0;
  return true;
}

void CsvScanner::SkipLongRow(CsvRow* row) {
  uint64_t total = 0;
  for (;;) {
    const void* nl = std::memchr(in_->data(), '\n', in_->size());
    if (nl != nullptr) {
      const size_t k = static_cast<size_t>(static_cast<const char*>(nl) - in_->data());
      total += k + 1;
      in_->Consume(k + 1);
      break;
    }
    total += in_->size();
    in_->Consume(in_->size());
    if (!in_->Refill()) break;
  }
  scan_pos_ = 0;
  scan_state_ = State::kFieldStart;
  scan_newlines_ = 0;
  row->too_long = true;
  row->bytes = total;
  ++line_;
}

namespace {

// A row over the limit that was read whole: it becomes too_long, keeping only
// the fields inside its first 4 KiB (enough for the ids, for messages).
void LimitRow(const char* row_start, size_t max_row_bytes, CsvRow* row) {
  if (row->bytes <= max_row_bytes) return;
  constexpr size_t kKept = 4096;
  row->too_long = true;
  size_t keep = 0;
  while (keep < row->fields.size() &&
         static_cast<size_t>(row->fields[keep].data() - row_start) + row->fields[keep].size() <= kKept) {
    ++keep;
  }
  row->fields.resize(keep);
}

// Whether a row whose quoted field spans lines, [b, e), reads as one row:
// `expected` fields (0: unknown) and no text after a closing quote. An
// unclosed quote that took in the rows below ends at the next quote of a later
// field, which leaves text after it or the wrong number of fields.
bool PlausibleMultiLineRow(const char* b, const char* e, size_t expected) {
  size_t fields = 1;
  const char* r = b;
  for (;;) {
    if (r < e && *r == '"') {
      ++r;
      for (;;) {
        if (r >= e) return false;
        if (*r == '"') {
          if (r + 1 < e && r[1] == '"') {
            r += 2;
            continue;
          }
          ++r;
          break;
        }
        ++r;
      }
      if (r < e && *r != ',') return false;  // text after the closing quote
    } else {
      while (r < e && *r != ',') ++r;
    }
    if (r >= e) break;
    ++r;
    ++fields;
  }
  return expected == 0 || fields == expected;
}

}  // namespace

bool CsvScanner::Next(CsvRow* row) {
  const bool first = !header_seen_;
  header_seen_ = true;
  const bool got = NextRow(row);
  if (got && first) expected_fields_ = row->fields.size();
  return got;
}

bool CsvScanner::NextCell(size_t column, std::string_view* cell, uint64_t* line) {
  for (;;) {
    char* p = in_->data();
    const size_t n = in_->size();
    const void* newline = header_seen_ && scan_pos_ == 0 ? std::memchr(p, '\n', n) : nullptr;
    const size_t nl = newline != nullptr ? static_cast<size_t>(static_cast<const char*>(newline) - p) : 0;
    if (newline == nullptr || nl + 1 > max_row_bytes_ || std::memchr(p, '"', nl) != nullptr) {
      // Not a whole line without quotes in memory: as Next reads it.
      if (!Next(&cell_row_)) return false;
      *cell = column < cell_row_.fields.size() ? cell_row_.fields[column] : std::string_view();
      *line = cell_row_.line;
      return true;
    }
    // As SplitLine: a '\r' before the '\n' is not part of the last field; a line with nothing
    // else is blank (skipped, counted).
    const char* end = nl > 0 && p[nl - 1] == '\r' ? p + nl - 1 : p + nl;
    const uint64_t at = line_++;
    in_->Consume(nl + 1);
    if (end == p) continue;
    const char* field = p;
    for (size_t c = 0; c < column && field != nullptr; ++c) {
      const void* comma = std::memchr(field, ',', static_cast<size_t>(end - field));
      field = comma != nullptr ? static_cast<const char*>(comma) + 1 : nullptr;
    }
    if (field == nullptr) {
      *cell = std::string_view();
    } else {
      const void* comma = std::memchr(field, ',', static_cast<size_t>(end - field));
      const char* stop = comma != nullptr ? static_cast<const char*>(comma) : end;
      *cell = std::string_view(field, static_cast<size_t>(stop - field));
    }
    *line = at;
    return true;
  }
}

bool CsvScanner::NextRow(CsvRow* row) {
  for (;;) {
    char* p = in_->data();
    const size_t n = in_->size();
    if (n == 0) {
      if (!in_->Refill()) return false;
      continue;
    }
    row->fields.clear();
    row->unterminated_quote = false;
    row->too_long = false;
    row->line = line_;
    row->offset = in_->offset();
    // Fast path: a whole line in memory without quotes.
    const size_t nl = SplitLine(p, n, row);
    if (nl != kNoLine) {
      ++line_;
      in_->Consume(nl + 1);
      scan_pos_ = 0;
      scan_state_ = State::kFieldStart;
      scan_newlines_ = 0;
      if (row->fields.size() == 1 && row->fields[0].empty()) continue;  // blank line
      row->bytes = nl + 1;
      LimitRow(p, max_row_bytes_, row);
      return true;
    }
    row->fields.clear();
    size_t end = 0;
    uint64_t newlines = 0;
    bool unterminated = false;
    if (!FindRowEnd(&end, &newlines, &unterminated)) {
      if (n <= max_row_bytes_) {
        in_->Refill();
        continue;
      }
      if (scan_state_ != State::kQuoted || std::memchr(p, '\n', n) == nullptr) {
        SkipLongRow(row);
        return true;
      }
      unterminated = true;  // an open quote runs past the limit
    }
    if (!unterminated && newlines > 0) {
      const char* content_end = end > 0 && p[end - 1] == '\r' ? p + end - 1 : p + end;
      unterminated = !PlausibleMultiLineRow(p, content_end, expected_fields_);
    }
    if (unterminated) {  // re-read the first line with quotes taken literally
      const void* first_nl = std::memchr(p, '\n', n);
      const size_t len = first_nl ? static_cast<size_t>(static_cast<const char*>(first_nl) - p) : n;
      const char* line_end = len > 0 && p[len - 1] == '\r' ? p + len - 1 : p + len;
      SplitPlain(p, line_end, row);
      row->unterminated_quote = true;
      row->bytes = first_nl ? len + 1 : len;
      LimitRow(p, max_row_bytes_, row);
      in_->Consume(row->bytes);
      scan_pos_ = 0;
      scan_state_ = State::kFieldStart;
      scan_newlines_ = 0;
      ++line_;
      return true;
    }
    char* content_end = end > 0 && p[end - 1] == '\r' ? p + end - 1 : p + end;
    const bool at_eof_without_newline = end == n;
    row->bytes = at_eof_without_newline ? end : end + 1;
    in_->Consume(row->bytes);
    line_ += 1 + newlines;
    if (content_end == p) continue;  // blank last line
    SplitQuoted(p, content_end, row);
    LimitRow(p, max_row_bytes_, row);
    return true;
  }
}

}  // namespace ansinh::internal
