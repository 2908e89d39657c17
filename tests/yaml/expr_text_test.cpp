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

namespace ansinh {
namespace {

// Every byte maps to a plausible source byte: itself, or the escape, quote or
// line break it comes from; offsets never go backwards.
void CheckPlausible(const std::string& text, const YAML::Node& node) {
  const std::string& value = node.Scalar();
  const uint32_t begin = static_cast<uint32_t>(node.Mark().pos);
  const yaml::ScalarMap map = yaml::MapScalar(text, begin, value);
  INFO("text: " << text << "\nvalue: [" << value << "]");
  REQUIRE(map.ok);
  REQUIRE(map.raw.size() == value.size() + 1);
  size_t bad = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    const char raw = text[map.raw[i]];
    const bool same = raw == value[i];
    const bool derived = raw == '\\' || raw == '\n' || raw == '\r' || (raw == '\'' && value[i] == '\'');
    if (!(same || derived) || (i > 0 && map.raw[i] < map.raw[i - 1])) ++bad;
  }
  CHECK(bad == 0);
}

void CheckAllScalars(const std::string& text) {
  const YAML::Node root = YAML::Load(text);
  std::vector<YAML::Node> todo{root};
  while (!todo.empty()) {
    const YAML::Node n = todo.back();
    todo.pop_back();
    if (n.IsScalar()) {
      CheckPlausible(text, n);
    } else if (n.IsMap()) {
      for (const auto& kv : n) {
        todo.push_back(kv.first);
        todo.push_back(kv.second);
      }
    } else if (n.IsSequence()) {
      for (const YAML::Node& item : n) todo.push_back(item);
    }
  }
}

TEST_CASE("Re-scanning reproduces yaml-cpp for a corpus of scalar styles", "[yaml][expr_text]") {
  const char* kCorpus[] = {
      "a: plain text  \nb: two   spaces inside\n",
      "a: one\n  two   \n\n  three\n\n\n  four\nb: x\n",
      "a: 'single\n  folded\n\n  with '' quote'\n",
      "a: \"tab\\there \\\\ \\/ \\0 \\a \\b \\e \\f \\n \\r \\v \\N \\_ \\L \\P \\x41 \\u00e9 \\U0001F600\"\n",
      "a: \"line one   \n   line two \\\n   three\\ \n\n  four\"\n",
      "a: |\n  literal\n\n   more\n  end\n\n\nb: 1\n",
      "a: |-\n  strip\n\n",
      "a: |+\n  keep\n\n\n",
      "a: >\n  folded\n  text\n\n  para\n    indented\n  back\n",
      "a: >-\n\n  leading blank\n",
      "a: >+\n  keep\n\n",
      "a: | # comment\n  after comment\n",
      "- |2\n    two extra\n  base\n- >1\n  x\n",
      "a:\n  b:\n    c: |4\n          deep\n        d\n",
      "a: [plain, 'single', \"double\", {k: v}]\n",
      "a: {x: 1, 'y': \"2\"}\n",
      "a: \"crlf\r\n  folded\"\r\nb: |\r\n  x\r\n  y\r\n",
      "a: tail  # comment\n",
      "? complex\n: value\n",
      "a: ends without newline",
      "a: |\n  ends without newline",
  };
  for (const char* text : kCorpus) CheckAllScalars(text);
}

TEST_CASE("Re-scanning reproduces yaml-cpp for emitted random strings", "[yaml][expr_text]") {
  const std::string alphabet = "ab \t\n\\\"'#:-[]{},&*!|>%@`\xC3\xA9";
  uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const size_t length = next() % 24;
    for (size_t i = 0; i < length; ++i) {
      const size_t pick = (next() >> 8) % alphabet.size();
      if (static_cast<unsigned char>(alphabet[pick]) >= 0xC3) {
        s += "\xC3\xA9";
      } else {
        s += alphabet[pick];
      }
    }
    for (YAML::EMITTER_MANIP style : {YAML::DoubleQuoted, YAML::SingleQuoted, YAML::Literal, YAML::Auto}) {
      YAML::Emitter out;
      out << YAML::BeginMap << YAML::Key << "k" << YAML::Value << style << s << YAML::EndMap;
      if (!out.good()) continue;
      const std::string text = std::string(out.c_str()) + "\n";
      YAML::Node root;
      try {
        root = YAML::Load(text);
      } catch (const YAML::Exception&) {
        continue;  // the emitter wrote something it cannot read back: not ours to map
      }
      CheckAllScalars(text);
    }
  }
}

}  // namespace
}  // namespace ansinh
