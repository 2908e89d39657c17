// Internal: text that reaches a terminal, a spreadsheet or a report safely.
//
// Household ids, names and values come from registries, labels from rule
// files: a terminal escape sequence in an id must not reach the terminal, a
// NUL or a stray Windows-1258 byte must not reach a report raw, and a CSV
// cell starting with '=' must not become a spreadsheet formula.
#ifndef ANSINH_LIB_COMMON_TEXT_SAFETY_HPP_
#define ANSINH_LIB_COMMON_TEXT_SAFETY_HPP_

#include <cstddef>
#include <string>
#include <string_view>

namespace ansinh::internal {

// Length of the valid UTF-8 sequence at s[i] (1 for ASCII), or 0 when the
// bytes there are not valid UTF-8 (overlong, surrogate, beyond U+10FFFF,
// truncated). i < s.size().
size_t Utf8Length(std::string_view s, size_t i) noexcept;

// Whether the character at s[i] (of `len` bytes, as Utf8Length) is a control
// character: C0 other than tab, LF and CR; DEL; C1 (U+0080..U+009F).
bool IsControl(std::string_view s, size_t i, size_t len) noexcept;

// `text` for a terminal or a text file: each control character (as
// IsControl; also CR) written as \xHH (C1: \u0085), each invalid UTF-8 byte
// as U+FFFD; tab and LF kept. Returns `text` itself when nothing changes.
std::string EscapeControls(std::string_view text);

// Whether EscapeControls(text) is `text` itself (valid UTF-8, no control
// character, no CR), checked eight bytes at a time (ASCII) and with a
// vectorised UTF-8 validation (text with non-ASCII bytes): no copy, no
// character-by-character decoding for the common text.
bool HasNoControls(std::string_view text) noexcept;

// Whether NeutralizeFormula(cell) adds its apostrophe.
bool LooksLikeFormula(std::string_view cell) noexcept;

// A CSV cell that a spreadsheet would run as a formula (it starts with '=',
// '+', '-', '@', a tab or a CR) gets a leading apostrophe, which spreadsheets
// show as text (OWASP "CSV injection"). Negative numbers ("-750000") are
// left as they are.
std::string NeutralizeFormula(std::string_view cell);

// The digits of a number written grouped in thousands with dots or commas, as
// Vietnamese and English texts write money ("560.000", "1,500,000",
// "-1.500.000"): "560000", "1500000", "-1500000". Empty when `text` is not
// such a number (one to three digits, then groups of a separator and exactly
// three digits, one separator throughout).
std::string ThousandsGroupedDigits(std::string_view text);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_COMMON_TEXT_SAFETY_HPP_
