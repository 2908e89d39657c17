// The deterministic JSON writer: structure, pretty/compact layout, string escaping
// and UTF-8 validation (invalid bytes become U+FFFD, one per byte).
#include <cstdint>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "common/json_writer.hpp"

namespace {

using ansinh::internal::JsonWriter;

std::string Quoted(std::string_view s) {
  std::string out;
  JsonWriter::AppendQuoted(out, s);
  return out;
}

const std::string kFffd = "\xEF\xBF\xBD";

// Oracle: the well-formed byte sequences of Unicode 15, Table 3-7, matched byte
// range by byte range. Returns the length of the sequence at `s[i]`, or 0.
size_t WellFormedLength(const std::string& s, size_t i) {
  auto in = [&](size_t k, int lo, int hi) {
    if (i + k >= s.size()) return false;
    const int c = static_cast<unsigned char>(s[i + k]);
    return c >= lo && c <= hi;
  };
  const int c = static_cast<unsigned char>(s[i]);
  if (c <= 0x7F) return 1;
  if (c >= 0xC2 && c <= 0xDF) return in(1, 0x80, 0xBF) ? 2 : 0;
  if (c == 0xE0) return in(1, 0xA0, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
  if (c == 0xED) return in(1, 0x80, 0x9F) && in(2, 0x80, 0xBF) ? 3 : 0;
  if (c == 0xF0) return in(1, 0x90, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  if (c == 0xF4) return in(1, 0x80, 0x8F) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  return 0;
}

std::string OracleQuoted(const std::string& s) {
  static const char* kHex = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    const size_t n = WellFormedLength(s, i);
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (n == 0) {
      out += kFffd;
      ++i;
    } else if (n > 1) {
      out.append(s, i, n);
      i += n;
    } else {
      if (c == '"' || c == '\\') out += {'\\', static_cast<char>(c)};
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c < 0x20 || c == 0x7F) out += std::string("\\u00") + kHex[c >> 4] + kHex[c & 15];
      else out += static_cast<char>(c);
      ++i;
    }
  }
  return out + "\"";
}

}  // namespace

TEST_CASE("JsonWriter compact nesting", "[json]") {
  JsonWriter w;
  w.BeginObject();
  w.Key("a").Int(1);
  w.Key("b").BeginArray().Int(-2).Bool(true).Bool(false).Null().String("x").EndArray();
  w.Key("c").BeginObject().EndObject();
  w.Key("d").BeginArray().EndArray();
  w.Key("e").BeginObject().Key("f").BeginArray().BeginArray().Int(INT64_MIN).EndArray().EndArray().EndObject();
  w.Key("g").Raw("1.5");
  w.EndObject();
  const std::string expected =
      R"({"a":1,"b":[-2,true,false,null,"x"],"c":{},"d":[],"e":{"f":[[-9223372036854775808]]},"g":1.5})";
  CHECK(w.str() == expected);
  CHECK(w.Take() == expected);
}

TEST_CASE("JsonWriter pretty layout", "[json]") {
  JsonWriter w(true);
  w.BeginObject();
  w.Key("name").String("Hà Nội");
  w.Key("list").BeginArray().Int(1).BeginObject().Key("k").Null().EndObject().EndArray();
  w.Key("empty").BeginObject().EndObject();
  w.Key("none").BeginArray().EndArray();
  w.EndObject();
  CHECK(w.str() ==
        "{\n"
        "  \"name\": \"Hà Nội\",\n"
        "  \"list\": [\n"
        "    1,\n"
        "    {\n"
        "      \"k\": null\n"
        "    }\n"
        "  ],\n"
        "  \"empty\": {},\n"
        "  \"none\": []\n"
        "}");
}

TEST_CASE("JsonWriter top-level scalars, Raw documents and Clear", "[json]") {
  JsonWriter w;
  w.String("a\"b");
  CHECK(w.str() == R"("a\"b")");
  w.Clear();
  CHECK(w.str().empty());
  w.BeginArray().Raw(R"({"x":[1,2]})").Raw("null").EndArray();
  CHECK(w.str() == R"([{"x":[1,2]},null])");
  w.Clear();
  w.BeginObject().Key("k").Int(0).EndObject();
  CHECK(w.str() == R"({"k":0})");  // Clear left no stale "after key" or comma state
}

