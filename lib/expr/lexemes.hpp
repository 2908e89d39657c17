// Internal to lib/expr: scanning of single lexemes for the pre-scan (numbers,
// dates, strings, non-ASCII characters) and the ASCII classes the grammar
// uses. Pure functions; thread-safe.
#ifndef ANSINH_LIB_EXPR_LEXEMES_HPP_
#define ANSINH_LIB_EXPR_LEXEMES_HPP_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "expr/scan.hpp"
#include "expr/syntax.hpp"

namespace ansinh::expr {

constexpr bool IsDigit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool IsIdentStart(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr bool IsIdentChar(char c) noexcept { return IsIdentStart(c) || IsDigit(c); }

// One lexeme: a token, or the error that stops the scan. `error_token_begin`
// is where the bad token starts (an escape error lies inside its string).
struct LexResult {
  Token token;
  std::optional<SyntaxError> error;
  size_t error_token_begin = 0;
};

inline LexResult LexToken(TokenKind kind, size_t begin, size_t end) {
  return LexResult{Token{kind, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)}, {}, 0};
}
// `message` in English, `message_vi` in Vietnamese.
inline LexResult LexError(size_t offset, size_t length, std::string message, std::string message_vi,
                          size_t token_begin) {
  SyntaxError error{static_cast<uint32_t>(offset), static_cast<uint32_t>(length), std::move(message)};
  error.message_vi = std::move(message_vi);
  return LexResult{{}, std::move(error), token_begin};
}
inline LexResult LexError(size_t offset, size_t length, std::string message, std::string message_vi) {
  return LexError(offset, length, std::move(message), std::move(message_vi), offset);
}

// At a digit: an integer, decimal or date, with range and shape checks.
LexResult ScanNumber(std::string_view text, size_t p);
// At a '"' or '\'': a string on one line, escapes checked, valid UTF-8.
LexResult ScanString(std::string_view text, size_t p);
// At a byte >= 0x80 outside a string: always an error (≤ ≥ ≠, typographic quotes, ...).
LexResult ScanNonAscii(std::string_view text, size_t p);
// "unexpected character '$'" (or the byte's code for a control character).
std::pair<std::string, std::string> UnexpectedAscii(char c);  // English, Vietnamese

// Length of the valid UTF-8 sequence at text[p], 0 when invalid.
size_t Utf8Length(std::string_view text, size_t p) noexcept;

}  // namespace ansinh::expr

#endif  // ANSINH_LIB_EXPR_LEXEMES_HPP_
