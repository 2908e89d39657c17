// Syntax errors: one precise message at the right byte offset for each slip.
#include <catch2/catch.hpp>

#include <string>

#include "expr/syntax.hpp"

namespace {

using ansinh::expr::ParseExpression;

// "<offset>+<length>: <message>" of the single error of `text`.
std::string E(const std::string& text) {
  auto result = ParseExpression(text);
  CHECK_FALSE(result.root);
  REQUIRE(result.errors.size() == 1);
  const auto& e = result.errors[0];
  return std::to_string(e.offset) + "+" + std::to_string(e.length) + ": " + e.message;
}

}  // namespace

TEST_CASE("unclosed brackets name the bracket and its column", "[parser][errors]") {
  CHECK(E("(a + b") == "6+1: expected ')' to close the '(' at column 1");
  CHECK(E("x * (a + b c") == "11+1: expected ')' to close the '(' at column 5");
  CHECK(E("((a)") == "4+1: expected ')' to close the '(' at column 1");
  CHECK(E("-(a") == "3+1: expected ')' to close the '(' at column 2");
  CHECK(E("[a, (b]") == "6+1: expected ')' to close the '(' at column 5");
  CHECK(E("f(a,\n  (b + c") == "13+1: expected ')' to close the '(' at line 2, column 3");
  CHECK(E("f(a b") == "4+1: expected ',' or ')' to close the '(' at column 2");
  CHECK(E("f((a)") == "5+1: expected ',' or ')' to close the '(' at column 2");
  CHECK(E("[1 2]") == "3+1: expected ',' or ']' to close the '[' at column 1");
  CHECK(E("x[1") == "3+1: expected ']' to close the '[' at column 2");
  CHECK(E("x[1, 2]") == "3+1: expected ']' to close the '[' at column 2");
}

TEST_CASE("a caller names the bracket's place in its own file", "[parser][errors]") {
  // The checker passes a PlaceNamer mapping offsets into the YAML file.
  const ansinh::expr::PlaceNamer where = [](uint32_t offset) {
    return "line 17, column " + std::to_string(19 + offset);
  };
  auto result = ParseExpression("1.5 * (param.base", {}, where);
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].message == "expected ')' to close the '(' at line 17, column 25");
}

TEST_CASE("a missing operand names the operator before it", "[parser][errors]") {
  CHECK(E("a and") == "5+1: expected an expression after 'and'");
  CHECK(E("a and ) ") == "6+1: expected an expression after 'and'");
  CHECK(E("a or and b") == "5+3: expected an expression after 'or'");
  CHECK(E("not") == "3+1: expected an expression after 'not'");
  CHECK(E("a -") == "3+1: expected an expression after '-'");
  CHECK(E("a+*b") == "2+1: expected an expression after '+'");
  CHECK(E("a ==  # nothing\n") == "16+1: expected an expression after '=='");
  CHECK(E("a in") == "4+1: expected an expression after 'in'");
  CHECK(E("a not in") == "8+1: expected an expression after 'in'");
  CHECK(E("if") == "2+1: expected an expression after 'if'");
  CHECK(E("if a then") == "9+1: expected an expression after 'then'");
  CHECK(E("if a then b else") == "16+1: expected an expression after 'else'");
  CHECK(E("()") == "1+1: expected an expression after '('");
  CHECK(E("x[]") == "2+1: expected an expression after '['");
  CHECK(E("f(a,)") == "4+1: expected an expression after ','");
  CHECK(E("f(,a)") == "2+1: expected an expression after '('");
  CHECK(E("f(a,,b)") == "4+1: expected an expression after ','");
  CHECK(E("[1,]") == "3+1: expected an expression after ','");
  CHECK(E(")") == "0+1: expected an expression, found ')'");
  CHECK(E("") == "0+1: the expression is empty");
  CHECK(E("  # only a comment") == "18+1: the expression is empty");
  CHECK(E("1 + if a then b else c") ==
        "4+2: put 'if \u2026 then \u2026 else \u2026' in parentheses when it is part of a "
        "larger expression");
}

