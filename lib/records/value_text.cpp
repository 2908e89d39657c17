#include "records/value_text.hpp"

#include <cstring>

#include "common/int128.hpp"

namespace ansinh::internal {
namespace {

constexpr int kMaxSignificant = 19;  // 10^19 - 1 < 2^64

bool IsDigit(char c) noexcept { return c >= '0' && c <= '9'; }

// Reads digits (with '_' between them) starting at `i`; calls `on_digit` for each.
template <typename OnDigit>
bool ReadDigits(std::string_view s, size_t* i, OnDigit on_digit) {
  size_t count = 0;
  bool last_underscore = false;
  for (; *i < s.size(); ++*i) {
    const char c = s[*i];
    if (c == '_') {
      if (count == 0 || last_underscore) return false;
      last_underscore = true;
      continue;
    }
    if (!IsDigit(c)) break;
    last_underscore = false;
    on_digit(c - '0');
    ++count;
  }
  return count > 0 && !last_underscore;
}

// 10^n for n in [0, 19].
uint64_t Pow10(int n) noexcept {
  static constexpr uint64_t kPowers[20] = {1ULL,
                                           10ULL,
                                           100ULL,
                                           1000ULL,
                                           10000ULL,
                                           100000ULL,
                                           1000000ULL,
                                           10000000ULL,
                                           100000000ULL,
                                           1000000000ULL,
                                           10000000000ULL,
                                           100000000000ULL,
                                           1000000000000ULL,
                                           10000000000000ULL,
                                           100000000000000ULL,
                                           1000000000000000ULL,
                                           10000000000000000ULL,
                                           100000000000000000ULL,
                                           1000000000000000000ULL,
                                           10000000000000000000ULL};
  return kPowers[n];
}

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 if invalid.
size_t Utf8SequenceLength(const unsigned char* s, size_t n) noexcept {
  const unsigned char c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (n < len) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((s[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[k] & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::optional<ExactNumber> ParseExactNumber(std::string_view s) noexcept {
  ExactNumber n;
  // Fast path: [-]digits, at most 18 of them (most values in records).
  if (!s.empty() && s.size() <= 19) {
    size_t k = s[0] == '-' ? 1 : 0;
    const size_t start = k;
    uint64_t v = 0;
    for (; k < s.size() && IsDigit(s[k]); ++k) v = v * 10 + static_cast<uint64_t>(s[k] - '0');
    if (k == s.size() && k > start && k - start <= 18) {
      n.negative = start == 1;
      n.digits = v;
      return n;
    }
  }
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    n.negative = s[i] == '-';
    ++i;
  }
  int significant = 0;
  bool lost = false;  // a non-zero digit beyond kMaxSignificant
  auto whole_digit = [&](int d) {
    if (significant == 0 && d == 0) return;
    if (significant < kMaxSignificant) {
      n.digits = n.digits * 10 + static_cast<uint64_t>(d);
      ++significant;
    } else {
      ++n.exponent;
      lost = lost || d != 0;
    }
  };
  if (!ReadDigits(s, &i, whole_digit)) return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    ++i;
    auto frac_digit = [&](int d) {
      if (significant == 0 && d == 0) {
        --n.exponent;
        return;
      }
      if (significant < kMaxSignificant) {
        n.digits = n.digits * 10 + static_cast<uint64_t>(d);
        ++significant;
        --n.exponent;
      } else {
        lost = lost || d != 0;
      }
    };
    if (!ReadDigits(s, &i, frac_digit)) return std::nullopt;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      exp_negative = s[i] == '-';
      ++i;
    }
    int64_t e = 0;
    size_t start = i;
    for (; i < s.size() && IsDigit(s[i]); ++i) {
      if (e < 100000) e = e * 10 + (s[i] - '0');
    }
    if (i == start) return std::nullopt;
    n.exponent += static_cast<int32_t>(exp_negative ? -e : e);
  }
  if (i != s.size()) return std::nullopt;
  n.too_many_digits = lost;
  if (n.digits == 0) n.exponent = 0;
  return n;
}

NumberStatus ScaleToInt64(const ExactNumber& n, int shift, int64_t* out) noexcept {
  if (n.too_many_digits) return NumberStatus::kOutOfRange;
  if (n.digits == 0) {
    *out = 0;
    return NumberStatus::kOk;
  }
  const int64_t e = static_cast<int64_t>(n.exponent) + shift;
  UInt128 mag = n.digits;
  if (e >= 0) {
    if (e > 19) return NumberStatus::kOutOfRange;
    mag *= Pow10(static_cast<int>(e));
  } else {
    if (e < -19) return NumberStatus::kFraction;
    const uint64_t p = Pow10(static_cast<int>(-e));
    if (n.digits % p != 0) return NumberStatus::kFraction;
    mag = n.digits / p;
  }
  const UInt128 limit = static_cast<UInt128>(INT64_MAX) + (n.negative ? 1 : 0);
  if (mag > limit) return NumberStatus::kOutOfRange;
  *out = n.negative ? static_cast<int64_t>(-static_cast<Int128>(mag)) : static_cast<int64_t>(mag);
  return NumberStatus::kOk;
}

NumberStatus ParseWholeNumber(std::string_view text, int64_t* out) noexcept {
  // Fast path: plain digits.
  if (!text.empty() && text.size() <= 18) {
    size_t i = text[0] == '-' ? 1 : 0;
    if (i < text.size()) {
      int64_t v = 0;
      size_t k = i;
      for (; k < text.size() && IsDigit(text[k]); ++k) v = v * 10 + (text[k] - '0');
      if (k == text.size()) {
        *out = i ? -v : v;
        return NumberStatus::kOk;
      }
    }
  }
  const auto n = ParseExactNumber(text);
  if (!n) return NumberStatus::kNotNumber;
  return ScaleToInt64(*n, 0, out);
}

NumberStatus ParseMillionths(std::string_view text, int64_t* out) noexcept {
  const auto n = ParseExactNumber(text);
  if (!n) return NumberStatus::kNotNumber;
  return ScaleToInt64(*n, 6, out);
}

std::optional<bool> ParseBoolText(std::string_view text) noexcept {
  if (text.size() == 4 && std::memcmp(text.data(), "true", 4) == 0) return true;  // how most files say it
  if (text.size() == 5 && std::memcmp(text.data(), "false", 5) == 0) return false;
  char buf[8];
  if (text.empty() || text.size() > sizeof buf) return std::nullopt;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    // Ó (C3 93) -> ó (C3 B3), Ô (C3 94) -> ô (C3 B4)
    if (i > 0 && text[i - 1] == '\xC3' && (c == '\x93' || c == '\x94')) c = static_cast<char>(c + 0x20);
    buf[i] = c;
  }
  const std::string_view t(buf, text.size());
  if (t == "true" || t == "1" || t == "yes" || t == "c\xC3\xB3") return true;
  if (t == "false" || t == "0" || t == "no" || t == "kh\xC3\xB4ng") return false;
  return std::nullopt;
}

std::optional<Date> ParseDateText(std::string_view text) noexcept {
  if (text.size() == 10 && text[4] == '-') return Date::Parse(text);
  // D/M/YYYY .. DD/MM/YYYY
  int parts[3] = {0, 0, 0};
  size_t widths[3] = {0, 0, 0};
  int part = 0;
  for (char c : text) {
    if (c == '/') {
      if (++part > 2) return std::nullopt;
      continue;
    }
    if (!IsDigit(c) || widths[part] >= 4) return std::nullopt;
    parts[part] = parts[part] * 10 + (c - '0');
    ++widths[part];
  }
  if (part != 2 || widths[0] < 1 || widths[0] > 2 || widths[1] < 1 || widths[1] > 2 || widths[2] != 4) {
    return std::nullopt;
  }
  const int d = parts[0], m = parts[1], y = parts[2];
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  char iso[11] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                  static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                  static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                  static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10), '\0'};
  return Date::Parse(std::string_view(iso, 10));
}

bool IsValidUtf8(std::string_view text) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path, 8 bytes at a time.
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t len = Utf8SequenceLength(s + i, n - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

void AppendSanitizedUtf8(std::string_view text, std::string* out) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  while (i < text.size()) {
    const size_t len = Utf8SequenceLength(s + i, text.size() - i);
    if (len == 0) {
      out->append("\xEF\xBF\xBD");
      ++i;
    } else {
      out->append(text.data() + i, len);
      i += len;
    }
  }
}

std::string QuoteForMessage(std::string_view text, size_t max_bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "'";
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  while (i < text.size()) {
    if (out.size() > max_bytes) {
      out += "\xE2\x80\xA6";  // …
      break;
    }
    const size_t len = Utf8SequenceLength(s + i, text.size() - i);
    if (len == 0 || (len == 1 && (s[i] < 0x20 || s[i] == 0x7F))) {
      out += "\\x";
      out += kHex[s[i] >> 4];
      out += kHex[s[i] & 0xF];
      ++i;
      continue;
    }
    out.append(text.data() + i, len);
    i += len;
  }
  out += '\'';
  return out;
}

}  // namespace ansinh::internal
