// Internal to lib/expr: the expression grammar's start rule, declared here and
// defined/instantiated only in grammar.cpp (the one Spirit-heavy TU).
#ifndef ANSINH_LIB_EXPR_GRAMMAR_HPP_
#define ANSINH_LIB_EXPR_GRAMMAR_HPP_

#include <boost/spirit/home/x3/nonterminal/rule.hpp>

#include "expr/ast.hpp"

namespace ansinh::expr {
namespace parser {

namespace x3 = boost::spirit::x3;

// A whole expression followed by the end of the text. Its tag handles errors
// (records the first expectation failure in the context's ErrorHandler) and
// every position-tagged node is annotated into that handler's cache.
struct start_class;
using start_type = x3::rule<start_class, ast::Operand>;
BOOST_SPIRIT_DECLARE(start_type)

}  // namespace parser

// The start rule; a stateless constant, safe to use from any thread.
const parser::start_type& Grammar();

}  // namespace ansinh::expr

#endif  // ANSINH_LIB_EXPR_GRAMMAR_HPP_