TEST_CASE("if needs then and else", "[parser][errors]") {
  CHECK(E("if a b else c") == "5+1: expected 'then' after the condition of 'if'");
  CHECK(E("if a then b") == "11+1: expected 'else' after the 'then' branch of 'if'");
  CHECK(E("if a\n then b") == "12+1: expected 'else' after the 'then' branch of 'if'");
  CHECK(E("if a then b c") == "12+1: expected 'else' after the 'then' branch of 'if'");
  CHECK(E("a then b") == "2+4: 'then' without 'if'");
  CHECK(E("a else b") == "2+4: 'else' without 'if'");
}

TEST_CASE("comparisons do not chain", "[parser][errors]") {
  CHECK(E("a < b < c") == "6+1: comparisons cannot be chained: write 'a < b and b < c'");
  CHECK(E("0 < x < 10") == "6+1: comparisons cannot be chained: write '0 < x and x < 10'");
  CHECK(E("a == b != c") == "7+2: comparisons cannot be chained: write 'a == b and b != c'");
  CHECK(E("not a < b <= c") == "10+2: comparisons cannot be chained: write 'a < b and b <= c'");
  CHECK(E("x not in a in b") ==
        "11+2: comparisons cannot be chained: write 'x not in a and a in b'");
  CHECK(E("a in b not in c") ==
        "7+3: comparisons cannot be chained: write 'a in b and b not in c'");
  CHECK(E("a < f(x < y) < c") ==
        "13+1: comparisons cannot be chained: write 'a < f(x < y) and f(x < y) < c'");
  CHECK(E("p and 1 + a < b * 2 < c or q") ==
        "20+1: comparisons cannot be chained: write '1 + a < b * 2 and b * 2 < c'");
  CHECK(E("a_very_long_field_name_here_xxx < b < c") ==
        "36+1: comparisons cannot be chained: write 'a < b and b < c'");
  // Parenthesised, it is a comparison of a comparison: the checker's business.
  CHECK(ParseExpression("(a < b) == c").root);
}

TEST_CASE("operator slips get the operator to write", "[parser][errors]") {
  CHECK(E("a = b") == "2+1: '=' compares nothing: write '==' to test equality");
  CHECK(E("f(a = 1)") == "4+1: '=' compares nothing: write '==' to test equality");
  CHECK(E("a && b") == "2+2: write 'and' instead of '&&'");
  CHECK(E("a & b") == "2+1: write 'and' instead of '&'");
  CHECK(E("a || b") == "2+2: write 'or' instead of '||'");
  CHECK(E("a | b") == "2+1: write 'or' instead of '|'");
  CHECK(E("!a") == "0+1: write 'not' instead of '!'");
  CHECK(E("a and !b") == "6+1: write 'not' instead of '!'");
  CHECK(E("a => b") == "2+2: write '>=' instead of '=>'");
  CHECK(E("a =< b") == "2+2: write '<=' instead of '=<'");
  CHECK(E("a <> b") == "2+2: write '!=' instead of '<>'");
  CHECK(E("a \u2264 b") == "2+3: write '<=' instead of '\u2264'");
  CHECK(E("a \u2265 b") == "2+3: write '>=' instead of '\u2265'");
  CHECK(E("a \u2260 b") == "2+3: write '!=' instead of '\u2260'");
  CHECK(E("a \u2212 b") == "2+3: write '-' instead of '\u2212'");
  CHECK(E("a \u00d7 2") == "2+2: write '*' instead of '\u00d7'");
  CHECK(E("x == \u201cpoor\u201d") == "5+3: write a straight quote \" instead of '\u201c'");
  CHECK(E("a\u00a0+ b") == "1+2: unexpected non-breaking space: use an ordinary space");
}

