// ParseOptions limits: one error, quickly, never a stack overflow.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "expr/syntax.hpp"

namespace {

using ansinh::expr::ParseExpression;
using ansinh::expr::ParseOptions;
using ansinh::expr::ParseResult;

constexpr ParseOptions kLong{64, 4u << 20};  // default depth, texts up to 4 MB

std::string Repeat(const std::string& piece, size_t n) {
  std::string out;
  out.reserve(piece.size() * n);
  for (size_t i = 0; i < n; ++i) out += piece;
  return out;
}

// Parses and requires exactly one error, returned as "<offset>: <message>";
// also requires the parse to be quick (generous for sanitizer builds).
std::string OneError(const std::string& text, const ParseOptions& options = {}) {
  auto start = std::chrono::steady_clock::now();
  ParseResult result = ParseExpression(text, options);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 5.0);
  CHECK_FALSE(result.root);
  REQUIRE(result.errors.size() == 1);
  return std::to_string(result.errors[0].offset) + ": " + result.errors[0].message;
}

const std::string kTooDeep =
    ": the expression is nested too deeply: more than 64 levels of brackets, '-', 'not' and 'if'";

}  // namespace

TEST_CASE("max_length", "[parser][limits]") {
  CHECK(ParseExpression(std::string(8191, ' ') + "a").root);
  CHECK(OneError(std::string(8192, ' ') + "a") ==
        "0: the expression is too long: 8193 bytes (at most 8192)");
  CHECK(OneError("abc", ParseOptions{64, 2}) ==
        "0: the expression is too long: 3 bytes (at most 2)");
}

TEST_CASE("a 1 MB string", "[parser][limits]") {
  const std::string text = "\"" + std::string(1u << 20, 'x') + "\"";
  CHECK(OneError(text) == "0: the expression is too long: 1048578 bytes (at most 8192)");
  ParseResult result = ParseExpression(text, kLong);
  REQUIRE(result.root);
  CHECK(result.root->text.size() == (1u << 20));
  CHECK(OneError("x == \"" + std::string(1u << 20, 'x'), kLong) ==
        "5: unterminated string: no closing \" on the same line");
}

TEST_CASE("100,000 nested '(' / 'not' / '-' / 'if'", "[parser][limits]") {
  const size_t n = 100000;
  const std::string parens = std::string(n, '(') + "a" + std::string(n, ')');
  CHECK(OneError(parens) == "0: the expression is too long: 200001 bytes (at most 8192)");
  CHECK(OneError(parens, kLong) == "64" + kTooDeep);
  CHECK(OneError(std::string(n, '('), kLong) == "64" + kTooDeep);
  CHECK(OneError(std::string(n, '['), kLong) == "64" + kTooDeep);
  CHECK(OneError(Repeat("f(", n) + "x" + std::string(n, ')'), kLong) == "129" + kTooDeep);
  CHECK(OneError(Repeat("not ", n) + "a", kLong) == "256" + kTooDeep);
  CHECK(OneError(std::string(n, '-') + "a", kLong) == "64" + kTooDeep);
  CHECK(OneError(Repeat("- ", n) + "a", kLong) == "128" + kTooDeep);
  CHECK(OneError(Repeat("x[", n), kLong) == "129" + kTooDeep);
  CHECK(OneError(Repeat("-(not ", n) + "a", kLong) == "127" + kTooDeep);
  CHECK(OneError(Repeat("if a then b else ", 10000) + "c", kLong) == "1088" + kTooDeep);
  CHECK(OneError(Repeat("if ", n) + "a", kLong) == "192" + kTooDeep);
  CHECK(OneError(Repeat("if a then ", n) + "a", kLong) == "640" + kTooDeep);
}

TEST_CASE("a syntax error before the nesting limit is reported instead", "[parser][limits]") {
  CHECK(OneError("a b " + std::string(100000, '('), kLong) ==
        "2: unexpected 'b' after the end of the expression");
  CHECK(OneError("(a + " + std::string(100000, '-'), kLong) ==
        "68: the expression is nested too deeply: more than 64 levels of brackets, '-', 'not' "
        "and 'if'");
}

