// The static warnings of `check`: each planted problem of
// tests/check/fixtures/lint_planted is found, at its place, with its code.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ansinh/rule_set.hpp"
#include "test_paths.hpp"

using namespace ansinh;

namespace {

const std::string kDir = std::string(ANSINH_SOURCE_DIR) + "/tests/check/fixtures/lint_planted";

std::vector<Diagnostic> Warnings(const LoadResult& r, DiagnosticCode code) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : r.diagnostics()) {
    if (d.code == code) out.push_back(d);
  }
  return out;
}

}  // namespace

TEST_CASE("check: a parameter with no value while a benefit using it is in force") {
  const LoadResult r = LoadRules(kDir);
  REQUIRE(r.ok());  // warnings only
  const auto gaps = Warnings(r, DiagnosticCode::kParameterGap);
  REQUIRE(gaps.size() == 3);  // the three benefits that read param.base
  CHECK(gaps[0].severity == Severity::kWarning);
  CHECK(gaps[0].location.line == 17);  // the `2023-07-01: null` step
  CHECK(gaps[0].message.find("parameter 'base' has no value from 2023-07-01 to 2023-12-31") != std::string::npos);
  CHECK(std::string(CodeName(gaps[0].code)) == "W_PARAMETER_GAP");
}

TEST_CASE("check: a group whose benefits exclude each other") {
  const LoadResult r = LoadRules(kDir);
  const auto groups = Warnings(r, DiagnosticCode::kGroupNeverCompetes);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].location.line == 70);
  CHECK(groups[0].message.find("group 'allowance' never decides anything") != std::string::npos);
}

TEST_CASE("check: a condition always true, a version that can never apply") {
  const LoadResult r = LoadRules(kDir);
  const auto constant = Warnings(r, DiagnosticCode::kConstantCondition);
  REQUIRE(constant.size() == 1);
  CHECK(constant[0].location.line == 51);
  CHECK(constant[0].message.find("condition 'any_area' of benefit 'young' is always true") != std::string::npos);
  const auto never = Warnings(r, DiagnosticCode::kVersionNeverApplies);
  REQUIRE(never.size() == 1);
  CHECK(never[0].message.find("benefit 'never' can never apply") != std::string::npos);
  CHECK(never[0].message.find("'age_years'") != std::string::npos);
}

TEST_CASE("check: rules/vn has none of these problems but its deliberate null figures") {
  const LoadResult r = LoadRules(std::string(ANSINH_RULES_DIR) + "/vn");
  REQUIRE(r.ok());
  CHECK(Warnings(r, DiagnosticCode::kGroupNeverCompetes).empty());
  CHECK(Warnings(r, DiagnosticCode::kConstantCondition).empty());
  CHECK(Warnings(r, DiagnosticCode::kVersionNeverApplies).empty());
}
