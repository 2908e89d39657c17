// Tree shapes and offsets of valid expressions (docs/expression-language.md).
#include <catch2/catch.hpp>

#include <string>

#include "expr/syntax.hpp"
#include "sexpr.hpp"

namespace {

using ansinh::expr::Node;
using ansinh::expr::NodeKind;
using ansinh::expr::ParseExpression;
using ansinh::expr::testing::Sexpr;

// The S-expression of `text`, or "ERROR <offset>: <message>" for its first error.
std::string P(const std::string& text, bool spans = false) {
  auto result = ParseExpression(text);
  if (!result.root) {
    REQUIRE_FALSE(result.errors.empty());
    return "ERROR " + std::to_string(result.errors[0].offset) + ": " + result.errors[0].message;
  }
  CHECK(result.errors.empty());
  return Sexpr(*result.root, spans);
}
std::string Spans(const std::string& text) { return P(text, true); }

}  // namespace

TEST_CASE("precedence: each level binds tighter than the one below", "[parser]") {
  // if < or
  CHECK(P("if a or b then c or d else e or f") == "(if (or a b) (or c d) (or e f))");
  // or < and
  CHECK(P("a or b and c") == "(or a (and b c))");
  CHECK(P("a and b or c") == "(or (and a b) c)");
  // and < not
  CHECK(P("not a and b") == "(and (not a) b)");
  CHECK(P("a and not b") == "(and a (not b))");
  CHECK(P("not a or b") == "(or (not a) b)");
  // not < comparison
  CHECK(P("not a == b") == "(not (== a b))");
  CHECK(P("not x in xs") == "(not (in x xs))");
  // comparison < + -
  CHECK(P("a + b < c - d") == "(< (+ a b) (- c d))");
  CHECK(P("a - 1 in xs") == "(in (- a 1) xs)");
  // + - < * /
  CHECK(P("a + b * c - d / e") == "(- (+ a (* b c)) (/ d e))");
  CHECK(P("a * b + c") == "(+ (* a b) c)");
  // * / < unary -
  CHECK(P("-a * -b") == "(* (- a) (- b))");
  CHECK(P("a / -b") == "(/ a (- b))");
  // unary - < postfix index
  CHECK(P("-x[1]") == "(- (index x 1))");
  // index < primary: any primary can be indexed
  CHECK(P("f(x)[1]") == "(index (call f x) 1)");
  CHECK(P("[1, 2][0]") == "(index [1 2] 0)");
  CHECK(P("(a + b)[k]") == "(index (+ a b) k)");
  // across several levels at once
  CHECK(P("not a + 1 > b * 2 and c or d") == "(or (and (not (> (+ a 1) (* b 2))) c) d)");
  CHECK(P("a < b or c > d") == "(or (< a b) (> c d))");
  CHECK(P("x in xs and y not in ys") == "(and (in x xs) (not in y ys))");
  CHECK(P("-a + b") == "(+ (- a) b)");
}

TEST_CASE("parentheses and if override precedence", "[parser]") {
  CHECK(P("(a + b) * c") == "(* (+ a b) c)");
  CHECK(P("a * (b + c)") == "(* a (+ b c))");
  CHECK(P("not (a and b)") == "(not (and a b))");
  CHECK(P("(a or b) and c") == "(and (or a b) c)");
  CHECK(P("-(a - b)") == "(- (- a b))");
  CHECK(P("((a))") == "a");
  CHECK(P("(if a then 1 else 2) + 3") == "(+ (if a 1 2) 3)");
  CHECK(P("if a then b else c or d") == "(if a b (or c d))");
  CHECK(P("if a then 1 else if b then 2 else 3") == "(if a 1 (if b 2 3))");
  CHECK(P("if if a then b else c then d else e") == "(if (if a b c) d e)");
  CHECK(P("if a then if b then 1 else 2 else 3") == "(if a (if b 1 2) 3)");
  CHECK(P("f(if a then 1 else 2, 3)") == "(call f (if a 1 2) 3)");
}

TEST_CASE("binary chains are left-associative", "[parser]") {
  CHECK(P("a - b - c") == "(- (- a b) c)");
  CHECK(P("a - b + c") == "(+ (- a b) c)");
  CHECK(P("a / b / c") == "(/ (/ a b) c)");
  CHECK(P("a * b / c") == "(/ (* a b) c)");
  CHECK(P("a or b or c") == "(or (or a b) c)");
  CHECK(P("a and b and c") == "(and (and a b) c)");
  CHECK(P("x[1][2]") == "(index (index x 1) 2)");
}

TEST_CASE("prefix operators nest", "[parser]") {
  CHECK(P("- - a") == "(- (- a))");
  CHECK(P("--a") == "(- (- a))");
  CHECK(P("a - -b") == "(- a (- b))");
  CHECK(P("a--b") == "(- a (- b))");
  CHECK(P("not not a") == "(not (not a))");
  CHECK(P("-5") == "(- 5)");
  CHECK(P("not -a < b") == "(not (< (- a) b))");
}

