#include "common/json_writer.hpp"

#include "common/text_safety.hpp"

namespace ansinh::internal {

namespace {
// Bytes that can be copied as they are: printable ASCII other than '"' and '\\'.
constexpr bool Plain(unsigned char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; }
}  // namespace

void JsonWriter::Newline() {
  if (!pretty_) return;
  out_ += '\n';
  out_.append(stack_.size() * 2, ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!stack_.empty()) {
    if (stack_.back()) out_ += ',';
    stack_.back() = 1;
    Newline();
  }
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
  // Keys are nearly always plain ASCII identifiers: copy them in one append.
  bool plain = true;
  for (const char c : key) plain &= Plain(static_cast<unsigned char>(c));
  if (plain) {
    out_ += '"';
    out_.append(key.data(), key.size());
    out_ += '"';
  } else {
    AppendQuoted(out_, key);
  }
  out_ += pretty_ ? ": " : ":";
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
  out_ += std::to_string(value);
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

JsonWriter& JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  out_ += json;
  return *this;
}

void JsonWriter::AppendQuoted(std::string& out, std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out += '"';
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
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += "\xEF\xBF\xBD";  // an invalid UTF-8 byte: U+FFFD
        }
    }
    ++i;
  }
  out += '"';
}

}  // namespace ansinh::internal
