// Internal to lib/expr: our own X3 error handler.
//
// Boost 1.74's x3::error_handler mislocates errors (wrong line start, and it
// skips whitespace past the error) and prints to a stream; this one records
// the byte offset of the first expectation failure and the readable name of
// what was expected, and never prints. It is also the Positions table that
// x3::annotate_on_success fills (it calls `tag`). One per parse; not shared.
#ifndef ANSINH_LIB_EXPR_ERROR_HANDLER_HPP_
#define ANSINH_LIB_EXPR_ERROR_HANDLER_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/utility/error_reporting.hpp>

#include "expr/positions.hpp"

namespace ansinh::expr::parser {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;

// The first expectation failure of a parse.
struct Failure {
  uint32_t offset = 0;  // bytes from the start of the text
  std::string which;    // the X3 rule name (a key of the id map)
  std::string message;  // "expected " + its readable name
};

// Readable names of the rules that appear after an expectation point '>'.
inline std::string_view ReadableRuleName(std::string_view which) noexcept {
  static constexpr std::pair<std::string_view, std::string_view> kIdMap[] = {
      {"expression", "an expression"}, {"disjunction", "an expression"},
      {"conjunction", "an expression"}, {"negation", "an expression"},
      {"comparison", "an expression"},  {"sum", "an expression"},
      {"product", "an expression"},     {"unary", "an expression"},
      {"close_paren", "')'"},           {"close_call", "',' or ')'"},
      {"close_list", "',' or ']'"},     {"close_index", "']'"},
      {"then", "'then'"},               {"else", "'else'"},
      {"in", "'in'"},                   {"no_chain", "no second comparison"},
      {"end", "the end of the expression"},
  };
  for (const auto& [key, value] : kIdMap) {
    if (key == which) return value;
  }
  return which;
}

class ErrorHandler : public Positions {
 public:
  explicit ErrorHandler(iterator_type text) : Positions(text) {}

  // Records the first failure only: the innermost one, thrown first.
  void Fail(iterator_type where, const std::string& which) {
    if (failure_) return;
    failure_ = Failure{static_cast<uint32_t>(where - text()), which,
                       "expected " + std::string(ReadableRuleName(which))};
  }

  const std::optional<Failure>& failure() const noexcept { return failure_; }

 private:
  std::optional<Failure> failure_;
};

// Mixed into the tag of the start rule only (as in Spirit's rexpr_full).
struct ErrorHandlerBase {
  template <typename Iterator, typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator& /*first*/, const Iterator& /*last*/,
                                    const Exception& x, const Context& context) {
    x3::get<x3::error_handler_tag>(context).get().Fail(x.where(), x.which());
    return x3::error_handler_result::fail;
  }
};

}  // namespace ansinh::expr::parser

#endif  // ANSINH_LIB_EXPR_ERROR_HANDLER_HPP_
