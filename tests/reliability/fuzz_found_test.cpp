// Regression tests for the problems the fuzzers (tests/fuzz) found, one test
// each, smallest input first. The fuzzers' own inputs are replayed too
// (tests/fuzz/regressions, CTest fuzz:replay:*); these say what was wrong.
#include <catch2/catch.hpp>

#include <string>

#include "runtime/access.hpp"
#include "ansinh/reader.hpp"
#include "records/batch.hpp"
#include "records/value_text.hpp"
#include "reliability_util.hpp"

using namespace reliability;

namespace {

const ansinh::RuleSet& Vn() {
  static const ansinh::RuleSet rules = LoadRepositoryRules("rules/vn");
  return rules;
}

}  // namespace

// records_fuzzer: yaml-cpp quotes the byte after a backslash in its message
// ("unknown escape character: \xd0"); the R_SYNTAX message carried the raw,
// invalid UTF-8 byte into text and CSV output.
TEST_CASE("fuzz: a YAML syntax message quoting an invalid byte stays valid UTF-8", "[reliability][fuzz-found]") {
  Scratch dir;
  const std::string path = dir.Write("r.yaml", "- id: A\n  note: \"\\\xd0\"\n- id: B\n");
  const ansinh::RecordBatch batch = ansinh::ReadAll(Vn(), {path});
  REQUIRE(batch.size() == 2);
  const auto issues = batch.issues(0);
  REQUIRE(!issues.empty());
  CHECK(issues[0].code == "R_SYNTAX");
  CHECK(issues[0].message.find("unknown escape character") != std::string::npos);
  CHECK(ansinh::internal::IsValidUtf8(issues[0].message));
  CHECK(ansinh::internal::IsValidUtf8(issues[0].message_vi));
  CHECK(ansinh::internal::DataOf(batch).HouseholdId(1) == "B");
}
