// The only translation unit that compiles the Spirit X3 grammar.
#include "expr/config.hpp"
#include "expr/grammar_def.hpp"

namespace ansinh::expr {
namespace parser {

BOOST_SPIRIT_INSTANTIATE(start_type, iterator_type, context_type)

}  // namespace parser

const parser::start_type& Grammar() { return parser::start; }

}  // namespace ansinh::expr