TEST_CASE("unexpected characters and trailing text", "[parser][errors]") {
  CHECK(E("a $ b") == "2+1: unexpected character '$'");
  CHECK(E("a; b") == "1+1: unexpected character ';'");
  CHECK(E("{a}") == "0+1: unexpected character '{'");
  CHECK(E("a\x01") == "1+1: unexpected control character (byte 0x01)");
  CHECK(E(std::string("a\0b", 3)) == "1+1: unexpected control character (byte 0x00)");
  CHECK(E("a \xff") == "2+1: unexpected byte 0xff (the text is not UTF-8)");
  CHECK(E("h\xe1\xbb\x99") == "1+3: unexpected character '\xe1\xbb\x99': names use only ASCII "
                              "letters, digits and '_'");
  CHECK(E("a \xe2\x82\xac") == "2+3: unexpected character '\xe2\x82\xac'");
  CHECK(E("a b") == "2+1: unexpected 'b' after the end of the expression");
  CHECK(E("1 2") == "2+1: unexpected '2' after the end of the expression");
  CHECK(E("'a' 'b'") == "4+3: unexpected 'b' after the end of the expression");
  CHECK(E("f(x)(y)") == "4+1: unexpected '(' after the end of the expression");
  CHECK(E("a )") == "2+1: unmatched ')': nothing before it to close");
  CHECK(E("a]") == "1+1: unmatched ']': nothing before it to close");
  CHECK(E("a not b") == "6+1: expected 'in' after 'not'");
  CHECK(E(".5") == "0+1: write a digit before '.': 0.5, not .5");
  CHECK(E("a.b.") == "3+1: expected a name after '.'");
  CHECK(E("a . b") == "2+1: unexpected character '.'");
  CHECK(E("x.if") == "2+2: 'if' is a keyword and cannot be part of a name");
  CHECK(E("a and or") == "6+2: expected an expression after 'and'");
}

TEST_CASE("strings: unterminated, escapes, UTF-8", "[parser][errors]") {
  CHECK(E("\"abc") == "0+1: unterminated string: no closing \" on the same line");
  CHECK(E("x == 'abc") == "5+1: unterminated string: no closing ' on the same line");
  CHECK(E("x == \"ab\nc\" or y") == "5+1: unterminated string: no closing \" on the same line");
  CHECK(E("\"abc\\\"") == "0+1: unterminated string: no closing \" on the same line");
  CHECK(E("x == \"\\q\"") == "6+2: unknown escape '\\q' in a string: use \\\" \\\\ \\n or \\t");
  CHECK(E("\"a\xc3(\"") == "2+1: invalid UTF-8 in a string");
  CHECK(E("\"\xed\xa0\x80\"") == "1+1: invalid UTF-8 in a string");  // a surrogate
  CHECK(E("\"\xc0\xaf\"") == "1+1: invalid UTF-8 in a string");      // overlong
}

TEST_CASE("numbers and dates", "[parser][errors]") {
  CHECK(E("9223372036854775808") ==
        "0+19: number too large: '9223372036854775808' (integers go up to 9223372036854775807)");
  CHECK(E("x + 99_999_999_999_999_999_999") ==
        "4+26: number too large: '99_999_999_999_999_999_999' (integers go up to "
        "9223372036854775807)");
  CHECK(E("1.1234567") == "0+9: too many decimals in '1.1234567': at most 6");
  CHECK(E("99999999999999.5") ==
        "0+16: number too large: '99999999999999.5' (decimals go up to 9223372036854.775807)");
  CHECK(E("1.") == "0+2: write a digit after '.': 1.0");
  CHECK(E("36months") == "0+8: malformed number '36months' (names start with a letter)");
  CHECK(E("1.5.3") == "0+5: malformed number '1.5.3' (names start with a letter)");
  CHECK(E("2024-07-01x") == "0+11: malformed date '2024-07-01x' (names start with a letter)");
  CHECK(E("d < 2024-7-1") == "4+8: write dates as YYYY-MM-DD, e.g. 2024-07-01");
  CHECK(E("d < 2024-07-1") == "4+9: write dates as YYYY-MM-DD, e.g. 2024-07-01");
  CHECK(E("d < 01-07-2024") == "4+10: write dates as YYYY-MM-DD, e.g. 2024-07-01");
  CHECK(E("d < 2024/07/01") == "4+10: write dates as YYYY-MM-DD, e.g. 2024-07-01");
}

TEST_CASE("the earliest error wins and only one is reported", "[parser][errors]") {
  // A grammar error before a lexical one is reported, not the later slip.
  CHECK(E("(a b) && c") == "3+1: expected ')' to close the '(' at column 1");
  // A lexical slip where the grammar also stops: the slip's own message.
  CHECK(E("(a && b)") == "3+2: write 'and' instead of '&&'");
  CHECK(E("if a = b then c else d") == "5+1: '=' compares nothing: write '==' to test equality");
  // A lexical error before a grammar error.
  CHECK(E("a & (b") == "2+1: write 'and' instead of '&'");
  // The grammar accepts the text but a number is too large.
  CHECK(E("x + 99999999999999999999 +") ==
        "4+20: number too large: '99999999999999999999' (integers go up to 9223372036854775807)");
}