TEST_CASE("JSON escapes and control characters", "[json]") {
  CHECK(Quoted("") == "\"\"");
  CHECK(Quoted("plain") == "\"plain\"");
  CHECK(Quoted("q\"b\\s/") == R"("q\"b\\s/")");
  CHECK(Quoted("a\nb\rc\td") == R"("a\nb\rc\td")");
  CHECK(Quoted(std::string("\0", 1)) == R"("\u0000")");
  CHECK(Quoted("\x01\x08\x0c\x1f\x7f") == R"("\u0001\u0008\u000c\u001f\u007f")");
  CHECK(Quoted("\x20~") == "\" ~\"");
  CHECK(Quoted(std::string("a\0b", 3)) == R"("a\u0000b")");
}

TEST_CASE("JSON strings: valid UTF-8 passes, invalid bytes become U+FFFD", "[json][utf8]") {
  CHECK(Quoted("Trợ cấp xã hội") == "\"Trợ cấp xã hội\"");
  CHECK(Quoted("\xC2\x80") == "\"\xC2\x80\"");                  // U+0080, smallest 2-byte
  CHECK(Quoted("\xE0\xA0\x80") == "\"\xE0\xA0\x80\"");          // U+0800, smallest 3-byte
  CHECK(Quoted("\xED\x9F\xBF\xEE\x80\x80") == "\"\xED\x9F\xBF\xEE\x80\x80\"");  // around the surrogates
  CHECK(Quoted("\xEF\xBF\xBF") == "\"\xEF\xBF\xBF\"");          // U+FFFF
  CHECK(Quoted("\xF0\x90\x80\x80") == "\"\xF0\x90\x80\x80\"");  // U+10000, smallest 4-byte
  CHECK(Quoted("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");  // 😀
  CHECK(Quoted("\xF4\x8F\xBF\xBF") == "\"\xF4\x8F\xBF\xBF\"");  // U+10FFFF
  const std::string r = kFffd;
  CHECK(Quoted("\x80") == "\"" + r + "\"");                        // lone continuation
  CHECK(Quoted("a\xC3") == "\"a" + r + "\"");                      // truncated at the end
  CHECK(Quoted("\xC3(") == "\"" + r + "(\"");                      // bad continuation
  CHECK(Quoted("\xC0\xAF") == "\"" + r + r + "\"");                // overlong '/'
  CHECK(Quoted("\xC1\xBF") == "\"" + r + r + "\"");                // overlong
  CHECK(Quoted("\xE0\x80\xAF") == "\"" + r + r + r + "\"");        // overlong 3-byte
  CHECK(Quoted("\xF0\x80\x80\xAF") == "\"" + r + r + r + r + "\"");  // overlong 4-byte
  CHECK(Quoted("\xED\xA0\x80") == "\"" + r + r + r + "\"");        // surrogate D800
  CHECK(Quoted("\xED\xBF\xBF") == "\"" + r + r + r + "\"");        // surrogate DFFF
  CHECK(Quoted("\xF4\x90\x80\x80") == "\"" + r + r + r + r + "\"");  // above U+10FFFF
  CHECK(Quoted("\xF5\x80\x80\x80") == "\"" + r + r + r + r + "\"");
  CHECK(Quoted("\xF8\x88\x80\x80\x80") == "\"" + r + r + r + r + r + "\"");  // 5-byte form
  CHECK(Quoted("\xFF\xFE") == "\"" + r + r + "\"");
  CHECK(Quoted("\xF0\x9F\x98" "A") == "\"" + r + r + r + "A\"");     // truncated 4-byte, then ASCII
}

TEST_CASE("JSON strings agree with a Table 3-7 oracle on random bytes", "[json][utf8]") {
  std::mt19937 rng(3);
  // Bytes biased toward the interesting ranges: lead bytes, continuations, ASCII controls.
  const unsigned char kPool[] = {0x00, 0x09, 0x0A, 0x1F, 0x22, 0x41, 0x5C, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
                                 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF,
                                 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF};
  std::uniform_int_distribution<size_t> pick(0, sizeof kPool - 1);
  std::uniform_int_distribution<int> any(0, 255);
  std::uniform_int_distribution<int> length(0, 12);
  for (int i = 0; i < 200000; ++i) {
    std::string s;
    const int n = length(rng);
    for (int k = 0; k < n; ++k) s += static_cast<char>(i % 3 == 0 ? any(rng) : kPool[pick(rng)]);
    if (Quoted(s) != OracleQuoted(s)) {
      std::string hex;
      for (const char c : s) hex += std::to_string(static_cast<unsigned char>(c)) + " ";
      FAIL("bytes: " << hex);
    }
  }
}

TEST_CASE("JSON strings: one byte to escape or one bad byte at every position of a longer text", "[json][utf8]") {
  // The writer classifies eight bytes at a time: each position of each word, and the tail,
  // must be seen (plain ASCII, Vietnamese text, and both mixed).
  for (const std::string& base : {std::string(40, 'a'), std::string("Không đủ điều kiện: tuổi 2 < 60 (Tuổi)"),
                                 std::string("Eligible; amount 750,000 VND per month")}) {
    for (const char odd : {'"', '\\', '\n', '\x01', '\x7F', '\x80', '\xFF', '\xC3'}) {
      for (size_t at = 0; at <= base.size(); ++at) {
        std::string s = base;
        s.insert(at, 1, odd);
        INFO("byte " << static_cast<int>(static_cast<unsigned char>(odd)) << " at " << at);
        CHECK(Quoted(s) == OracleQuoted(s));
      }
    }
    CHECK(Quoted(base) == OracleQuoted(base));
  }
}

TEST_CASE("JsonWriter::Uint writes any unsigned integer exactly", "[json]") {
  JsonWriter w;
  w.BeginArray().Uint(0u).Uint(size_t{42}).Uint(UINT64_MAX).Uint(uint8_t{255}).EndArray();
  CHECK(w.str() == "[0,42,18446744073709551615,255]");
}

TEST_CASE("JsonWriter::Key escapes a byte that needs it wherever it stands in a key of any length", "[json]") {
  // The plain-key check reads eight bytes at a time and the last eight again:
  // each position of each length up to 61 (one past the one-append limit) is tried.
  for (size_t length = 1; length <= 61; ++length) {
    for (size_t at = 0; at < length; ++at) {
      for (const char bad : {'"', '\\', '\n', '\x01', '\x7F', '\xC3'}) {
        std::string key(length, 'k');
        key[at] = bad;
        JsonWriter w;
        w.BeginObject().Key(std::string_view(key)).Int(1).EndObject();
        INFO("length " << length << ", at " << at << ", byte " << static_cast<int>(static_cast<unsigned char>(bad)));
        REQUIRE(w.str() == "{" + OracleQuoted(key) + ":1}");
      }
    }
    const std::string plain(length, 'k');
    JsonWriter w;
    w.BeginObject().Key(std::string_view(plain)).Int(1).EndObject();
    REQUIRE(w.str() == "{\"" + plain + "\":1}");
  }
}

TEST_CASE("JSON string insides: AppendEscaped and IsPlainText", "[json][utf8]") {
  auto escaped = [](std::string_view s) {
    std::string out = "x";  // appends: what is there stays
    JsonWriter::AppendEscaped(out, s);
    return out;
  };
  for (const std::string& s : {std::string(), std::string("plain"), std::string("q\"b\\s/"), std::string("a\nb\x01"),
                              std::string("Trợ cấp"), std::string("bad \xC3 byte"), std::string("\xED\xA0\x80")}) {
    const std::string quoted = Quoted(s);
    CHECK(escaped(s) == "x" + quoted.substr(1, quoted.size() - 2));  // AppendQuoted without its quotes
    CHECK(JsonWriter::IsPlainText(s) == (quoted == "\"" + s + "\""));
  }
  CHECK(JsonWriter::IsPlainText("Không đủ điều kiện: Tuổi 2 < 60 — ≥ ≠"));
  CHECK_FALSE(JsonWriter::IsPlainText("a \"b\""));
  CHECK_FALSE(JsonWriter::IsPlainText("tab\there"));
  CHECK_FALSE(JsonWriter::IsPlainText("\xC0\x80"));  // overlong: invalid UTF-8
}

TEST_CASE("JsonWriter Members, MembersKey and appending to out()", "[json]") {
  JsonWriter w;
  w.BeginArray().BeginObject();
  w.MembersKey(R"("a":1,"b":)").Null();
  w.Members(R"("c":"x","d":{"e":")");
  w.out() += "inside";
  w.out() += R"("})";
  w.Key("f").Int(2);
  w.EndObject().BeginObject().MembersKey(R"("g":)").Int(3).EndObject().EndArray();
  CHECK(w.str() == R"([{"a":1,"b":null,"c":"x","d":{"e":"inside"},"f":2},{"g":3}])");
}
