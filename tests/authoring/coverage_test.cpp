// ansinh coverage: what the tests of a package exercise.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "ansinh/authoring.hpp"
#include "ansinh/rule_set.hpp"
#include "cli/cli.hpp"
#include "test_paths.hpp"

namespace {

const std::string kGap = std::string(ANSINH_SOURCE_DIR) + "/tests/authoring/fixtures/coverage_gap";

const ansinh::ConditionCoverage& OnlyCondition(const ansinh::CoverageReport& r) {
  return r.benefits.at(0).versions.at(0).conditions.at(0);
}

}  // namespace

TEST_CASE("coverage: rules/vn's tests reach every condition and every amount arm") {
  const ansinh::RuleSet rules = ansinh::LoadRulesOrThrow(std::string(ANSINH_RULES_DIR) + "/vn");
  const ansinh::CoverageReport r = ansinh::MeasureCoverage(rules);
  CHECK(r.tests_failed == 0);
  CHECK(r.conditions() > 60);
  CHECK(r.conditions_covered() == r.conditions());
  CHECK(r.branches() > 20);
  CHECK(r.branches_covered() == r.branches());
}

TEST_CASE("coverage: a condition never false, an arm never taken, a parameter step never used") {
  const ansinh::RuleSet rules = ansinh::LoadRulesOrThrow(kGap);
  const ansinh::CoverageReport r = ansinh::MeasureCoverage(rules);
  REQUIRE(r.tests == 1);
  const ansinh::ConditionCoverage& age = OnlyCondition(r);
  CHECK(age.name == "age");
  CHECK(age.seen.yes == 1);
  CHECK(age.seen.no == 0);
  CHECK_FALSE(age.seen.covered());
  const auto& arms = r.benefits.at(0).versions.at(0).branches;
  REQUIRE(arms.size() == 2);
  CHECK(arms[0].when == "has_disability");
  CHECK(arms[0].taken == 0);
  CHECK(arms[0].location.line == 33);
  CHECK(arms[1].arm == "else 1.5 * param.social_assistance_base");
  CHECK(arms[1].taken == 1);
  REQUIRE(r.parameters.size() == 1);
  CHECK(r.parameters[0].steps.at(0).used == 0);  // 2021-07-01: the only test is in 2024
  CHECK(r.parameters[0].steps.at(1).used == 1);
  CHECK(r.parameter_steps_used() == 1);
  // The probes are not part of the report.
  REQUIRE(r.variables.size() == 1);
  CHECK(r.variables[0].name == "age_years");
}

TEST_CASE("coverage: the command's text, JSON and HTML") {
  std::ostringstream out, err;
  REQUIRE(ansinh::cli::RunCli({"coverage", kGap}, out, err) == 0);
  CHECK(out.str().find("Điều kiện đã thấy cả đúng lẫn sai: 0/1 (0%)") != std::string::npos);
  CHECK(out.str().find("← chưa bao giờ sai") != std::string::npos);
  std::ostringstream en, json, html;
  REQUIRE(ansinh::cli::RunCli({"coverage", kGap, "--lang", "en"}, en, err) == 0);
  CHECK(en.str().find("Amount formula arms taken: 1/2 (50%)") != std::string::npos);
  REQUIRE(ansinh::cli::RunCli({"coverage", kGap, "--format", "json"}, json, err) == 0);
  CHECK(json.str().find("\"branches_covered\": 1") != std::string::npos);
  REQUIRE(ansinh::cli::RunCli({"coverage", kGap, "--format", "html"}, html, err) == 0);
  CHECK(html.str().rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.str().find("Trợ cấp người từ đủ 80 tuổi") != std::string::npos);
}
