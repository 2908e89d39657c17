// Internal to lib/expr: lowering of the X3 AST to the plain expr::Node tree.
#ifndef ANSINH_LIB_EXPR_LOWER_HPP_
#define ANSINH_LIB_EXPR_LOWER_HPP_

#include <memory>
#include "expr/ast.hpp"
#include "expr/positions.hpp"
#include "expr/syntax.hpp"

namespace ansinh::expr {

// Builds the Node tree of `root`, with byte offsets from `positions` (the
// table the grammar annotated into). Literals are normalised: '_' dropped
// from numbers, quotes and escapes removed from strings. Binary chains are
// built iteratively (left-associative); the recursion follows the AST's
// nesting only, which the pre-scan bounded by ParseOptions::max_depth.
// Throws std::logic_error / std::out_of_range only on a grammar bug.
std::unique_ptr<Node> Lower(const ast::Operand& root, const parser::Positions& positions);

}  // namespace ansinh::expr

#endif  // ANSINH_LIB_EXPR_LOWER_HPP_
