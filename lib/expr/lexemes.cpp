#include "expr/lexemes.hpp"

#include <algorithm>
#include <cstdio>

#include "ansinh/decimal.hpp"

namespace ansinh::expr {
namespace {

constexpr std::string_view kInt64Max = "9223372036854775807";
constexpr size_t kMaxDecimals = 6;
constexpr std::string_view kDateHint = "write dates as YYYY-MM-DD, e.g. 2024-07-01";
constexpr std::string_view kDateHintVi = "viết ngày dạng YYYY-MM-DD, ví dụ 2024-07-01";

size_t DigitsEnd(std::string_view text, size_t p, bool underscores) {
  while (p < text.size() && (IsDigit(text[p]) || (underscores && text[p] == '_'))) ++p;
  return p;
}

std::string Quote(std::string_view text) { return "'" + std::string(text) + "'"; }

// 2024-7-1, 01-07-2024, 2024/07/01, 01/07/2024: digit groups joined by one
// repeated '-' or '/', no spaces, one group of 4 digits. Returns its end or 0.
size_t DateLikeEnd(std::string_view text, size_t p) {
  size_t sizes[3];
  size_t q = p;
  char separator = '\0';
  for (int i = 0; i < 3; ++i) {
    size_t e = DigitsEnd(text, q, false);
    sizes[i] = e - q;
    if (sizes[i] == 0) return 0;
    q = e;
    if (i == 2) break;
    if (q >= text.size() || (text[q] != '-' && text[q] != '/')) return 0;
    if (separator != '\0' && text[q] != separator) return 0;
    separator = text[q++];
  }
  bool year_first = sizes[0] == 4 && sizes[1] <= 3 && sizes[2] <= 3;
  bool year_last = sizes[0] <= 2 && sizes[1] <= 2 && sizes[2] == 4;
  return year_first || year_last ? q : 0;
}

bool IntegerTooLarge(std::string_view digits_with_underscores) {
  std::string digits;
  for (char c : digits_with_underscores) {
    if (c != '_' && !(digits.empty() && c == '0')) digits.push_back(c);
  }
  return digits.size() > kInt64Max.size() ||
         (digits.size() == kInt64Max.size() && digits > kInt64Max);
}

}  // namespace

LexResult ScanNumber(std::string_view text, size_t p) {
  auto at = [&](size_t i) { return i < text.size() ? text[i] : '\0'; };
  size_t int_end = DigitsEnd(text, p, true);
  size_t end = int_end;
  bool is_date = int_end - p == 4 && DigitsEnd(text, p, false) == int_end &&
                 at(int_end) == '-' && DigitsEnd(text, int_end + 1, false) == int_end + 3 &&
                 at(int_end + 3) == '-' && DigitsEnd(text, int_end + 4, false) == int_end + 6;
  if (is_date) {
    end = int_end + 6;
  } else if (size_t date_like = DateLikeEnd(text, p); date_like != 0) {
    return LexError(p, date_like - p, std::string(kDateHint), std::string(kDateHintVi));
  } else if (at(end) == '.') {
    size_t frac_end = DigitsEnd(text, end + 1, false);
    if (frac_end == end + 1) {
      const std::string fixed = std::string(text.substr(p, end - p)) + ".0";
      return LexError(p, end + 1 - p, "write a digit after '.': " + fixed, "viết một chữ số sau '.': " + fixed);
    }
    end = frac_end;
  }
  if (IsIdentChar(at(end)) || at(end) == '.') {
    size_t bad_end = end;
    while (bad_end < text.size() && (IsIdentChar(text[bad_end]) || text[bad_end] == '.')) ++bad_end;
    const std::string bad = Quote(text.substr(p, bad_end - p));
    return LexError(p, bad_end - p,
                    (is_date ? "malformed date " : "malformed number ") + bad + " (names start with a letter)",
                    (is_date ? "ngày viết sai " : "số viết sai ") + bad + " (tên phải bắt đầu bằng một chữ cái)");
  }
  std::string_view lexeme = text.substr(p, end - p);
  if (is_date) return LexToken(TokenKind::kDate, p, end);
  if (end != int_end) {  // a decimal
    if (end - int_end - 1 > kMaxDecimals) {
      return LexError(p, end - p, "too many decimals in " + Quote(lexeme) + ": at most 6",
                      "quá nhiều chữ số thập phân trong " + Quote(lexeme) + ": tối đa 6");
    }
    if (!Decimal::Parse(lexeme)) {
      return LexError(p, end - p, "number too large: " + Quote(lexeme) + " (decimals go up to 9223372036854.775807)",
                      "số quá lớn: " + Quote(lexeme) + " (số thập phân tối đa 9223372036854.775807)");
    }
  } else if (IntegerTooLarge(lexeme)) {
    return LexError(p, end - p, "number too large: " + Quote(lexeme) + " (integers go up to 9223372036854775807)",
                    "số quá lớn: " + Quote(lexeme) + " (số nguyên tối đa 9223372036854775807)");
  }
  return LexToken(TokenKind::kNumber, p, end);
}

LexResult ScanString(std::string_view text, size_t p) {
  const char quote = text[p];
  std::string unterminated = std::string("unterminated string: no closing ") + quote + " on the same line";
  std::string unterminated_vi = std::string("chuỗi chưa đóng: không có dấu ") + quote + " đóng trên cùng dòng";
  size_t i = p + 1;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == static_cast<unsigned char>(quote)) return LexToken(TokenKind::kString, p, i + 1);
    if (c == '\n' || c == '\r') break;
    if (c == '\\' && quote == '"') {
      char e = i + 1 < text.size() ? text[i + 1] : '\0';
      if (e == '"' || e == '\\' || e == 'n' || e == 't') {
        i += 2;
        continue;
      }
      if (e == '\0' || e == '\n' || e == '\r') break;
      size_t length = 1 + std::max<size_t>(1, Utf8Length(text, i + 1));
      return LexError(i, length,
                      "unknown escape " + Quote(text.substr(i, length)) + " in a string: use \\\" \\\\ \\n or \\t",
                      "chuỗi có ký tự thoát lạ " + Quote(text.substr(i, length)) + ": chỉ dùng \\\" \\\\ \\n hoặc \\t",
                      p);
    }
    if (c >= 0x80) {
      size_t length = Utf8Length(text, i);
      if (length == 0) return LexError(i, 1, "invalid UTF-8 in a string", "chuỗi có byte không phải UTF-8", p);
      i += length;
      continue;
    }
    ++i;
  }
  return LexError(p, 1, unterminated, unterminated_vi);
}

