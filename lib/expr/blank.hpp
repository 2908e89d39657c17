// Internal to lib/expr: what separates tokens (whitespace and '#' comments).
//
// One definition shared by the token pre-scan (scan.cpp) and the X3 skipper
// (config.hpp), so both always agree on where a token starts.
#ifndef ANSINH_LIB_EXPR_BLANK_HPP_
#define ANSINH_LIB_EXPR_BLANK_HPP_

namespace ansinh::expr {

constexpr bool IsBlankChar(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Returns the first position at or after `p` that is neither whitespace nor
// inside a comment ('#' to the end of the line: '\n' or '\r').
inline const char* SkipBlank(const char* p, const char* end) noexcept {
  while (p != end) {
    if (IsBlankChar(*p)) {
      ++p;
    } else if (*p == '#') {
      while (p != end && *p != '\n' && *p != '\r') ++p;
    } else {
      break;
    }
  }
  return p;
}

}  // namespace ansinh::expr

#endif  // ANSINH_LIB_EXPR_BLANK_HPP_
