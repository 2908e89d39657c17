// Positions inside expressions: every scalar style maps each byte of its
// value back to the line and column where it is written.
#include <catch2/catch.hpp>

#include <memory>

#include "model/package.hpp"
#include "yaml/expr_text.hpp"
#include "yaml/yaml_source.hpp"

namespace ansinh {
namespace {

using internal::DiagnosticSink;
using internal::Sources;

// Parses `text` and keeps the ExprText of top-level key `key`.
struct Parsed {
  Sources sources;
  std::unique_ptr<yaml::YamlSource> source;
  model::ExprText expr;
  bool ok = false;
};

std::unique_ptr<Parsed> Expr(const std::string& text, const std::string& key) {
  auto out = std::make_unique<Parsed>();
  const uint32_t file = out->sources.Add("t.yaml", text);
  out->source = std::make_unique<yaml::YamlSource>(out->sources, file);
  DiagnosticSink sink(&out->sources);
  if (!out->source->Parse(sink)) return out;
  for (const auto& kv : out->source->root()) {
    if (kv.first.Scalar() != key) continue;
    YAML::Node value = kv.second;
    if (value.IsSequence()) value = value[0];
    out->expr = yaml::MakeExprText(*out->source, value);
    out->ok = true;
  }
  return out;
}

// "line:column" of byte `offset`.
std::string At(const model::ExprText& e, uint32_t offset) {
  const internal::Loc loc = e.At(offset);
  return std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

TEST_CASE("Plain scalar: offsets are columns from the value's start", "[yaml][expr_text]") {
  auto p = Expr("x: 1\namount: 1.5 * param.base\n", "amount");
  REQUIRE(p->ok);
  CHECK(p->expr.text == "1.5 * param.base");
  CHECK(At(p->expr, 0) == "2:9");
  CHECK(At(p->expr, 6) == "2:15");
  CHECK(At(p->expr, 16) == "2:25");  // one past the end
  CHECK(p->expr.loc.line == 2);
  CHECK(p->expr.loc.column == 9);
  CHECK(p->expr.segments.size() == 1);
}

TEST_CASE("Multi-line plain scalar: folded lines map to their own line", "[yaml][expr_text]") {
  auto p = Expr("formula: a and\n   b and\n  c\n", "formula");
  REQUIRE(p->ok);
  REQUIRE(p->expr.text == "a and b and c");
  CHECK(At(p->expr, 0) == "1:10");
  CHECK(At(p->expr, 5) == "1:15");  // the folded space: the line break
  CHECK(At(p->expr, 6) == "2:4");   // b
  CHECK(At(p->expr, 12) == "3:3");  // c
}

TEST_CASE("Single-quoted scalar: '' is one quote", "[yaml][expr_text]") {
  auto p = Expr("x: 'it''s ok'\n", "x");
  REQUIRE(p->ok);
  REQUIRE(p->expr.text == "it's ok");
  CHECK(At(p->expr, 0) == "1:5");
  CHECK(At(p->expr, 2) == "1:7");  // the quote, written ''
  CHECK(At(p->expr, 3) == "1:9");  // s, after the doubled quote
  CHECK(At(p->expr, 6) == "1:12");
}

TEST_CASE("Double-quoted scalar: characters after an escape keep their column", "[yaml][expr_text]") {
  auto p = Expr("when: \"a\\tb == \\\"c\\\" and \\u00e9x\"\n", "when");
  REQUIRE(p->ok);
  REQUIRE(p->expr.text == "a\tb == \"c\" and \xC3\xA9x");
  CHECK(At(p->expr, 0) == "1:8");   // a
  CHECK(At(p->expr, 1) == "1:9");   // the tab, written \t
  CHECK(At(p->expr, 2) == "1:11");  // b, after the escape
  CHECK(At(p->expr, 7) == "1:16");  // the quote, written \"
  CHECK(At(p->expr, 8) == "1:18");  // c
  CHECK(At(p->expr, 15) == "1:26");  // é (two bytes) written \u00e9
  CHECK(At(p->expr, 16) == "1:26");
  CHECK(At(p->expr, 17) == "1:32");  // x
}

TEST_CASE("Double-quoted scalar over several lines and an escaped line break", "[yaml][expr_text]") {
  auto p = Expr("x: \"a\n  b\\\n  c\"\n", "x");
  REQUIRE(p->ok);
  REQUIRE(p->expr.text == "a bc");
  CHECK(At(p->expr, 2) == "2:3");
  CHECK(At(p->expr, 3) == "3:3");
}

TEST_CASE("Literal block: a character on the 3rd line", "[yaml][expr_text]") {
  const std::string text =
      "formula: |\n"
      "  if a then\n"
      "    b\n"
      "  else c\n"
      "next: 1\n";
  auto p = Expr(text, "formula");
  REQUIRE(p->ok);
  REQUIRE(p->expr.text == "if a then\n  b\nelse c\n");
  CHECK(At(p->expr, 0) == "2:3");
  CHECK(At(p->expr, 9) == "2:12");   // the line break after "then"
  CHECK(At(p->expr, 12) == "3:5");   // b
  CHECK(At(p->expr, 14) == "4:3");   // e of else, 3rd line of the block
  CHECK(At(p->expr, 19) == "4:8");   // c
  CHECK(p->expr.loc.line == 2);
  CHECK(p->expr.loc.column == 3);
}

TEST_CASE("Literal block with strip chomping and CRLF line ends", "[yaml][expr_text]") {
  auto p = Expr("a: 1\r\nformula: |-\r\n  x +\r\n\r\n  y\r\n", "formula");
  REQUIRE(p->ok);
  REQUIRE(p->expr.text == "x +\n\ny");
  CHECK(At(p->expr, 0) == "3:3");
  CHECK(At(p->expr, 5) == "5:3");
}

TEST_CASE("Folded block: lines joined by spaces, blank lines kept", "[yaml][expr_text]") {
  auto p = Expr("f: >-\n  a\n  b\n\n  c\n", "f");
  REQUIRE(p->ok);
  REQUIRE(p->expr.text == "a b\nc");
  CHECK(At(p->expr, 0) == "2:3");
  CHECK(At(p->expr, 1) == "2:4");  // the space: where line 2 ends
  CHECK(At(p->expr, 2) == "3:3");
  CHECK(At(p->expr, 4) == "5:3");
}

TEST_CASE("Folded block with keep chomping keeps trailing lines", "[yaml][expr_text]") {
  auto p = Expr("f: >+\n  a\n    more\n  b\n\n\nnext: 1\n", "f");
  REQUIRE(p->ok);
  // YAML 1.2 keeps three line breaks at the end; yaml-cpp 0.7 keeps two.
  REQUIRE(p->expr.text == "a\n  more\nb\n\n");
  CHECK(p->expr.segments.size() > 1);  // re-scanned, not the fallback
  CHECK(At(p->expr, 2) == "3:3");  // the indented line keeps its spaces
  CHECK(At(p->expr, 9) == "4:3");
}

TEST_CASE("Block scalar with an explicit indentation indicator", "[yaml][expr_text]") {
  auto p = Expr("s:\n  - |2\n     x\n    y\n", "s");
  REQUIRE(p->ok);
  REQUIRE(p->expr.text == " x\ny\n");
  CHECK(At(p->expr, 0) == "3:5");
  CHECK(At(p->expr, 1) == "3:6");
  CHECK(At(p->expr, 3) == "4:5");
}

TEST_CASE("Block scalar indicators in either order", "[yaml][expr_text]") {
  auto p = Expr("f: |-2\n   a\n  b\n", "f");
  REQUIRE(p->ok);
  REQUIRE(p->expr.text == " a\nb");
  CHECK(At(p->expr, 1) == "2:4");
  CHECK(At(p->expr, 3) == "3:3");
}

TEST_CASE("A byte order mark does not shift columns", "[yaml][expr_text]") {
  auto p = Expr("\xEF\xBB\xBFx: a + b\n", "x");
  REQUIRE(p->ok);
  CHECK(At(p->expr, 0) == "1:7");  // bytes: the mark is 3 of them
  CHECK(At(p->expr, 4) == "1:11");
}

TEST_CASE("An anchored scalar starts after its anchor", "[yaml][expr_text]") {
  auto p = Expr("x: &a b + c\n", "x");
  REQUIRE(p->ok);
  CHECK(p->expr.text == "b + c");
  CHECK(At(p->expr, 0) == "1:7");
}

TEST_CASE("MapScalar refuses a value it cannot reproduce", "[yaml][expr_text]") {
  const yaml::ScalarMap bad = yaml::MapScalar("x: abc\n", 3, "abd");
  CHECK_FALSE(bad.ok);
  const yaml::ScalarMap good = yaml::MapScalar("x: abc\n", 3, "abc");
  REQUIRE(good.ok);
  CHECK(good.raw == std::vector<uint32_t>{3, 4, 5, 6});
}

TEST_CASE("ExprText::At clamps and works without segments", "[yaml][expr_text]") {
  model::ExprText e;
  e.text = "abc";
  e.loc = internal::Loc{0, 4, 7};
  CHECK(e.At(2).column == 9);
  e.segments = {{0, 4, 7}, {2, 5, 3}};
  CHECK(e.At(1).line == 4);
  CHECK(e.At(1).column == 8);
  CHECK(e.At(2).line == 5);
  CHECK(e.At(99).column == 4);  // clamped to size(): one past 'c'
}

}  // namespace
}  // namespace ansinh
