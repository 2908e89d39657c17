// The nesting estimate run before yaml-cpp, and loading deep files on a small stack.
#include <catch2/catch.hpp>

#include <pthread.h>

#include "yaml/nesting_guard.hpp"
#include "yaml_test_util.hpp"

namespace ansinh {
namespace {

using testing::Codes;
using testing::TempDir;

uint32_t Depth(std::string_view text) { return yaml::EstimateNesting(text, 1000).depth; }

TEST_CASE("The nesting estimate counts real levels", "[yaml][nesting]") {
  CHECK(Depth("") == 0);
  CHECK(Depth("a: 1\nb: 2\n") == 1);
  CHECK(Depth("a:\n  b:\n    c: 1\n") == 3);
  CHECK(Depth("a: [1, [2, {x: [3]}]]\n") == 5);
  CHECK(Depth("a:\n  - b: 1\n    c: [x]\n") == 4);
  CHECK(Depth("a:\n  - b: {c: 1}\n") == 4);
  CHECK(Depth("- - - x\n") == 4);  // one more than real: a dash may start a map, counted as a level
  CHECK(Depth(std::string(100, '[') + std::string(100, ']')) == 101);
}

TEST_CASE("Brackets in scalars, quotes, comments and block scalars are not nesting", "[yaml][nesting]") {
  CHECK(Depth("amount: 1.5 * param.x[area][[[[[\n") == 1);
  CHECK(Depth("a: \"[[[[[[\"\nb: '[[[['\nc: x # [[[[[\n") == 1);
  CHECK(Depth("f: |\n  [[[[[[[[\n  {{{{{{\nb: 1\n") == 1);
  CHECK(Depth("f: >-\n    [[[[\n  [[[[\n") == 1);
  CHECK(Depth("a: [\"]]]]\", 'x]]', b]\nc: [[1]]\n") == 3);
  CHECK(Depth("a: ['it''s', \"q\\\"]\"]\n") == 2);
}

TEST_CASE("The estimate stops at the limit and says where", "[yaml][nesting]") {
  const std::string deep = "x: " + std::string(100000, '[');
  const yaml::NestingEstimate e = yaml::EstimateNesting(deep, 128);
  CHECK(e.depth == 129);
  CHECK(e.offset == 3 + 127);
}

// Loads a package with one deeply nested file on a thread with a 128 KiB stack.
void* LoadOnSmallStack(void* arg) {
  auto* dir = static_cast<TempDir*>(arg);
  static std::string codes;
  codes = Codes(testing::Load(dir->str()));
  return &codes;
}

TEST_CASE("Deep files are refused before yaml-cpp can exhaust a small stack", "[yaml][nesting][limits]") {
  const std::string flow = std::string(499, '[') + std::string(499, ']') + "\n";
  std::string block;
  for (int i = 0; i < 499; ++i) block += std::string(static_cast<size_t>(i) * 2, ' ') + "-\n";
  for (const std::string& text : {flow, block}) {
    TempDir dir;
    dir.Write("package.yaml", "id: p\n");
    dir.Write("deep.yaml", text);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 128 * 1024);
    pthread_t thread;
    REQUIRE(pthread_create(&thread, &attr, &LoadOnSmallStack, &dir) == 0);
    void* result = nullptr;
    pthread_join(thread, &result);
    pthread_attr_destroy(&attr);
    CHECK(*static_cast<std::string*>(result) == "E_LIMIT");
  }
}

}  // namespace
}  // namespace ansinh
