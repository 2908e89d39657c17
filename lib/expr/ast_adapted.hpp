// Internal to lib/expr: Fusion adaptation of the X3 AST (global scope, as
// BOOST_FUSION_ADAPT_STRUCT requires).
#ifndef ANSINH_LIB_EXPR_AST_ADAPTED_HPP_
#define ANSINH_LIB_EXPR_AST_ADAPTED_HPP_

#include <boost/fusion/include/adapt_struct.hpp>

#include "expr/ast.hpp"

BOOST_FUSION_ADAPT_STRUCT(ansinh::expr::ast::Literal, kind, text)
BOOST_FUSION_ADAPT_STRUCT(ansinh::expr::ast::Name, first, rest)
BOOST_FUSION_ADAPT_STRUCT(ansinh::expr::ast::Operation, op, operand)
BOOST_FUSION_ADAPT_STRUCT(ansinh::expr::ast::Chain, first, rest)
BOOST_FUSION_ADAPT_STRUCT(ansinh::expr::ast::Unary, op, operand)
BOOST_FUSION_ADAPT_STRUCT(ansinh::expr::ast::If, condition, then_branch, else_branch)
BOOST_FUSION_ADAPT_STRUCT(ansinh::expr::ast::Call, function, arguments)
BOOST_FUSION_ADAPT_STRUCT(ansinh::expr::ast::List, items)
BOOST_FUSION_ADAPT_STRUCT(ansinh::expr::ast::Postfix, primary, indices)

#endif  // ANSINH_LIB_EXPR_AST_ADAPTED_HPP_
