// Internal to lib/expr: the X3 grammar of docs/expression-language.md.
// Include ONLY from grammar.cpp (it is what makes that TU slow to compile).
//
// The text reaching this grammar has passed the token pre-scan (scan.cpp): it
// is ASCII outside strings and comments, its strings are terminated, and its
// nesting is bounded. Keyword boundaries and character classes are written
// with explicit ASCII sets, never locale-dependent classification.
#ifndef ANSINH_LIB_EXPR_GRAMMAR_DEF_HPP_
#define ANSINH_LIB_EXPR_GRAMMAR_DEF_HPP_

#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/utility/annotate_on_success.hpp>

#include "expr/ast.hpp"
#include "expr/ast_adapted.hpp"
#include "expr/error_handler.hpp"
#include "expr/grammar.hpp"

namespace ansinh::expr::parser {

///////////////////////////////////////////////////////////////////////////////
// Tokens
///////////////////////////////////////////////////////////////////////////////
const auto digit = x3::char_("0-9");
const auto ident_char = x3::char_("a-zA-Z0-9_");

// A keyword must not run on into a name: `android` is an identifier.
inline auto Kw(const char* word) { return x3::lexeme[x3::lit(word) >> !ident_char]; }

const x3::symbols<> keywords({"and", "or", "not", "in", "if", "then", "else", "true", "false"},
                             "keyword");
const x3::symbols<Op> compare_symbols(
    {{"==", Op::kEq}, {"!=", Op::kNe}, {"<", Op::kLt}, {"<=", Op::kLe}, {">", Op::kGt},
     {">=", Op::kGe}},
    "comparison operator");
const x3::symbols<Op> add_symbols({{"+", Op::kAdd}, {"-", Op::kSub}}, "'+' or '-'");
const x3::symbols<Op> mul_symbols({{"*", Op::kMul}, {"/", Op::kDiv}}, "'*' or '/'");

///////////////////////////////////////////////////////////////////////////////
// Rule IDs: nodes with positions are annotated; only the start rule handles
// errors (it records the first expectation failure, see error_handler.hpp).
///////////////////////////////////////////////////////////////////////////////
struct start_class : ErrorHandlerBase {};
struct Annotated : x3::annotate_on_success {};
struct if_class : Annotated {};
struct disjunction_class : Annotated {};
struct or_tail_class : Annotated {};
struct conjunction_class : Annotated {};
struct and_tail_class : Annotated {};
struct not_class : Annotated {};
struct comparison_class : Annotated {};
struct compare_tail_class : Annotated {};
struct sum_class : Annotated {};
struct sum_tail_class : Annotated {};
struct product_class : Annotated {};
struct product_tail_class : Annotated {};
struct neg_class : Annotated {};
struct postfix_class : Annotated {};
struct index_class : Annotated {};
struct call_class : Annotated {};
struct list_class : Annotated {};
struct name_class : Annotated {};
struct literal_class : Annotated {};
// Rules whose attribute is an Operand variant: annotating would overwrite the
// position of the node inside with the wider range (parentheses included).
struct expression_class {};
struct negation_class {};
struct unary_class {};
struct primary_class {};
struct paren_class {};
struct arguments_class {};
struct identifier_class {};

///////////////////////////////////////////////////////////////////////////////
// Rules (the names of those after a '>' are keys of error_handler.hpp's map)
///////////////////////////////////////////////////////////////////////////////
const start_type start = "start";
const x3::rule<expression_class, ast::Operand> expression = "expression";
const x3::rule<if_class, ast::If> if_expr = "if";
const x3::rule<disjunction_class, ast::Chain> disjunction = "disjunction";
const x3::rule<or_tail_class, ast::Operation> or_tail = "or_tail";
const x3::rule<conjunction_class, ast::Chain> conjunction = "conjunction";
const x3::rule<and_tail_class, ast::Operation> and_tail = "and_tail";
const x3::rule<negation_class, ast::Operand> negation = "negation";
const x3::rule<not_class, ast::Unary> not_expr = "not_expr";
const x3::rule<comparison_class, ast::Chain> comparison = "comparison";
const x3::rule<compare_tail_class, ast::Operation> compare_tail = "compare_tail";
const x3::rule<sum_class, ast::Chain> sum = "sum";
const x3::rule<sum_tail_class, ast::Operation> sum_tail = "sum_tail";
const x3::rule<product_class, ast::Chain> product = "product";
const x3::rule<product_tail_class, ast::Operation> product_tail = "product_tail";
const x3::rule<unary_class, ast::Operand> unary = "unary";
const x3::rule<neg_class, ast::Unary> neg_expr = "neg_expr";
const x3::rule<postfix_class, ast::Postfix> postfix = "postfix";
const x3::rule<index_class, ast::Operation> index = "index";
const x3::rule<primary_class, ast::Operand> primary = "primary";
const x3::rule<paren_class, ast::Operand> paren = "paren";
const x3::rule<call_class, ast::Call> call = "call";
const x3::rule<arguments_class, std::vector<ast::Operand>> arguments = "arguments";
const x3::rule<list_class, ast::List> list = "list";
const x3::rule<name_class, ast::Name> name = "name";
const x3::rule<identifier_class, std::string> identifier = "identifier";
const x3::rule<literal_class, ast::Literal> literal = "literal";

// Expectation targets with no attribute; their names say what was missing.
const x3::rule<struct end_class> end = "end";
const x3::rule<struct then_class> then_kw = "then";
const x3::rule<struct else_class> else_kw = "else";
const x3::rule<struct in_class> in_kw = "in";
const x3::rule<struct no_chain_class> no_chain = "no_chain";
const x3::rule<struct close_paren_class> close_paren = "close_paren";
const x3::rule<struct close_call_class> close_call = "close_call";
const x3::rule<struct close_list_class> close_list = "close_list";
const x3::rule<struct close_index_class> close_index = "close_index";

///////////////////////////////////////////////////////////////////////////////
// Grammar, from the lowest precedence to the highest
///////////////////////////////////////////////////////////////////////////////
const auto compare_op = compare_symbols | (Kw("in") >> x3::attr(Op::kIn)) |
                        ((Kw("not") > in_kw) >> x3::attr(Op::kNotIn));

const auto start_def = x3::eps > expression > end;
const auto expression_def = if_expr | disjunction;
const auto if_expr_def = Kw("if") > expression > then_kw > expression > else_kw > expression;
const auto disjunction_def = conjunction >> *or_tail;
const auto or_tail_def = (Kw("or") >> x3::attr(Op::kOr)) > conjunction;
const auto conjunction_def = negation >> *and_tail;
const auto and_tail_def = (Kw("and") >> x3::attr(Op::kAnd)) > negation;
const auto negation_def = not_expr | comparison;
const auto not_expr_def = (Kw("not") >> x3::attr(Op::kNot)) > negation;
const auto comparison_def = sum >> -compare_tail;
const auto compare_tail_def = compare_op > sum > no_chain;
const auto sum_def = product >> *sum_tail;
const auto sum_tail_def = add_symbols > product;
const auto product_def = unary >> *product_tail;
const auto product_tail_def = mul_symbols > unary;
const auto unary_def = neg_expr | postfix;
const auto neg_expr_def = (x3::lit('-') >> x3::attr(Op::kNeg)) > unary;
const auto postfix_def = primary >> *index;
const auto index_def = (x3::attr(Op::kNone) >> '[') > expression > close_index;
const auto primary_def = literal | list | call | name | paren;
const auto paren_def = '(' > expression > close_paren;
const auto call_def = (identifier >> '(') > arguments > close_call;
const auto arguments_def = -(expression % ',');
const auto list_def = '[' > arguments > close_list;
const auto name_def = x3::lexeme[identifier >> *('.' >> identifier)];
const auto identifier_def =
    x3::lexeme[!(keywords >> !ident_char) >> x3::char_("a-zA-Z_") >> *ident_char];

const auto integer_text = digit >> *(digit | '_');
const auto literal_def =
    (x3::attr(NodeKind::kDate) >>
     x3::raw[x3::lexeme[x3::repeat(4)[digit] >> '-' >> x3::repeat(2)[digit] >> '-' >>
                        x3::repeat(2)[digit]]]) |
    (x3::attr(NodeKind::kDecimal) >> x3::raw[x3::lexeme[integer_text >> '.' >> +digit]]) |
    (x3::attr(NodeKind::kInt) >> x3::raw[x3::lexeme[integer_text]]) |
    (x3::attr(NodeKind::kString) >>
     x3::raw[x3::lexeme[('"' >> *(('\\' >> x3::char_) | ~x3::char_("\"\\")) >> '"') |
                        ('\'' >> *~x3::char_('\'') >> '\'')]]) |
    (x3::attr(NodeKind::kBool) >> x3::raw[Kw("true") | Kw("false")]);

const auto end_def = x3::eoi;
const auto then_kw_def = Kw("then");
const auto else_kw_def = Kw("else");
const auto in_kw_def = Kw("in");
const auto no_chain_def = !compare_op;
const auto close_paren_def = x3::lit(')');
const auto close_call_def = x3::lit(')');
const auto close_list_def = x3::lit(']');
const auto close_index_def = x3::lit(']');

BOOST_SPIRIT_DEFINE(start, expression, if_expr, disjunction, or_tail, conjunction, and_tail,
                    negation, not_expr, comparison, compare_tail, sum, sum_tail, product,
                    product_tail, unary, neg_expr, postfix, index, primary, paren, call,
                    arguments, list, name, identifier, literal, end, then_kw, else_kw, in_kw,
                    no_chain, close_paren, close_call, close_list, close_index)

}  // namespace ansinh::expr::parser

#endif  // ANSINH_LIB_EXPR_GRAMMAR_DEF_HPP_
