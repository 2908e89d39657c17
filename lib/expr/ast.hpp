// Internal to lib/expr: the position-tagged AST the X3 grammar builds.
//
// It mirrors the grammar levels (every binary level is a `Chain`, a first
// operand and a list of operations) rather than the final tree; parse.cpp
// lowers it to the plain expr::Node tree of syntax.hpp and nothing outside
// lib/expr ever sees it. Positions live in the parse's Positions table
// (positions.hpp), keyed by the ids in x3::position_tagged.
#ifndef ANSINH_LIB_EXPR_AST_HPP_
#define ANSINH_LIB_EXPR_AST_HPP_

#include <string>
#include <vector>

#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>

#include "expr/syntax.hpp"

namespace ansinh::expr::ast {

namespace x3 = boost::spirit::x3;

struct Nil {};
struct Unary;
struct Chain;
struct If;
struct Call;
struct List;
struct Postfix;

// int, decimal, string, date or bool; `text` is the literal exactly as written
// (quotes, escapes and '_' included): the lowering normalises it.
struct Literal : x3::position_tagged {
  NodeKind kind = NodeKind::kInt;
  std::string text;
};

// area, household.area: the parts of a dotted name (written without spaces).
struct Name : x3::position_tagged {
  std::string first;
  std::vector<std::string> rest;
};

struct Operand : x3::variant<Nil, Literal, Name, x3::forward_ast<Unary>, x3::forward_ast<Chain>,
                             x3::forward_ast<If>, x3::forward_ast<Call>, x3::forward_ast<List>,
                             x3::forward_ast<Postfix>> {
  using base_type::base_type;
  using base_type::operator=;
};

// One step of a chain: `+ b`, `and c`, `< d`; an index `[k]` has op kNone.
// Its position runs from the operator (or '[') to the end of the operand.
struct Operation : x3::position_tagged {
  Op op = Op::kNone;
  Operand operand;
};

// first op1 x1 op2 x2 ...: left-associative.
struct Chain : x3::position_tagged {
  Operand first;
  std::vector<Operation> rest;
};

// -x, not x
struct Unary : x3::position_tagged {
  Op op = Op::kNone;
  Operand operand;
};

struct If : x3::position_tagged {
  Operand condition;
  Operand then_branch;
  Operand else_branch;
};

struct Call : x3::position_tagged {
  std::string function;
  std::vector<Operand> arguments;
};

struct List : x3::position_tagged {
  std::vector<Operand> items;
};

// primary [k1] [k2] ...: each index is an Operation with op kNone.
struct Postfix : x3::position_tagged {
  Operand primary;
  std::vector<Operation> indices;
};

}  // namespace ansinh::expr::ast

#endif  // ANSINH_LIB_EXPR_AST_HPP_
