#include "common/text_safety.hpp"

#include <cstdint>
#include <cstring>

#include <simdjson.h>

#include "common/swar.hpp"

namespace ansinh::internal {

size_t Utf8Length(std::string_view s, size_t i) noexcept {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t len = 0;
  uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  }
  if (len == 0 || i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

bool IsControl(std::string_view s, size_t i, size_t len) noexcept {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (len == 1) return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
  // C1 controls: U+0080..U+009F, encoded C2 80..C2 9F.
  return len == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0;
}

bool HasNoControls(std::string_view text) noexcept {
  // Any byte below 0x20 (tab and LF included: the exact test is left to EscapeControls's loop),
  // DEL, or with the high bit set, eight bytes at a time.
  uint64_t control = 0, high = 0;
  size_t at = 0;
  for (; at + 8 <= text.size(); at += 8) {
    const uint64_t w = Load8(text.data() + at);
    control |= AnyBelow(w, 0x20) | AnyEqual(w, 0x7F);
    high |= w & kHighs;
  }
  for (; at < text.size(); ++at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x20 || c == 0x7F) return false;
    high |= c & 0x80;
  }
  if (control != 0) return false;
  if (high == 0) return true;
  if (!simdjson::validate_utf8(text.data(), text.size())) return false;
  // C1 controls (U+0080..U+009F) are C2 80..C2 9F in valid UTF-8.
  for (const char* p = text.data(), *end = text.data() + text.size();
       (p = static_cast<const char*>(std::memchr(p, 0xC2, static_cast<size_t>(end - p)))) != nullptr; ++p) {
    if (p + 1 < end && static_cast<unsigned char>(p[1]) < 0xA0) return false;
  }
  return true;
}

std::string EscapeControls(std::string_view text) {
  if (HasNoControls(text)) return std::string(text);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  size_t copied = 0;  // text[copied, i) still to append
  size_t i = 0;
  while (i < text.size()) {
    const size_t len = Utf8Length(text, i);
    const bool cr = text[i] == '\r';
    if (len != 0 && !cr && !IsControl(text, i, len)) {
      i += len;
      continue;
    }
    out.append(text.data() + copied, i - copied);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      i += 1;
    } else if (len == 2) {  // C1: U+0080 + the low 6 bits of the second byte
      const unsigned cp = 0x80u + (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      out += "\\u00";
      out += kHex[cp >> 4];
      out += kHex[cp & 0xF];
      i += 2;
    } else {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      i += 1;
    }
    copied = i;
  }
  if (copied == 0) return std::string(text);
  out.append(text.data() + copied, text.size() - copied);
  return out;
}

bool LooksLikeFormula(std::string_view cell) noexcept {
  if (cell.empty()) return false;
  const char c = cell[0];
  if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
  if (c == '-' || c == '+') {  // a plain number is data, not a formula
    size_t k = 1;
    bool digits = false, dot = false;
    for (; k < cell.size(); ++k) {
      if (cell[k] >= '0' && cell[k] <= '9') {
        digits = true;
      } else if (cell[k] == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (digits && k == cell.size()) return false;
  }
  return true;
}

std::string NeutralizeFormula(std::string_view cell) {
  return LooksLikeFormula(cell) ? "'" + std::string(cell) : std::string(cell);
}

std::string ThousandsGroupedDigits(std::string_view text) {
  std::string out;
  size_t i = 0;
  if (!text.empty() && text[0] == '-') {
    out += '-';
    i = 1;
  }
  auto digit = [&](size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
  size_t lead = 0;
  while (digit(i + lead)) ++lead;
  if (lead == 0 || lead > 3 || (text[i] == '0')) return {};
  out.append(text.substr(i, lead));
  i += lead;
  const char separator = i < text.size() ? text[i] : '\0';
  if (separator != '.' && separator != ',') return {};
  while (i < text.size()) {
    if (text[i] != separator || !digit(i + 1) || !digit(i + 2) || !digit(i + 3)) return {};
    out.append(text.substr(i + 1, 3));
    i += 4;
  }
  return out;
}

}  // namespace ansinh::internal