TEST_CASE("nesting up to max_depth parses", "[parser][limits]") {
  const size_t n = 64;
  CHECK(ParseExpression(std::string(n, '(') + "a" + std::string(n, ')')).root);
  CHECK(ParseExpression(std::string(n, '-') + "a").root);
  CHECK(ParseExpression(Repeat("not ", n) + "a").root);
  CHECK(ParseExpression(Repeat("if a then b else ", n) + "c").root);
  CHECK(ParseExpression(Repeat("f(", n) + "x" + std::string(n, ')')).root);
  CHECK(ParseExpression(std::string(n, '[') + std::string(n, ']')).root);
  CHECK(ParseExpression("x" + Repeat("[x", n) + std::string(n, ']')).root);
  CHECK(OneError(std::string(n + 1, '(') + "a" + std::string(n + 1, ')')) == "64" + kTooDeep);
}

TEST_CASE("max_depth counts open levels, not operators in sequence", "[parser][limits]") {
  const ParseOptions two{2, 8192};
  CHECK(ParseExpression(Repeat("(a) + ", 30) + "(a)", two).root);
  CHECK(ParseExpression(Repeat("-a + ", 30) + "-a", two).root);
  CHECK(ParseExpression(Repeat("not a and ", 30) + "not a", two).root);
  CHECK(ParseExpression("f(-a, -b, not c, (d))", two).root);
  CHECK(ParseExpression("if a then -b else -c", two).root);
  CHECK(ParseExpression("-x[1] * -y[2]", two).root);
  CHECK(ParseExpression("not a < -b", two).root);
  CHECK(ParseExpression("if a then b else if c then d else e", two).root);

  const ParseOptions three{3, 8192};
  CHECK(ParseExpression("(((a)))", three).root);
  CHECK(OneError("((((a))))", three) ==
        "3: the expression is nested too deeply: more than 3 levels of brackets, '-', 'not' and "
        "'if'");
  const ParseOptions six{6, 8192};
  CHECK(ParseExpression("-(not (if a then -b else c))", six).root);
  CHECK(OneError("-(not (if a then -b else c))", ParseOptions{5, 8192}).rfind("17: ", 0) == 0);
}

TEST_CASE("max_depth is capped at kMaxSupportedDepth", "[parser][limits]") {
  const ParseOptions huge{1000000, 4u << 20};
  const uint32_t cap = ansinh::expr::kMaxSupportedDepth;
  CHECK(ParseExpression(std::string(cap, '(') + "a" + std::string(cap, ')'), huge).root);
  CHECK(OneError(std::string(100000, '('), huge) ==
        std::to_string(cap) + ": the expression is nested too deeply: more than " +
            std::to_string(cap) + " levels of brackets, '-', 'not' and 'if'");
}

TEST_CASE("long operator chains: bounded tree depth, no deep recursion", "[parser][limits]") {
  // 1024 operators in a row: a tree 1025 levels deep, the most allowed at the default max_depth.
  ParseResult ok = ParseExpression(Repeat("a + ", 1024) + "a");
  REQUIRE(ok.root);
  CHECK(OneError(Repeat("a + ", 1025) + "a") ==
        "0: too many operators in a row: the formula is more than 1024 levels deep; split it "
        "into variables");
  // Raised max_length: a chain of 100,000 operators is rejected without
  // recursing (no time bound: X3 is slow in sanitizer builds).
  ParseResult chain = ParseExpression(Repeat("a+", 100000) + "a", kLong);
  CHECK_FALSE(chain.root);
  REQUIRE(chain.errors.size() == 1);
  CHECK(chain.errors[0].message.rfind("too many operators in a row", 0) == 0);
  // Long lists and argument lists are flat, not deep.
  CHECK(ParseExpression("[" + Repeat("1, ", 2000) + "1]").root);
  CHECK(ParseExpression("max(" + Repeat("1, ", 2000) + "1)").root);
}
