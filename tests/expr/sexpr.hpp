// Test helper: the Node tree as an S-expression, to pin tree shapes.
//   ints/decimals as written (normalised), strings "quoted", dates d:YYYY-MM-DD,
//   names dotted, lists [a b], (- x) (not x) (+ a b) (if c a b) (call f a b)
//   (index x k). With `spans`, every node is followed by @begin:end.
#ifndef ANSINH_TESTS_EXPR_SEXPR_HPP_
#define ANSINH_TESTS_EXPR_SEXPR_HPP_

#include <string>

#include "expr/syntax.hpp"

namespace ansinh::expr::testing {

inline std::string Sexpr(const Node& node, bool spans = false) {
  std::string out;
  auto children = [&](std::string head) {
    out += "(" + head;
    for (const auto& child : node.children) out += " " + Sexpr(*child, spans);
    out += ")";
  };
  switch (node.kind) {
    case NodeKind::kInt:
    case NodeKind::kDecimal: out = node.text; break;
    case NodeKind::kString: {
      out = "\"";
      for (char c : node.text) {
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '"' || c == '\\') out += std::string("\\") + c;
        else out += c;
      }
      out += "\"";
      break;
    }
    case NodeKind::kDate: out = "d:" + node.text; break;
    case NodeKind::kBool: out = node.bool_value ? "true" : "false"; break;
    case NodeKind::kName:
      for (size_t i = 0; i < node.path.size(); ++i) {
        out += (i ? "." : "") + node.path[i];
        if (spans) out += "@" + std::to_string(node.path_begins[i]);
      }
      break;
    case NodeKind::kList:
      out = "[";
      for (size_t i = 0; i < node.children.size(); ++i) {
        out += (i ? " " : "") + Sexpr(*node.children[i], spans);
      }
      out += "]";
      break;
    case NodeKind::kUnary:
    case NodeKind::kBinary: children(ToString(node.op)); break;
    case NodeKind::kIf: children("if"); break;
    case NodeKind::kCall: children("call " + node.text); break;
    case NodeKind::kIndex: children("index"); break;
  }
  if (spans) out += "@" + std::to_string(node.begin) + ":" + std::to_string(node.end);
  return out;
}

}  // namespace ansinh::expr::testing

#endif  // ANSINH_TESTS_EXPR_SEXPR_HPP_
