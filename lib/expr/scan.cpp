// The token pre-scan: one token at a time, stopping at the first lexical error
// or when the nesting limit is passed. Numbers, strings and non-ASCII text are
// checked in lexemes.cpp.
#include "expr/scan.hpp"

#include <string>

#include "expr/blank.hpp"
#include "expr/lexemes.hpp"
#include "expr/nesting.hpp"

namespace ansinh::expr {
namespace {

// The same words as grammar_def.hpp's `keywords`.
constexpr std::string_view kKeywords[] = {"and", "or",   "not",  "in",   "if",
                                          "then", "else", "true", "false"};

bool IsKeyword(std::string_view word) {
  for (std::string_view k : kKeywords) {
    if (k == word) return true;
  }
  return false;
}

// A name: identifier { '.' identifier }, no spaces. A keyword alone is a
// keyword token; a keyword inside a dotted name is an error.
LexResult ScanName(std::string_view text, size_t p) {
  size_t start = p;
  size_t part = p;
  for (;;) {
    while (p < text.size() && IsIdentChar(text[p])) ++p;
    std::string_view word = text.substr(part, p - part);
    if (IsKeyword(word) && (part != start || (p < text.size() && text[p] == '.'))) {
      return LexError(part, p - part,
                      "'" + std::string(word) + "' is a keyword and cannot be part of a name",
                      "'" + std::string(word) + "' là từ khóa, không được làm một phần của tên", start);
    }
    if (p >= text.size() || text[p] != '.') break;
    if (p + 1 >= text.size() || !IsIdentStart(text[p + 1])) {
      return LexError(p, 1, "expected a name after '.'", "thiếu tên sau '.'", start);
    }
    part = ++p;
  }
  std::string_view all = text.substr(start, p - start);
  return LexToken(IsKeyword(all) ? TokenKind::kKeyword : TokenKind::kName, start, p);
}

// Two-character operators first, then the slips that look like operators.
LexResult ScanPunct(std::string_view text, size_t p) {
  char c = text[p];
  char next = p + 1 < text.size() ? text[p + 1] : '\0';
  auto two = [&](const char* message, const char* message_vi) { return LexError(p, 2, message, message_vi); };
  switch (c) {
    case '(': case ')': case '[': case ']': case ',': case '+': case '-': case '*': case '/':
      return LexToken(TokenKind::kPunct, p, p + 1);
    case '=':
      if (next == '=') return LexToken(TokenKind::kPunct, p, p + 2);
      if (next == '>') return two("write '>=' instead of '=>'", "viết '>=' thay cho '=>'");
      if (next == '<') return two("write '<=' instead of '=<'", "viết '<=' thay cho '=<'");
      return LexError(p, 1, "'=' compares nothing: write '==' to test equality",
                      "'=' không so sánh gì: viết '==' để so sánh bằng");
    case '!':
      if (next == '=') return LexToken(TokenKind::kPunct, p, p + 2);
      return LexError(p, 1, "write 'not' instead of '!'", "viết 'not' thay cho '!'");
    case '<':
      if (next == '=') return LexToken(TokenKind::kPunct, p, p + 2);
      if (next == '>') return two("write '!=' instead of '<>'", "viết '!=' thay cho '<>'");
      return LexToken(TokenKind::kPunct, p, p + 1);
    case '>':
      return LexToken(TokenKind::kPunct, p, p + (next == '=' ? 2 : 1));
    case '&':
      if (next == '&') return two("write 'and' instead of '&&'", "viết 'and' thay cho '&&'");
      return LexError(p, 1, "write 'and' instead of '&'", "viết 'and' thay cho '&'");
    case '|':
      if (next == '|') return two("write 'or' instead of '||'", "viết 'or' thay cho '||'");
      return LexError(p, 1, "write 'or' instead of '|'", "viết 'or' thay cho '|'");
    case '.':
      if (IsDigit(next)) {
        return LexError(p, 1, "write a digit before '.': 0.5, not .5", "viết một chữ số trước '.': 0.5, không phải .5");
      }
      break;
    default:
      break;
  }
  auto [message, message_vi] = UnexpectedAscii(c);
  return LexError(p, 1, std::move(message), std::move(message_vi));
}

LexResult ScanToken(std::string_view text, size_t p) {
  unsigned char c = static_cast<unsigned char>(text[p]);
  if (IsIdentStart(text[p])) return ScanName(text, p);
  if (IsDigit(text[p])) return ScanNumber(text, p);
  if (c == '"' || c == '\'') return ScanString(text, p);
  if (c >= 0x80) return ScanNonAscii(text, p);
  return ScanPunct(text, p);
}

}  // namespace

bool EndsOperand(const Token& token, std::string_view text) noexcept {
  switch (token.kind) {
    case TokenKind::kName:
    case TokenKind::kNumber:
    case TokenKind::kDate:
    case TokenKind::kString:
      return true;
    case TokenKind::kKeyword: {
      std::string_view word = text.substr(token.begin, token.end - token.begin);
      return word == "true" || word == "false";
    }
    case TokenKind::kPunct:
      return text[token.begin] == ')' || text[token.begin] == ']';
  }
  return false;
}

ScanResult Scan(std::string_view text, uint32_t max_depth) {
  ScanResult result;
  NestingTracker nesting;
  const char* const base = text.data();
  const char* const end = base + text.size();
  size_t p = static_cast<size_t>(SkipBlank(base, end) - base);
  while (p < text.size()) {
    LexResult lexed = ScanToken(text, p);
    if (lexed.error) {
      result.clean_end = static_cast<uint32_t>(lexed.error_token_begin);
      result.error = std::move(lexed.error);
      return result;
    }
    if (nesting.Feed(lexed.token, text) > max_depth) {
      result.clean_end = lexed.token.begin;
      result.error = SyntaxError{lexed.token.begin, lexed.token.end - lexed.token.begin,
                                 "the expression is nested too deeply: more than " +
                                     std::to_string(max_depth) +
                                     " levels of brackets, '-', 'not' and 'if'"};
      result.error->message_vi = "biểu thức lồng quá sâu: hơn " + std::to_string(max_depth) +
                                 " tầng ngoặc, '-', 'not' và 'if'";
      result.error->limit = true;
      return result;
    }
    result.tokens.push_back(lexed.token);
    p = static_cast<size_t>(SkipBlank(base + lexed.token.end, end) - base);
  }
  result.clean_end = static_cast<uint32_t>(text.size());
  return result;
}

}  // namespace ansinh::expr
