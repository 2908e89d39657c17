#include "expr/syntax.hpp"

namespace ansinh::expr {

const char* ToString(Op op) noexcept {
  switch (op) {
    case Op::kNone: return "";
    case Op::kNeg: return "-";
    case Op::kNot: return "not";
    case Op::kAdd: return "+";
    case Op::kSub: return "-";
    case Op::kMul: return "*";
    case Op::kDiv: return "/";
    case Op::kEq: return "==";
    case Op::kNe: return "!=";
    case Op::kLt: return "<";
    case Op::kLe: return "<=";
    case Op::kGt: return ">";
    case Op::kGe: return ">=";
    case Op::kAnd: return "and";
    case Op::kOr: return "or";
    case Op::kIn: return "in";
    case Op::kNotIn: return "not in";
  }
  return "?";
}

const char* ToString(NodeKind kind) noexcept {
  switch (kind) {
    case NodeKind::kInt: return "int";
    case NodeKind::kDecimal: return "decimal";
    case NodeKind::kString: return "string";
    case NodeKind::kDate: return "date";
    case NodeKind::kBool: return "bool";
    case NodeKind::kList: return "list";
    case NodeKind::kName: return "name";
    case NodeKind::kUnary: return "unary";
    case NodeKind::kBinary: return "binary";
    case NodeKind::kIf: return "if";
    case NodeKind::kCall: return "call";
    case NodeKind::kIndex: return "index";
  }
  return "?";
}

}  // namespace ansinh::expr
