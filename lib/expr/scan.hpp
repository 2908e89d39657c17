// Internal to lib/expr: the token pre-scan run before the X3 grammar.
//
// A single linear pass over the text that (1) finds lexical slips and gives
// them their specific message ('=', '&&', '≤', an unterminated string, a number
// too large, 2024-7-1, ...), (2) bounds the nesting the grammar will recurse
// through, so X3 never recurses deeper than ParseOptions::max_depth, and (3)
// keeps the tokens, which messages.cpp uses to word the grammar's errors.
// No Spirit here: this file is cheap to compile. Stateless, thread-safe.
#ifndef ANSINH_LIB_EXPR_SCAN_HPP_
#define ANSINH_LIB_EXPR_SCAN_HPP_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "expr/syntax.hpp"

namespace ansinh::expr {

enum class TokenKind : uint8_t {
  kName,     // area, household.area (no spaces around '.')
  kKeyword,  // and or not in if then else true false
  kNumber,   // 36, 1_500_000, 1.5
  kDate,     // 2024-07-01
  kString,   // "a\"b", 'a'
  kPunct,    // ( ) [ ] , + - * / == != < <= > >=
};

struct Token {
  TokenKind kind = TokenKind::kPunct;
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct ScanResult {
  std::vector<Token> tokens;  // every token that starts before clean_end
  // The grammar may read text[0, clean_end): no lexical error lies inside it
  // and its nesting is within the limit. The whole text when `error` is empty.
  uint32_t clean_end = 0;
  // The first lexical error, or the nesting error; its token starts at clean_end.
  std::optional<SyntaxError> error;
};

// Scans `text` (at most UINT32_MAX bytes: ParseExpression checks max_length first).
ScanResult Scan(std::string_view text, uint32_t max_depth);

// True for the tokens after which a '-' is binary and 'not' starts 'not in'.
bool EndsOperand(const Token& token, std::string_view text) noexcept;

}  // namespace ansinh::expr

#endif  // ANSINH_LIB_EXPR_SCAN_HPP_
