// Internal: the expression syntax tree handed from the parser to the checker.
//
// This is the parser's *output* type, deliberately free of Spirit: the X3
// grammar builds its own position-tagged AST (expr/ast.hpp) and parse.cpp
// lowers it to this plain tree. Offsets are bytes into the expression text.
#ifndef ANSINH_LIB_EXPR_SYNTAX_HPP_
#define ANSINH_LIB_EXPR_SYNTAX_HPP_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ansinh::expr {

enum class NodeKind {
  kInt,      // 1_500_000          text = "1500000" (digits only)
  kDecimal,  // 1.5                text = "1.5"
  kString,   // "poor" or 'poor'   text = unescaped UTF-8
  kDate,     // 2024-07-01         text = "2024-07-01" (not validated as a calendar date)
  kBool,     // true / false       bool_value
  kList,     // [a, b, c]          children = items (may be empty)
  kName,     // area, household.area, param.base, as_of    path = ["household", "area"]
  kUnary,    // -x, not x          op; children[0]
  kBinary,   // x op y             op; children[0], children[1]
  kIf,       // if c then a else b children[0..2]
  kCall,     // f(a, b)            text = function name; children = arguments.
             //                    count(m in members, body) needs no special syntax: its
             //                    first argument parses as Binary(kIn, Name m, Name members)
             //                    and the checker reads it as a binding.
  kIndex,    // x[k]               children[0] = x, children[1] = k
};

enum class Op {
  kNone,
  kNeg, kNot,                               // unary
  kAdd, kSub, kMul, kDiv,                   // arithmetic
  kEq, kNe, kLt, kLe, kGt, kGe,             // comparison (never chained)
  kAnd, kOr,                                // logic
  kIn, kNotIn,                              // membership: x in list_or_set, x not in ...
};

const char* ToString(Op op) noexcept;        // "+", "==", "and", "not in", ...
const char* ToString(NodeKind kind) noexcept;

struct Node {
  NodeKind kind = NodeKind::kInt;
  Op op = Op::kNone;
  uint32_t begin = 0;  // byte offset of the node's first character
  uint32_t end = 0;    // one past its last character
  std::string text;
  bool bool_value = false;
  std::vector<std::string> path;    // kName
  std::vector<uint32_t> path_begins;  // kName: offset of each path part
  std::vector<std::unique_ptr<Node>> children;
};

// A syntax error: where (byte offset into the text) and what was expected, in
// words a policy officer understands ("expected ')' to close '(' opened at
// column 5", "'=' compares nothing: write '==' to test equality").
struct SyntaxError {
  uint32_t offset = 0;
  uint32_t length = 1;
  std::string message;
  bool limit = false;  // a ParseOptions limit was exceeded (reported as E_LIMIT), not a slip
  std::string message_vi = {};  // the same in Vietnamese (places named by the Vietnamese PlaceNamer)
};

struct ParseOptions {
  uint32_t max_depth = 64;       // nesting of parentheses/operators/calls
  uint32_t max_length = 8192;    // bytes
};

// How a message names the place of byte `offset` of the text (the '(' an
// "expected ')'" refers to). Empty: "column 7", or "line 2, column 7" in a
// multi-line text, counted within the expression. A caller that knows where
// the text comes from (a YAML file) names the place in that file instead.
using PlaceNamer = std::function<std::string(uint32_t offset)>;
// max_depth counts open brackets, prefix '-'/'not' and 'if's; values above
// kMaxSupportedDepth are treated as kMaxSupportedDepth (each level costs the
// grammar ~5 KB of stack, ~25 KB in a sanitizer debug build). The returned
// tree is at most kTreeDepthPerLevel * max_depth edges deep (long chains like
// a + b + c + ... nest to the left), so consumers may recurse on it.
constexpr uint32_t kMaxSupportedDepth = 256;
constexpr uint32_t kTreeDepthPerLevel = 16;

struct ParseResult {
  std::unique_ptr<Node> root;          // null when errors is not empty
  std::vector<SyntaxError> errors;     // at least one when root is null
};

// Parses one expression (the whole text must be consumed; '#' starts a comment
// to the end of the line). Never throws (catches everything from Spirit), never
// recurses deeper than options.max_depth (deeper input is an error, not a crash).
// Thread-safe. `where` names places in messages (PlaceNamer).
// `where_vi` names them in the Vietnamese message ("dòng 2, cột 7" when empty).
ParseResult ParseExpression(const std::string& text, const ParseOptions& options = {},
                            const PlaceNamer& where = {}, const PlaceNamer& where_vi = {});

}  // namespace ansinh::expr

#endif  // ANSINH_LIB_EXPR_SYNTAX_HPP_
