#include "expr/messages.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "expr/blank.hpp"

namespace ansinh::expr {
namespace {

constexpr size_t kMaxQuoted = 24;     // longer token texts are cut with "…"
constexpr size_t kMaxOperand = 30;    // longer chained operands: generic hint

bool IsOperandRule(std::string_view which) {
  static constexpr std::string_view kRules[] = {"expression", "disjunction", "conjunction",
                                                "negation",   "comparison",  "sum",
                                                "product",    "unary"};
  return std::find(std::begin(kRules), std::end(kRules), which) != std::end(kRules);
}

class Describer {
 public:
  Describer(uint32_t offset, const std::vector<Token>& tokens, std::string_view text,
            const PlaceNamer& where, const PlaceNamer& where_vi)
      : tokens_(tokens), text_(text), where_(where), where_vi_(where_vi) {
    const char* at = SkipBlank(text.data() + std::min<size_t>(offset, text.size()),
                               text.data() + text.size());
    offset_ = static_cast<uint32_t>(at - text.data());
    at_ = static_cast<size_t>(
        std::lower_bound(tokens.begin(), tokens.end(), offset_,
                         [](const Token& t, uint32_t o) { return t.begin < o; }) -
        tokens.begin());
  }

  SyntaxError Describe(std::string_view which, std::string_view expected) const {
    if (IsOperandRule(which)) return MissingOperand();
    if (which == "close_paren") return Unclosed("')'", "')'");
    if (which == "close_index") return Unclosed("']'", "']'");
    if (which == "close_call") return UnclosedList("',' or ')'", "',' hoặc ')'");
    if (which == "close_list") return UnclosedList("',' or ']'", "',' hoặc ']'");
    if (which == "then") return Error("expected 'then' after the condition of 'if'", "thiếu 'then' sau điều kiện của 'if'");
    if (which == "else") {
      return Error("expected 'else' after the 'then' branch of 'if'", "thiếu 'else' sau nhánh 'then' của 'if'");
    }
    if (which == "in") return Error("expected 'in' after 'not'", "thiếu 'in' sau 'not'");
    if (which == "no_chain") return ChainedComparison();
    if (which == "end") return Trailing();
    // "expected <rule name>": the rule names are the grammar's own words.
    std::string vi(expected);
    if (vi == "expected an expression") vi = "thiếu biểu thức";
    else if (vi == "expected the end of the expression") vi = "cần kết thúc biểu thức ở đây";
    else if (vi.rfind("expected ", 0) == 0) vi = "thiếu " + vi.substr(9);
    return Error(std::string(expected), vi);
  }

 private:
  bool AtEnd() const { return at_ >= tokens_.size(); }
  std::string_view Raw(size_t i) const {
    return text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin);
  }
  // 'and', '(' ; a string token shows its own quotes: "poor".
  std::string Quoted(size_t i) const {
    std::string_view raw = Raw(i);
    std::string quote = tokens_[i].kind == TokenKind::kString ? "" : "'";
    if (raw.size() <= kMaxQuoted) return quote + std::string(raw) + quote;
    return quote + std::string(raw.substr(0, kMaxQuoted)) + "\u2026" + quote;
  }
  bool Is(size_t i, std::string_view word) const { return i < tokens_.size() && Raw(i) == word; }

  // `message` in English, `message_vi` in Vietnamese.
  SyntaxError Error(std::string message, std::string message_vi, std::optional<size_t> token = std::nullopt) const {
    size_t i = token.value_or(at_);
    SyntaxError error;
    if (i < tokens_.size()) {
      error = SyntaxError{tokens_[i].begin, tokens_[i].end - tokens_[i].begin, std::move(message)};
    } else {
      uint32_t end = static_cast<uint32_t>(text_.size());
      error = SyntaxError{i == at_ ? offset_ : end, 1, std::move(message)};
    }
    error.message_vi = std::move(message_vi);
    return error;
  }

