// Internal: a small streaming JSON writer with a fixed, deterministic output
// (no floating point, keys in the order written, '\uXXXX' only for control
// characters; valid UTF-8 passes through, invalid bytes become U+FFFD).
#ifndef ANSINH_LIB_COMMON_JSON_WRITER_HPP_
#define ANSINH_LIB_COMMON_JSON_WRITER_HPP_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace ansinh::internal {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = false) : pretty_(pretty) {}
  // Appends to `buffer` (taken over; get it back with Take()): no copy per document.
  JsonWriter(std::string buffer, bool pretty) : pretty_(pretty), out_(std::move(buffer)) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  // A key written as a literal in the code (an identifier: nothing to escape), copied with
  // its quotes and colon in one append.
  template <size_t N>
  JsonWriter& Key(const char (&key)[N]) {
    if (pretty_) return Key(std::string_view(key, N - 1));
    BeforeValue();
    char buf[N + 2];
    buf[0] = '"';
    std::memcpy(buf + 1, key, N - 1);
    buf[N] = '"';
    buf[N + 1] = ':';
    out_.append(buf, N + 2);
    after_key_ = true;
    return *this;
  }
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  // A count or a size: any unsigned integer, written exactly (no cast at the call site;
  // a signed argument does not compile).
  template <typename T>
  JsonWriter& Uint(T value) {
    static_assert(std::is_unsigned_v<T>, "JsonWriter::Uint takes an unsigned integer");
    return Unsigned(static_cast<uint64_t>(value));
  }
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // Writes already-formatted JSON (a number like "1.5", or a nested document).
  JsonWriter& Raw(std::string_view json);
  // Writes already-formatted members of the open object ("\"a\":1,\"b\":\"x\"", not
  // empty): a fragment compiled once and copied as it is (compact output only).
  JsonWriter& Members(std::string_view json);
  // The same, ending with a key ("\"a\":1,\"b\":"): the next call writes its value.
  JsonWriter& MembersKey(std::string_view json) {
    Members(json);
    after_key_ = true;
    return *this;
  }
  // The output so far, to append to directly: text that continues a member run just
  // written with Members (such as the inside of a string it opened), compact output only.
  std::string& out() noexcept { return out_; }

  const std::string& str() const noexcept { return out_; }
  std::string Take() { return std::move(out_); }
  void Clear() {
    out_.clear();
    stack_.clear();
    after_key_ = false;
  }

  // Appends `value` as a JSON string literal (with quotes) to `out`.
  static void AppendQuoted(std::string& out, std::string_view value);
  // The same without the quotes: the inside of a string literal.
  static void AppendEscaped(std::string& out, std::string_view value);
  // True when `value` is valid UTF-8 with nothing to escape: it goes into a JSON string
  // literal as it is (AppendEscaped would copy it unchanged).
  static bool IsPlainText(std::string_view value);

 private:
  // The separator before a value: nothing after a key, else a comma after a sibling.
  JsonWriter& Unsigned(uint64_t value);
  void BeforeValue() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!stack_.empty()) {
      if (stack_.back()) out_ += ',';
      stack_.back() = 1;
      if (pretty_) Newline();
    }
  }
  void Newline();
  bool pretty_;
  std::string out_;
  std::vector<uint8_t> stack_;  // per open container: 0 = empty so far, 1 = has items
  bool after_key_ = false;
};

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_COMMON_JSON_WRITER_HPP_
