#include "common/json_writer.hpp"

#include <simdjson.h>

#include <charconv>
#include <cstring>

#include "common/swar.hpp"
#include "common/text_safety.hpp"

namespace ansinh::internal {

namespace {
// Bytes that can be copied as they are: printable ASCII other than '"' and '\\'.
constexpr bool Plain(unsigned char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; }

// Every byte of `s` Plain (a key as the rules name them: written as it is).
bool AllPlain(std::string_view s) {
  uint64_t bad = 0;
  size_t at = 0;
  for (; at + 8 <= s.size(); at += 8) {
    const uint64_t w = Load8(s.data() + at);
    bad |= (w & kHighs) | AnyBelow(w, 0x20) | AnyEqual(w, '"') | AnyEqual(w, '\\') | AnyEqual(w, 0x7F);
  }
  if (at < s.size() && s.size() >= 8) {  // the last 8 bytes (overlapping the ones checked)
    const uint64_t w = Load8(s.data() + s.size() - 8);
    bad |= (w & kHighs) | AnyBelow(w, 0x20) | AnyEqual(w, '"') | AnyEqual(w, '\\') | AnyEqual(w, 0x7F);
    at = s.size();
  }
  for (; at < s.size(); ++at) bad |= Plain(static_cast<unsigned char>(s[at])) ? 0 : 1;
  return bad == 0;
}
}  // namespace

void JsonWriter::Newline() {
  if (!pretty_) return;
  out_ += '\n';
  out_.append(stack_.size() * 2, ' ');
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  out_ += '{';
  stack_.push_back(0);
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  const bool had = !stack_.empty() && stack_.back();
  stack_.pop_back();
  if (had) Newline();
  out_ += '}';
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  BeforeValue();
  out_ += '[';
  stack_.push_back(0);
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  const bool had = !stack_.empty() && stack_.back();
  stack_.pop_back();
  if (had) Newline();
  out_ += ']';
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  // Keys are nearly always short plain ASCII identifiers: `"key":` in one append.
  if (!pretty_ && key.size() <= 60 && AllPlain(key)) {
    char buf[64];
    buf[0] = '"';
    std::memcpy(buf + 1, key.data(), key.size());
    buf[key.size() + 1] = '"';
    buf[key.size() + 2] = ':';
    out_.append(buf, key.size() + 3);
  } else {
    AppendQuoted(out_, key);
    out_ += pretty_ ? ": " : ":";
  }
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendQuoted(out_, value);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  BeforeValue();
  char buf[24];
  const auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
  out_.append(buf, static_cast<size_t>(end - buf));
  return *this;
}

JsonWriter& JsonWriter::Unsigned(uint64_t value) {
  BeforeValue();
  char buf[24];
  const auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
  out_.append(buf, static_cast<size_t>(end - buf));
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::Members(std::string_view json) {
  if (!stack_.empty()) {
    if (stack_.back()) out_ += ',';
    stack_.back() = 1;
  }
  out_ += json;
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  out_ += json;
  return *this;
}

namespace {

// Appends the escape of an ASCII byte that cannot stand in a JSON string as it is.
void AppendEscape(std::string& out, unsigned char c) {
  static const char* kHex = "0123456789abcdef";
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default: {
      const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
      out.append(u, 6);
    }
  }
}

// The slow path: invalid UTF-8 somewhere; each bad byte becomes U+FFFD.
void AppendEscapedChecked(std::string& out, std::string_view s);

// One pass classifies the bytes (eight at a time, exact "any byte ..." tests: Hacker's
// Delight 6-1): `high` some byte with the high bit set; `special` some byte below 0x20,
// '"', '\\' or DEL.
void Classify(std::string_view s, bool* high, bool* special) {
  uint64_t high_bits = 0, special_bits = 0;
  size_t at = 0;
  for (; at + 8 <= s.size(); at += 8) {
    const uint64_t w = Load8(s.data() + at);
    high_bits |= w & kHighs;
    special_bits |= AnyBelow(w, 0x20) | AnyEqual(w, '"') | AnyEqual(w, '\\') | AnyEqual(w, 0x7F);
  }
  *high = high_bits != 0;
  *special = special_bits != 0;
  for (; at < s.size(); ++at) {
    const auto c = static_cast<unsigned char>(s[at]);
    *high |= c >= 0x80;
    *special |= c < 0x20 || c == '"' || c == '\\' || c == 0x7F;
  }
}

}  // namespace

void JsonWriter::AppendQuoted(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  AppendEscaped(out, s);
  out += '"';
}

bool JsonWriter::IsPlainText(std::string_view s) {
  bool high, special;
  Classify(s, &high, &special);
  return !special && (!high || simdjson::validate_utf8(s.data(), s.size()));
}

void JsonWriter::AppendEscaped(std::string& out, std::string_view s) {
  // All plain ASCII (the common case: one append), some to escape, or some non-ASCII
  // (checked as a whole with simdjson's UTF-8 validator, then copied as they are).
  bool high, special;
  Classify(s, &high, &special);
  if (high && !simdjson::validate_utf8(s.data(), s.size())) {
    AppendEscapedChecked(out, s);
    return;
  }
  if (!special) {
    out.append(s.data(), s.size());
    return;
  }
  out.reserve(out.size() + s.size());
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\' || c == 0x7F) {
      out.append(s.data() + start, i - start);
      AppendEscape(out, c);
      start = i + 1;
    }
  }
  out.append(s.data() + start, s.size() - start);
}

namespace {

void AppendEscapedChecked(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size());
  size_t i = 0;
  while (i < s.size()) {
    // Copy the longest run of bytes that need no escaping in one append.
    size_t run = i;
    while (run < s.size()) {
      const unsigned char c = static_cast<unsigned char>(s[run]);
      if (Plain(c)) {
        ++run;
      } else if (c >= 0x80) {
        const size_t len = Utf8Length(s, run);
        if (len == 0) break;
        run += len;
      } else {
        break;
      }
    }
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      AppendEscape(out, c);
    } else {
      out += "\xEF\xBF\xBD";  // an invalid UTF-8 byte: U+FFFD
    }
    ++i;
  }
}

}  // namespace

}  // namespace ansinh::internal
