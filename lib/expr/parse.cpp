// ParseExpression: limits, token pre-scan, X3 grammar, lowering; nothing thrown
// escapes.
#include <exception>
#include <functional>
#include <new>
#include <string>
#include <utility>

#include "expr/ast.hpp"
#include "expr/config.hpp"
#include "expr/grammar.hpp"
#include "expr/lower.hpp"
#include "expr/messages.hpp"
#include "expr/scan.hpp"
#include "expr/syntax.hpp"

namespace ansinh::expr {
namespace {

namespace x3 = boost::spirit::x3;

ParseResult Failed(SyntaxError error) {
  ParseResult result;
  result.errors.push_back(std::move(error));
  return result;
}

ParseResult Failed(std::string message) { return Failed(SyntaxError{0, 1, std::move(message)}); }

// Runs the grammar on text[0, scan.clean_end) (only lexically clean text
// reaches X3) and reports the earliest error: the grammar's, if it stops
// before the first lexical error, else the lexical one.
ParseResult ParseScanned(const std::string& text, const ScanResult& scan) {
  const char* const first = text.data();
  const char* const last = first + scan.clean_end;
  parser::ErrorHandler handler(first, last);
  const auto grammar = x3::with<x3::error_handler_tag>(std::ref(handler))[Grammar()];
  ast::Operand tree;
  const char* iter = first;
  bool ok = x3::phrase_parse(iter, last, grammar, parser::Skipper{}, tree);
  if (!ok) {
    SyntaxError error{scan.clean_end, 1, "could not parse the expression"};
    if (const auto& failure = handler.failure()) {
      error = DescribeFailure(failure->offset, failure->which, failure->message, scan.tokens, text);
    }
    if (!scan.error || error.offset < scan.clean_end) return Failed(std::move(error));
  }
  if (scan.error) return Failed(*scan.error);
  ParseResult result;
  result.root = Lower(tree, handler);
  return result;
}

ParseResult ParseChecked(const std::string& text, const ParseOptions& options) {
  if (text.size() > options.max_length) {
    return Failed("the expression is too long: " + std::to_string(text.size()) +
                  " bytes (at most " + std::to_string(options.max_length) + ")");
  }
  ScanResult scan = Scan(text, options.max_depth);
  if (scan.too_deep) return Failed(std::move(*scan.error));
  return ParseScanned(text, scan);
}

}  // namespace

ParseResult ParseExpression(const std::string& text, const ParseOptions& options) {
  try {
    return ParseChecked(text, options);
  } catch (const std::bad_alloc&) {
    return Failed("out of memory while parsing the expression");
  } catch (const std::exception& e) {
    return Failed(std::string("internal error while parsing the expression: ") + e.what());
  } catch (...) {
    return Failed("internal error while parsing the expression");
  }
}

}  // namespace ansinh::expr