  // The caller's name of the place, else "column 7", or "line 2, column 7" in
  // a multi-line text.
  std::string Where(uint32_t offset, bool vi = false) const {
    if (!vi && where_) return where_(offset);
    if (vi && where_vi_) return where_vi_(offset);
    size_t line_start = text_.rfind('\n', offset == 0 ? 0 : offset - 1);
    line_start = (line_start == std::string_view::npos || offset == 0) ? 0 : line_start + 1;
    std::string column = (vi ? "cột " : "column ") + std::to_string(offset - line_start + 1);
    if (text_.find('\n') == std::string_view::npos) return column;
    size_t line = 1 + std::count(text_.begin(), text_.begin() + line_start, '\n');
    return (vi ? "dòng " : "line ") + std::to_string(line) + ", " + column;
  }

  // The innermost '(' or '[' still open before the failure.
  std::optional<size_t> OpenBracket() const {
    std::vector<size_t> open;
    for (size_t i = 0; i < at_; ++i) {
      if (Is(i, "(") || Is(i, "[")) open.push_back(i);
      if ((Is(i, ")") || Is(i, "]")) && !open.empty()) open.pop_back();
    }
    if (open.empty()) return std::nullopt;
    return open.back();
  }

  SyntaxError MissingOperand() const {
    if (Is(at_, "if")) {
      return Error("put 'if \u2026 then \u2026 else \u2026' in parentheses when it is part of a "
                   "larger expression",
                   "đặt 'if \u2026 then \u2026 else \u2026' trong ngoặc khi nó là một phần của biểu thức lớn hơn");
    }
    if (at_ > 0) {
      return Error("expected an expression after " + Quoted(at_ - 1), "thiếu biểu thức sau " + Quoted(at_ - 1));
    }
    if (AtEnd()) return Error("the expression is empty", "biểu thức trống");
    return Error("expected an expression, found " + Quoted(at_), "cần một biểu thức, nhưng gặp " + Quoted(at_));
  }

  SyntaxError Unclosed(std::string_view closer, std::string_view closer_vi) const {
    std::optional<size_t> open = OpenBracket();
    std::string message = "expected " + std::string(closer);
    std::string message_vi = "thiếu " + std::string(closer_vi);
    if (open) {
      message += " to close the " + Quoted(*open) + " at " + Where(tokens_[*open].begin);
      message_vi += " để đóng " + Quoted(*open) + " ở " + Where(tokens_[*open].begin, true);
    }
    return Error(message, message_vi);
  }

  // Arguments and list items: a ',' where X3 stopped means an item is missing.
  SyntaxError UnclosedList(std::string_view expected, std::string_view expected_vi) const {
    if (Is(at_, ",")) {
      if (at_ > 0 && (Is(at_ - 1, "(") || Is(at_ - 1, "["))) {
        return Error("expected an expression after " + Quoted(at_ - 1), "thiếu biểu thức sau " + Quoted(at_ - 1));
      }
      return Error("expected an expression after ','", "thiếu biểu thức sau ','", at_ + 1);
    }
    return Unclosed(expected, expected_vi);
  }

  SyntaxError Trailing() const {
    if (AtEnd()) return Error("unexpected text after the end of the expression", "có chữ thừa sau cuối biểu thức");
    if (Is(at_, ")") || Is(at_, "]")) {
      return Error("unmatched " + Quoted(at_) + ": nothing before it to close",
                   Quoted(at_) + " thừa: không có ngoặc mở nào trước nó");
    }
    if (Is(at_, "then") || Is(at_, "else")) return Error(Quoted(at_) + " without 'if'", Quoted(at_) + " thiếu 'if'");
    return Error("unexpected " + Quoted(at_) + " after the end of the expression",
                 Quoted(at_) + " thừa sau cuối biểu thức");
  }

  SyntaxError ChainedComparison() const;
  bool IsComparison(size_t i) const;
  size_t OperandStart(size_t op) const;
  size_t OperandEnd(size_t after_op) const;
  std::string Span(size_t first, size_t last) const;

