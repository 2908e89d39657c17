#include "expr/lower.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace ansinh::expr {
namespace {

std::string WithoutUnderscores(std::string_view digits) {
  std::string out;
  for (char c : digits) {
    if (c != '_') out.push_back(c);
  }
  return out;
}

// The content of a string literal as written (quotes included): escapes are
// only \" \\ \n \t in "..." (the pre-scan rejected any other); none in '...'.
std::string Unquote(std::string_view literal) {
  std::string_view body = literal.substr(1, literal.size() - 2);
  if (literal.front() == '\'') return std::string(body);
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 == body.size()) {
      out.push_back(body[i]);
      continue;
    }
    char e = body[++i];
    out.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
  }
  return out;
}

class Lowerer {
 public:
  using result_type = std::unique_ptr<Node>;

  explicit Lowerer(const parser::Positions& positions) : positions_(positions) {}

  result_type Lower(const ast::Operand& x) const { return x.apply_visitor(*this); }

  result_type operator()(const ast::Nil&) const { throw std::logic_error("empty AST operand"); }

  result_type operator()(const ast::Literal& x) const {
    auto node = Make(NodeKind::kInt, x);
    node->kind = x.kind;
    switch (x.kind) {
      case NodeKind::kInt:
      case NodeKind::kDecimal: node->text = WithoutUnderscores(x.text); break;
      case NodeKind::kString: node->text = Unquote(x.text); break;
      case NodeKind::kBool: node->bool_value = x.text == "true"; node->text = x.text; break;
      default: node->text = x.text; break;
    }
    return node;
  }

  result_type operator()(const ast::Name& x) const {
    auto node = Make(NodeKind::kName, x);
    uint32_t at = node->begin;
    auto add_part = [&](const std::string& part) {
      node->path.push_back(part);
      node->path_begins.push_back(at);
      at += static_cast<uint32_t>(part.size()) + 1;  // written without spaces around '.'
      if (!node->text.empty()) node->text += '.';
      node->text += part;
    };
    add_part(x.first);
    for (const auto& part : x.rest) add_part(part);
    return node;
  }

  result_type operator()(const ast::Unary& x) const {
    auto node = Make(NodeKind::kUnary, x);
    node->op = x.op;
    node->children.push_back(Lower(x.operand));
    return node;
  }

  result_type operator()(const ast::Chain& x) const {
    return LeftFold(Lower(x.first), Begin(x), x.rest, NodeKind::kBinary);
  }

  result_type operator()(const ast::Postfix& x) const {
    return LeftFold(Lower(x.primary), Begin(x), x.indices, NodeKind::kIndex);
  }

  result_type operator()(const ast::If& x) const {
    auto node = Make(NodeKind::kIf, x);
    node->children.push_back(Lower(x.condition));
    node->children.push_back(Lower(x.then_branch));
    node->children.push_back(Lower(x.else_branch));
    return node;
  }

  result_type operator()(const ast::Call& x) const {
    auto node = Make(NodeKind::kCall, x);
    node->text = x.function;
    for (const auto& argument : x.arguments) node->children.push_back(Lower(argument));
    return node;
  }

  result_type operator()(const ast::List& x) const {
    auto node = Make(NodeKind::kList, x);
    for (const auto& item : x.items) node->children.push_back(Lower(item));
    return node;
  }

 private:
  result_type Make(NodeKind kind, const boost::spirit::x3::position_tagged& x) const {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    std::tie(node->begin, node->end) = positions_.Offsets(x);
    return node;
  }
  uint32_t Begin(const boost::spirit::x3::position_tagged& x) const {
    return positions_.Offsets(x).first;
  }

  // first op1 x1 op2 x2 ... → ((first op1 x1) op2 x2) ...; each node runs
  // from `begin` to the end of its operation (for an index, its ']').
  result_type LeftFold(result_type node, uint32_t begin, const std::vector<ast::Operation>& rest,
                       NodeKind kind) const {
    for (const auto& operation : rest) {
      auto parent = std::make_unique<Node>();
      parent->kind = kind;
      parent->op = operation.op;
      parent->begin = begin;
      parent->end = positions_.Offsets(operation).second;
      parent->children.push_back(std::move(node));
      parent->children.push_back(Lower(operation.operand));
      node = std::move(parent);
    }
    return node;
  }

  const parser::Positions& positions_;
};

}  // namespace

std::unique_ptr<Node> Lower(const ast::Operand& root, const parser::Positions& positions) {
  return Lowerer(positions).Lower(root);
}

}  // namespace ansinh::expr
