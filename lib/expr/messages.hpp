// Internal to lib/expr: words the grammar's first expectation failure for a
// policy officer, using the pre-scan's tokens: the operator an operand is
// missing after, the unclosed bracket and where it opened, the operands of a
// chained comparison. Pure function; thread-safe.
#ifndef ANSINH_LIB_EXPR_MESSAGES_HPP_
#define ANSINH_LIB_EXPR_MESSAGES_HPP_

#include <cstdint>
#include <string_view>
#include <vector>

#include "expr/scan.hpp"
#include "expr/syntax.hpp"

namespace ansinh::expr {

// `offset`: where X3 failed (moved forward here to the next token, past
// blanks and comments); `which`: the rule X3 expected (error_handler.hpp's
// id map keys); `expected`: the generic "expected ..." used for any other
// rule. `tokens` are the pre-scan's tokens of `text`. `where` names the place
// of an offset (PlaceNamer); empty: the column in `text`.
SyntaxError DescribeFailure(uint32_t offset, std::string_view which, std::string_view expected,
                            const std::vector<Token>& tokens, std::string_view text,
                            const PlaceNamer& where = {}, const PlaceNamer& where_vi = {});

}  // namespace ansinh::expr

#endif  // ANSINH_LIB_EXPR_MESSAGES_HPP_
