// Robustness: random token soups and bytes never crash the parser; every
// result is either a well-formed tree or at least one located error.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "expr/syntax.hpp"
#include "sexpr.hpp"

namespace {

using ansinh::expr::Node;
using ansinh::expr::NodeKind;
using ansinh::expr::ParseExpression;
using ansinh::expr::ParseResult;
using ansinh::expr::testing::Sexpr;

const std::vector<std::string> kPieces = {
    "(", ")", "[", "]", ",", "+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=", "=", "!", "&&",
    "||", "and", "or", "not", "in", "if", "then", "else", "true", "false", "a", "b.c", "f", "x_1",
    "1", "1_000", "1.5", "0.1234567", "2024-07-01", "2024-7-1", "99999999999999999999",
    "\"s\"", "'t'", "\"e\\\"q\"", "\"", "'", "#", "\n", " ", "  ", "\t", "\\", ".", ";", "$",
    "\xe2\x89\xa4", "\xff", "\xc3", "h\xe1\xbb\x99", std::string(1, '\0'), "android", "notes",
};

// Every node lies inside the text and inside its parent, children in order,
// and names' path_begins point at their parts.
void CheckWellFormed(const Node& node, const std::string& text) {
  REQUIRE(node.begin <= node.end);
  REQUIRE(node.end <= text.size());
  uint32_t previous_end = node.begin;
  for (const auto& child : node.children) {
    REQUIRE(child);
    CHECK(child->begin >= previous_end);
    CHECK(child->end <= node.end);
    previous_end = child->end;
    CheckWellFormed(*child, text);
  }
  if (node.kind == NodeKind::kName) {
    REQUIRE(node.path.size() == node.path_begins.size());
    for (size_t i = 0; i < node.path.size(); ++i) {
      CHECK(text.compare(node.path_begins[i], node.path[i].size(), node.path[i]) == 0);
    }
  }
}

// Fully parenthesised source for a tree: parsing it again gives the same tree.
std::string Unparse(const Node& node) {
  auto child = [&](size_t i) { return Unparse(*node.children[i]); };
  auto joined = [&](size_t from) {
    std::string out;
    for (size_t i = from; i < node.children.size(); ++i) out += (i > from ? ", " : "") + child(i);
    return out;
  };
  switch (node.kind) {
    case NodeKind::kInt:
    case NodeKind::kDecimal: return node.text;
    case NodeKind::kDate: return node.text;
    case NodeKind::kBool: return node.bool_value ? "true" : "false";
    case NodeKind::kString: {
      std::string out = "\"";
      for (char c : node.text) {
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '"' || c == '\\') out += std::string("\\") + c;
        else out += c;
      }
      return out + "\"";
    }
    case NodeKind::kName: return node.text;
    case NodeKind::kList: return "[" + joined(0) + "]";
    case NodeKind::kUnary: return std::string("(") + ToString(node.op) + " " + child(0) + ")";
    case NodeKind::kBinary:
      return "(" + child(0) + " " + ToString(node.op) + " " + child(1) + ")";
    case NodeKind::kIf: return "(if " + child(0) + " then " + child(1) + " else " + child(2) + ")";
    case NodeKind::kCall: return node.text + "(" + joined(0) + ")";
    case NodeKind::kIndex: return "(" + child(0) + ")[" + child(1) + "]";
  }
  return "?";
}

std::string RandomText(std::mt19937& rng) {
  std::uniform_int_distribution<int> length(0, 24);
  std::uniform_int_distribution<size_t> piece(0, kPieces.size() - 1);
  std::uniform_int_distribution<int> coin(0, 9);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string text;
  for (int i = length(rng); i > 0; --i) {
    int c = coin(rng);
    if (c == 0) {
      text += static_cast<char>(byte(rng));
    } else {
      text += kPieces[piece(rng)];
      if (c < 6) text += ' ';
    }
  }
  return text;
}

void CheckResult(const std::string& text, const ParseResult& result) {
  if (result.root) {
    CHECK(result.errors.empty());
    CheckWellFormed(*result.root, text);
    ParseResult again = ParseExpression(Unparse(*result.root));
    REQUIRE(again.root);
    CHECK(Sexpr(*again.root) == Sexpr(*result.root));
  } else {
    REQUIRE_FALSE(result.errors.empty());
    for (const auto& error : result.errors) {
      CHECK(error.offset <= text.size());
      CHECK_FALSE(error.message.empty());
    }
  }
}

}  // namespace

TEST_CASE("50,000 random token soups: a tree or a located error", "[parser][random]") {
  std::mt19937 rng(20240701);
  size_t trees = 0;
  for (int i = 0; i < 50000; ++i) {
    std::string text = RandomText(rng);
    INFO("text: " << text);
    ParseResult result = ParseExpression(text);
    CheckResult(text, result);
    trees += result.root ? 1 : 0;
  }
  CHECK(trees > 500);  // the generator does produce valid expressions too
}

TEST_CASE("parsing is thread-safe and deterministic", "[parser][random]") {
  std::mt19937 rng(7);
  std::vector<std::string> texts;
  for (int i = 0; i < 2000; ++i) texts.push_back(RandomText(rng));
  texts.push_back("count(m in household.members, m.age < 3 and not m.disabled) >= 2");
  auto describe = [](const ParseResult& r) {
    return r.root ? Sexpr(*r.root, true) : std::to_string(r.errors[0].offset) + r.errors[0].message;
  };
  std::vector<std::string> expected;
  for (const auto& t : texts) expected.push_back(describe(ParseExpression(t)));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < texts.size(); ++i) {
        if (describe(ParseExpression(texts[i])) != expected[i]) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int m : mismatches) CHECK(m == 0);
}