TEST_CASE("every operator", "[parser]") {
  const std::pair<const char*, const char*> cases[] = {
      {"a + b", "(+ a b)"},       {"a - b", "(- a b)"},       {"a * b", "(* a b)"},
      {"a / b", "(/ a b)"},       {"a == b", "(== a b)"},     {"a != b", "(!= a b)"},
      {"a < b", "(< a b)"},       {"a <= b", "(<= a b)"},     {"a > b", "(> a b)"},
      {"a >= b", "(>= a b)"},     {"a and b", "(and a b)"},   {"a or b", "(or a b)"},
      {"a in b", "(in a b)"},     {"a not in b", "(not in a b)"}, {"-a", "(- a)"},
      {"not a", "(not a)"},       {"a<=b", "(<= a b)"},       {"a>=b", "(>= a b)"},
      {"a==b", "(== a b)"},       {"a!=b", "(!= a b)"},       {"a<b", "(< a b)"},
      {"a>b", "(> a b)"},         {"a not  in b", "(not in a b)"},
  };
  for (const auto& [text, tree] : cases) {
    INFO(text);
    CHECK(P(text) == tree);
  }
  auto root = ParseExpression("a not in b").root;
  REQUIRE(root);
  CHECK(root->op == ansinh::expr::Op::kNotIn);
  CHECK(std::string(ansinh::expr::ToString(root->op)) == "not in");
  CHECK(std::string(ansinh::expr::ToString(ansinh::expr::NodeKind::kIndex)) == "index");
}

