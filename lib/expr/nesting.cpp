#include "expr/nesting.hpp"

namespace ansinh::expr {

size_t NestingTracker::Feed(const Token& token, std::string_view text) {
  std::string_view word = text.substr(token.begin, token.end - token.begin);
  bool operand = EndsOperand(token, text);
  if (token.kind == TokenKind::kKeyword) {
    OnKeyword(word);
  } else if (token.kind == TokenKind::kPunct) {
    OnPunct(word);
  }
  after_operand_ = operand;
  return stack_.size();
}

void NestingTracker::OnKeyword(std::string_view word) {
  auto is_prefix = [](Frame f) { return f == Frame::kNeg || f == Frame::kNot; };
  if (word == "not") {
    if (after_operand_) {
      PopWhile([](Frame f) { return f == Frame::kNeg; });  // 'not in'
    } else {
      Push(Frame::kNot);
    }
  } else if (word == "in") {
    PopWhile([](Frame f) { return f == Frame::kNeg; });
  } else if (word == "and" || word == "or") {
    PopWhile(is_prefix);
  } else if (word == "if") {
    Push(Frame::kIfCondition);
  } else if (word == "then" || word == "else") {
    PopWhile([&](Frame f) { return is_prefix(f) || f == Frame::kIfElse; });
    if (stack_.empty()) return;
    if (word == "then" && stack_.back() == Frame::kIfCondition) stack_.back() = Frame::kIfThen;
    if (word == "else" && stack_.back() == Frame::kIfThen) stack_.back() = Frame::kIfElse;
  }
}

void NestingTracker::OnPunct(std::string_view punct) {
  char c = punct[0];
  if (c == '(' || c == '[') {
    Push(Frame::kGroup);
  } else if (c == ')' || c == ']') {
    PopWhile([](Frame f) { return f != Frame::kGroup; });
    if (!stack_.empty()) stack_.pop_back();
  } else if (c == ',') {
    PopWhile([](Frame f) { return f != Frame::kGroup; });
  } else if (c == '-' && !after_operand_) {
    Push(Frame::kNeg);
  } else {
    // A binary operator: every prefix '-' before it has its operand.
    PopWhile([](Frame f) { return f == Frame::kNeg; });
  }
}

}  // namespace ansinh::expr
