// CSV cells (CsvCell, AppendCsvCell): the fast paths (no copy for text without control
// characters, quotes found eight bytes at a time) give the cell the character-by-character
// rules give, at every position of every kind of byte.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ansinh/report.hpp"
#include "common/text_safety.hpp"

namespace {

// The rules, one character at a time: control characters (C0 but tab and LF, CR, DEL, C1)
// as \xHH or \u00HH, invalid UTF-8 bytes as U+FFFD, an apostrophe before a formula, quotes
// around a cell with a comma, quote or line break, quotes doubled.
std::string ReferenceEscape(const std::string& raw) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string value;
  for (size_t i = 0; i < raw.size();) {
    const size_t len = ansinh::internal::Utf8Length(raw, i);
    if (len == 0) {
      value += "\xEF\xBF\xBD";
      i += 1;
    } else if (raw[i] == '\r' || ansinh::internal::IsControl(raw, i, len)) {
      const unsigned cp = len == 2 ? 0x80u + (static_cast<unsigned char>(raw[i + 1]) & 0x3Fu)
                                   : static_cast<unsigned char>(raw[i]);
      value += len == 2 ? "\\u00" : "\\x";
      value += kHex[cp >> 4];
      value += kHex[cp & 0xF];
      i += len;
    } else {
      value.append(raw, i, len);
      i += len;
    }
  }
  return value;
}

std::string Reference(const std::string& raw, bool guard) {
  std::string value = raw;
  if (guard) {
    value = ReferenceEscape(raw);
    if (ansinh::internal::LooksLikeFormula(value)) value = "'" + value;
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

TEST_CASE("CSV cells: the fast paths give what the character-by-character rules give", "[report][csv]") {
  const std::vector<std::string> specials = {
      ",", "\"", "\r", "\n", "\t", "\x1b", "\x7f", "\x01", "\xC2\x85", "\xC2\xA0", "\xFF", "\xC0\xAF",
      "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE1\xBB", "\xC2", "Đ", "ủ", "=", "@", "-", "+"};
  const std::vector<std::string> plains = {"", "a", "Đủ điều kiện; mức hưởng 500.000 đ", "abcdefgh", "-750000",
                                           "+12.5", "-12.5.1", "=SUM(A1)", "@x", "CL-0001-2"};
  std::vector<std::string> inputs = plains;
  // Each special sequence at every position of texts of 7 to 18 bytes (either side of the
  // eight-byte steps), and alone.
  for (const std::string& special : specials) {
    inputs.push_back(special);
    for (size_t length = 7; length <= 18; ++length) {
      for (size_t at = 0; at <= length; ++at) {
        inputs.push_back(std::string(at, 'x') + special + std::string(length - at, 'y'));
      }
    }
  }
  for (const bool guard : {true, false}) {
    for (const std::string& raw : inputs) {
      INFO("guard " << guard << ", cell \"" << raw << "\"");
      const std::string want = Reference(raw, guard);
      CHECK(ansinh::CsvCell(raw, guard) == want);
      std::string appended = "prefix,";
      ansinh::AppendCsvCell(&appended, raw, guard);
      CHECK(appended == "prefix," + want);
      CHECK(ansinh::internal::EscapeControls(raw) == ReferenceEscape(raw));
      // HasNoControls: never when something would change; always otherwise, but for tab and LF
      // (kept as they are; the eight-byte test leaves them to the slow path).
      const bool unchanged = ReferenceEscape(raw) == raw;
      if (ansinh::internal::HasNoControls(raw)) CHECK(unchanged);
      if (raw.find_first_of("\t\n") == std::string::npos) CHECK(ansinh::internal::HasNoControls(raw) == unchanged);
    }
  }
}
