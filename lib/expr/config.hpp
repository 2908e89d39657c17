// Internal to lib/expr: the iterator, skipper and context types the grammar is
// instantiated with (grammar.cpp) and called with (parse.cpp). They must match
// exactly, or the link fails with an undefined parse_rule.
#ifndef ANSINH_LIB_EXPR_CONFIG_HPP_
#define ANSINH_LIB_EXPR_CONFIG_HPP_

#include <functional>

#include <boost/spirit/home/x3.hpp>

#include "expr/blank.hpp"
#include "expr/error_handler.hpp"

namespace ansinh::expr::parser {

// Skips whitespace and '#' comments with SkipBlank, the definition the token
// pre-scan uses too. Stateless.
struct Skipper : x3::parser<Skipper> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context&, RContext&, Attribute&) const {
    const char* next = SkipBlank(first, last);
    if (next == first) return false;
    first = next;
    return true;
  }
};

using phrase_context_type = x3::phrase_parse_context<Skipper>::type;
using context_type = x3::context<x3::error_handler_tag, std::reference_wrapper<ErrorHandler>,
                                 phrase_context_type>;

}  // namespace ansinh::expr::parser

#endif  // ANSINH_LIB_EXPR_CONFIG_HPP_