TEST_CASE("literals", "[parser]") {
  CHECK(P("0") == "0");
  CHECK(P("36") == "36");
  CHECK(P("1_500_000") == "1500000");
  CHECK(P("9223372036854775807") == "9223372036854775807");
  CHECK(P("0009223372036854775807") == "0009223372036854775807");
  CHECK(P("1.5") == "1.5");
  CHECK(P("0.000001") == "0.000001");
  CHECK(P("1_000.25") == "1000.25");
  CHECK(P("2024-07-01") == "d:2024-07-01");
  CHECK(P("2024-02-30") == "d:2024-02-30");  // the checker validates the calendar
  CHECK(P("2024 - 7") == "(- 2024 7)");
  CHECK(P("2024-07") == "(- 2024 07)");
  CHECK(P("as_of < 2024-07-01") == "(< as_of d:2024-07-01)");
  CHECK(P("true") == "true");
  CHECK(P("false") == "false");
  CHECK(P("\"poor\"") == "\"poor\"");
  CHECK(P("'poor'") == "\"poor\"");
  CHECK(P("\"\"") == "\"\"");
  CHECK(P("''") == "\"\"");
  CHECK(P(R"("a\"b")") == R"("a\"b")");
  CHECK(P(R"("a\\b")") == R"("a\\b")");
  CHECK(P(R"("a\nb\tc")") == R"("a\nb\tc")");
  CHECK(P(R"('a\nb')") == R"("a\\nb")");  // no escapes in '...'
  CHECK(P(R"('say "hi"')") == R"("say \"hi\"")");
  CHECK(P(R"("it's")") == R"("it's")");
  CHECK(P("\"a # not a comment\"") == "\"a # not a comment\"");

  auto root = ParseExpression("\"h\xe1\xbb\x99 ngh\xc3\xa8o\"").root;  // "hộ nghèo"
  REQUIRE(root);
  CHECK(root->kind == NodeKind::kString);
  CHECK(root->text == "h\xe1\xbb\x99 ngh\xc3\xa8o");

  root = ParseExpression("true").root;
  REQUIRE(root);
  CHECK(root->kind == NodeKind::kBool);
  CHECK(root->bool_value);
  root = ParseExpression("false").root;
  REQUIRE(root);
  CHECK_FALSE(root->bool_value);
  root = ParseExpression("1_500_000").root;
  REQUIRE(root);
  CHECK(root->kind == NodeKind::kInt);
  root = ParseExpression("1.5").root;
  REQUIRE(root);
  CHECK(root->kind == NodeKind::kDecimal);
  root = ParseExpression("2024-07-01").root;
  REQUIRE(root);
  CHECK(root->kind == NodeKind::kDate);
}

TEST_CASE("lists", "[parser]") {
  CHECK(P("[]") == "[]");
  CHECK(P("[ ]") == "[]");
  CHECK(P("[1]") == "[1]");
  CHECK(P("[1, \"a\", x, 2024-01-01]") == "[1 \"a\" x d:2024-01-01]");
  CHECK(P("[[1], [2, 3], []]") == "[[1] [2 3] []]");
  CHECK(P("x in [\"poor\", \"near_poor\"]") == "(in x [\"poor\" \"near_poor\"])");
  CHECK(P("[a + 1, not b]") == "[(+ a 1) (not b)]");
}

TEST_CASE("names, keyword prefixes and paths", "[parser]") {
  CHECK(P("a") == "a");
  CHECK(P("_a") == "_a");
  CHECK(P("A1_b2") == "A1_b2");
  for (const char* name : {"android", "notes", "origin", "index", "iffy", "thence", "elsewhere",
                           "trueness", "falsehood", "inner", "order", "nothing", "if_", "_if",
                           "in2", "IF", "True"}) {
    INFO(name);
    CHECK(P(name) == name);
    CHECK(P(std::string(name) + " and x") == "(and " + std::string(name) + " x)");
  }
  CHECK(P("notes in x") == "(in notes x)");
  CHECK(P("not notes") == "(not notes)");
  CHECK(P("household.poverty_status") == "household.poverty_status");
  CHECK(P("param.poverty_line[area]") == "(index param.poverty_line area)");

  auto root = ParseExpression("  household.members.age").root;
  REQUIRE(root);
  CHECK(root->kind == NodeKind::kName);
  CHECK(root->path == std::vector<std::string>{"household", "members", "age"});
  CHECK(root->path_begins == std::vector<uint32_t>{2, 12, 20});
  CHECK(root->begin == 2);
  CHECK(root->end == 23);
}

TEST_CASE("calls", "[parser]") {
  CHECK(P("f()") == "(call f)");
  CHECK(P("f(a)") == "(call f a)");
  CHECK(P("f(a, b, c)") == "(call f a b c)");
  CHECK(P("f (a)") == "(call f a)");
  CHECK(P("max(0, param.social_pension - pension_amount)") ==
        "(call max 0 (- param.social_pension pension_amount))");
  CHECK(P("f(g(x), h())") == "(call f (call g x) (call h))");
  CHECK(P("months_between(birth_date, as_of) < 36") ==
        "(< (call months_between birth_date as_of) 36)");
  CHECK(P("count(m in household.members, m.mother_id == id and m.age_years < 16)") ==
        "(call count (in m household.members) (and (== m.mother_id id) (< m.age_years 16)))");
  CHECK(P("any(members, age_months < 36)") == "(call any members (< age_months 36))");
  CHECK(P("-f(x)") == "(- (call f x))");
}

TEST_CASE("comments, whitespace and newlines", "[parser]") {
  CHECK(P("a # the first\n+ b # the second") == "(+ a b)");
  CHECK(P("# a comment line\na") == "a");
  CHECK(P("a #") == "a");
  CHECK(P("a#b\n+c") == "(+ a c)");
  CHECK(P("\n\t a \r\n +\n b \n") == "(+ a b)");
  CHECK(P("f(\n  a,   # first\n  b\n)") == "(call f a b)");
  CHECK(P("if a\nthen b\nelse c") == "(if a b c)");
  CHECK(P("a\fand\vb") == "(and a b)");
  CHECK(P("a # h\xe1\xbb\x99 ngh\xc3\xa8o \"\xff\n+ b") == "(+ a b)");  // any bytes in comments
  CHECK(P("a # old Mac line end\r+ b") == "(+ a b)");
}

TEST_CASE("every node's byte offsets", "[parser]") {
  // name@part_begin...@begin:end, literals @begin:end, operators from the
  // first character of the left operand to the last of the right one.
  CHECK(Spans("a + b - c") == "(- (+ a@0@0:1 b@4@4:5)@0:5 c@8@8:9)@0:9");
  CHECK(Spans("(a + b) * c") == "(* (+ a@1@1:2 b@5@5:6)@1:6 c@10@10:11)@0:11");
  CHECK(Spans(" -x [ k ] ") == "(- (index x@2@2:3 k@6@6:7)@2:9)@1:9");
  CHECK(Spans("f(x, 1)") == "(call f x@2@2:3 1@5:6)@0:7");
  CHECK(Spans("household.area == 'x'") == "(== household@0.area@10@0:14 \"x\"@18:21)@0:21");
  CHECK(Spans("if a then b else c") == "(if a@3@3:4 b@10@10:11 c@17@17:18)@0:18");
  CHECK(Spans("[1, 2]") == "[1@1:2 2@4:5]@0:6");
  CHECK(Spans("not a") == "(not a@4@4:5)@0:5");
  CHECK(Spans("x[1][2]") == "(index (index x@0@0:1 1@2:3)@0:4 2@5:6)@0:7");
  CHECK(Spans("a not in b") == "(not in a@0@0:1 b@9@9:10)@0:10");
  CHECK(Spans("1_500_000 + 2.5") == "(+ 1500000@0:9 2.5@12:15)@0:15");
  CHECK(Spans("d == 2024-07-01") == "(== d@0@0:1 d:2024-07-01@5:15)@0:15");
  CHECK(Spans("\"a\\\"b\" + true") == "(+ \"a\\\"b\"@0:6 true@9:13)@0:13");
  CHECK(Spans("# c\n  a # d\n  * b") == "(* a@6@6:7 b@16@16:17)@6:17");
  CHECK(Spans("((a) + (b))") == "(+ a@2@2:3 b@8@8:9)@1:10");
  CHECK(Spans("f ( )") == "(call f)@0:5");
}
