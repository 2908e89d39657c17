// ParseExpression: limits, token pre-scan, X3 grammar, lowering; nothing thrown
// escapes.
#include <algorithm>
#include <exception>
#include <functional>
#include <new>
#include <string>
#include <utility>
#include <vector>

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

ParseResult Failed(std::string message, std::string message_vi) {
  SyntaxError error{0, 1, std::move(message)};
  error.message_vi = std::move(message_vi);
  return Failed(std::move(error));
}

// The first node (leftmost first) more than `limit` edges below the root, or
// null. Iterative: the tree may be arbitrarily deep here.
const Node* FindTooDeep(const Node& root, size_t limit) {
  std::vector<std::pair<const Node*, size_t>> stack{{&root, 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (depth > limit) return node;
    for (auto it = node->children.rbegin(); it != node->children.rend(); ++it) {
      stack.emplace_back(it->get(), depth + 1);
    }
  }
  return nullptr;
}

// Frees a tree of any depth without recursing.
void DestroyIteratively(std::unique_ptr<Node> root) {
  std::vector<std::unique_ptr<Node>> pending;
  pending.push_back(std::move(root));
  while (!pending.empty()) {
    std::unique_ptr<Node> node = std::move(pending.back());
    pending.pop_back();
    for (auto& child : node->children) pending.push_back(std::move(child));
  }
}

// Binary chains lower to left-nested trees; bound their depth so that
// consumers can recurse on the tree (ParseOptions' comment).
ParseResult CheckTreeDepth(std::unique_ptr<Node> root, const ParseOptions& options) {
  const size_t limit = static_cast<size_t>(options.max_depth) * kTreeDepthPerLevel;
  if (const Node* deep = FindTooDeep(*root, limit)) {
    SyntaxError error{deep->begin, 1,
                      "too many operators in a row: the formula is more than " +
                          std::to_string(limit) + " levels deep; split it into variables"};
    error.message_vi = "quá nhiều phép toán nối tiếp: công thức sâu hơn " + std::to_string(limit) +
                       " tầng; hãy tách thành các biến";
    error.limit = true;
    DestroyIteratively(std::move(root));
    return Failed(std::move(error));
  }
  ParseResult result;
  result.root = std::move(root);
  return result;
}

// Runs the grammar on text[0, scan.clean_end) (only lexically clean text,
// nested within the limit, reaches X3) and reports the earliest error: the
// grammar's if it stops before clean_end, else the scan's.
ParseResult ParseScanned(const std::string& text, const ScanResult& scan,
                         const ParseOptions& options, const PlaceNamer& where, const PlaceNamer& where_vi) {
  const char* const first = text.data();
  const char* const last = first + scan.clean_end;
  parser::ErrorHandler handler(first);
  const auto grammar = x3::with<x3::error_handler_tag>(std::ref(handler))[Grammar()];
  ast::Operand tree;
  const char* iter = first;
  bool ok = x3::phrase_parse(iter, last, grammar, parser::Skipper{}, tree);
  if (!ok) {
    SyntaxError error{scan.clean_end, 1, "could not parse the expression"};
    error.message_vi = "không đọc được biểu thức";
    if (const auto& failure = handler.failure()) {
      error = DescribeFailure(failure->offset, failure->which, failure->message, scan.tokens, text, where, where_vi);
    }
    if (!scan.error || error.offset < scan.clean_end) return Failed(std::move(error));
  }
  if (scan.error) return Failed(*scan.error);
  return CheckTreeDepth(Lower(tree, handler), options);
}

ParseResult ParseChecked(const std::string& text, const ParseOptions& options, const PlaceNamer& where,
                         const PlaceNamer& where_vi) {
  if (text.size() > options.max_length) {
    return Failed("the expression is too long: " + std::to_string(text.size()) + " bytes (at most " +
                      std::to_string(options.max_length) + ")",
                  "biểu thức quá dài: " + std::to_string(text.size()) + " byte (tối đa " +
                      std::to_string(options.max_length) + ")");
  }
  ParseOptions bounded = options;
  bounded.max_depth = std::min(options.max_depth, kMaxSupportedDepth);
  return ParseScanned(text, Scan(text, bounded.max_depth), bounded, where, where_vi);
}

}  // namespace

ParseResult ParseExpression(const std::string& text, const ParseOptions& options, const PlaceNamer& where,
                            const PlaceNamer& where_vi) {
  try {
    return ParseChecked(text, options, where, where_vi);
  } catch (const std::bad_alloc&) {
    return Failed("out of memory while parsing the expression", "hết bộ nhớ khi đọc biểu thức");
  } catch (const std::exception& e) {
    return Failed(std::string("internal error while parsing the expression: ") + e.what(),
                  std::string("lỗi nội bộ khi đọc biểu thức: ") + e.what());
  } catch (...) {
    return Failed("internal error while parsing the expression", "lỗi nội bộ khi đọc biểu thức");
  }
}

}  // namespace ansinh::expr