  const std::vector<Token>& tokens_;
  std::string_view text_;
  const PlaceNamer& where_;
  const PlaceNamer& where_vi_;
  uint32_t offset_ = 0;
  size_t at_ = 0;  // index of the first token at or after offset_
};

bool Describer::IsComparison(size_t i) const {
  static constexpr std::string_view kOps[] = {"==", "!=", "<", "<=", ">", ">=", "in"};
  return i < tokens_.size() &&
         std::find(std::begin(kOps), std::end(kOps), Raw(i)) != std::end(kOps);
}

// The first token of the left operand of the comparison operator at `op`.
size_t Describer::OperandStart(size_t op) const {
  int depth = 0;
  for (size_t i = op; i-- > 0;) {
    if (Is(i, ")") || Is(i, "]")) ++depth;
    if ((Is(i, "(") || Is(i, "[")) && depth-- == 0) return i + 1;
    if (depth > 0) continue;
    if (Is(i, ",") || Is(i, "and") || Is(i, "or") || Is(i, "not") || Is(i, "if") ||
        Is(i, "then") || Is(i, "else") || IsComparison(i)) {
      return i + 1;
    }
  }
  return 0;
}

// One past the last token of the right operand that starts at `first`.
size_t Describer::OperandEnd(size_t first) const {
  int depth = 0;
  size_t i = first;
  for (; i < tokens_.size(); ++i) {
    if (Is(i, "(") || Is(i, "[")) ++depth;
    if ((Is(i, ")") || Is(i, "]")) && depth-- == 0) break;
    if (depth > 0) continue;
    if (Is(i, ",") || Is(i, "and") || Is(i, "or") || Is(i, "not") || Is(i, "then") ||
        Is(i, "else") || IsComparison(i)) {
      break;
    }
  }
  return i;
}

std::string Describer::Span(size_t first, size_t last) const {
  if (first >= last || last > tokens_.size()) return {};
  uint32_t begin = tokens_[first].begin;
  return std::string(text_.substr(begin, tokens_[last - 1].end - begin));
}

// a < b < c: the failure is at the second operator (at_).
SyntaxError Describer::ChainedComparison() const {
  size_t op2 = at_;
  size_t op2_last = Is(op2, "not") ? op2 + 1 : op2;  // 'not in'
  size_t op1_last = op2;
  for (int depth = 0; op1_last > 0;) {
    --op1_last;
    if (Is(op1_last, ")") || Is(op1_last, "]")) ++depth;
    if (Is(op1_last, "(") || Is(op1_last, "[")) --depth;
    if (depth == 0 && IsComparison(op1_last)) break;
  }
  size_t op1 = (Is(op1_last, "in") && op1_last > 0 && Is(op1_last - 1, "not")) ? op1_last - 1
                                                                               : op1_last;
  std::string a = Span(OperandStart(op1), op1);
  std::string b = Span(op1_last + 1, op2);
  std::string c = Span(op2_last + 1, OperandEnd(op2_last + 1));
  std::string op1_text = Span(op1, op1_last + 1);
  std::string op2_text = Span(op2, op2_last + 1);
  bool readable = !a.empty() && !b.empty() && !c.empty();
  for (const std::string* s : {&a, &b, &c, &op1_text, &op2_text}) {
    if (s->size() > kMaxOperand || s->find('\n') != std::string::npos) readable = false;
  }
  std::string hint = readable ? a + " " + op1_text + " " + b + " and " + b + " " + op2_text +
                                    " " + c
                              : "a < b and b < c";
  return Error("comparisons cannot be chained: write '" + hint + "'",
               "không viết các phép so sánh nối liền nhau: viết '" + hint + "'");
}

}  // namespace

SyntaxError DescribeFailure(uint32_t offset, std::string_view which, std::string_view expected,
                            const std::vector<Token>& tokens, std::string_view text,
                            const PlaceNamer& where, const PlaceNamer& where_vi) {
  return Describer(offset, tokens, text, where, where_vi).Describe(which, expected);
}

}  // namespace ansinh::expr