LexResult ScanNonAscii(std::string_view text, size_t p) {
  struct Slip {
    std::string_view character, en, vi;
  };
  static constexpr Slip kSlips[] = {
      {"\u2264", "write '<=' instead of '\u2264'", "viết '<=' thay cho '\u2264'"},
      {"\u2265", "write '>=' instead of '\u2265'", "viết '>=' thay cho '\u2265'"},
      {"\u2260", "write '!=' instead of '\u2260'", "viết '!=' thay cho '\u2260'"},
      {"\u2212", "write '-' instead of '\u2212'", "viết '-' thay cho '\u2212'"},
      {"\u2013", "write '-' instead of '\u2013'", "viết '-' thay cho '\u2013'"},
      {"\u00d7", "write '*' instead of '\u00d7'", "viết '*' thay cho '\u00d7'"},
      {"\u00f7", "write '/' instead of '\u00f7'", "viết '/' thay cho '\u00f7'"},
      {"\u201c", "write a straight quote \" instead of '\u201c'", "viết dấu nháy thẳng \" thay cho '\u201c'"},
      {"\u201d", "write a straight quote \" instead of '\u201d'", "viết dấu nháy thẳng \" thay cho '\u201d'"},
      {"\u2018", "write a straight quote ' instead of '\u2018'", "viết dấu nháy thẳng ' thay cho '\u2018'"},
      {"\u2019", "write a straight quote ' instead of '\u2019'", "viết dấu nháy thẳng ' thay cho '\u2019'"},
      {"\u00a0", "unexpected non-breaking space: use an ordinary space",
       "dấu cách không ngắt (non-breaking space): hãy dùng dấu cách thường"},
  };
  size_t length = Utf8Length(text, p);
  if (length == 0) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned>(static_cast<unsigned char>(text[p])));
    return LexError(p, 1, std::string("unexpected byte ") + hex + " (the text is not UTF-8)",
                    std::string("byte lạ ") + hex + " (văn bản không phải UTF-8)");
  }
  std::string_view character = text.substr(p, length);
  for (const Slip& slip : kSlips) {
    if (slip.character == character) return LexError(p, length, std::string(slip.en), std::string(slip.vi));
  }
  std::string message = "unexpected character " + Quote(character);
  std::string message_vi = "ký tự lạ " + Quote(character);
  if ((p > 0 && IsIdentChar(text[p - 1])) ||
      (p + length < text.size() && IsIdentChar(text[p + length]))) {
    message += ": names use only ASCII letters, digits and '_'";
    message_vi += ": tên chỉ dùng chữ cái ASCII không dấu, chữ số và '_'";
  }
  return LexError(p, length, message, message_vi);
}

std::pair<std::string, std::string> UnexpectedAscii(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  if (u < 0x20 || u == 0x7f) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", u);
    return {std::string("unexpected control character (byte ") + hex + ")",
            std::string("ký tự điều khiển lạ (byte ") + hex + ")"};
  }
  return {std::string("unexpected character '") + c + "'", std::string("ký tự lạ '") + c + "'"};
}

size_t Utf8Length(std::string_view text, size_t p) noexcept {
  auto byte = [&](size_t i) -> unsigned {
    return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u;
  };
  unsigned c = byte(p);
  size_t length;
  unsigned low = 0x80, high = 0xBF;  // range of the second byte
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (byte(p + 1) < low || byte(p + 1) > high) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (byte(p + i) < 0x80 || byte(p + i) > 0xBF) return 0;
  }
  return length;
}

}  // namespace ansinh::expr
