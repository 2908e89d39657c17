// ansinh cases: boundary households from the thresholds, answered by the engine.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "ansinh/authoring.hpp"
#include "ansinh/error.hpp"
#include "ansinh/rule_set.hpp"
#include "ansinh/testing.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;

namespace {

const ansinh::GeneratedCase* Find(const std::vector<ansinh::GeneratedCase>& cases, const std::string& text) {
  for (const auto& c : cases) {
    if (c.name.vi.find(text) != std::string::npos) return &c;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("cases: the 80th birthday on the last day of a month, both sides, and 29 February") {
  const ansinh::RuleSet rules = ansinh::LoadRulesOrThrow(std::string(ANSINH_RULES_DIR) + "/vn");
  const auto cases = ansinh::GenerateCases(rules, "sa_elderly_poor_no_supporter");
  const ansinh::GeneratedCase* on = Find(cases, "Đủ 80 tuổi đúng ngày cuối tháng");
  REQUIRE(on != nullptr);
  CHECK(on->kind == "age");
  const ansinh::Date day = on->as_of;
  CHECK(ansinh::Date::FromDays(day.days() + 1).day() == 1);  // the last day of its month
  CHECK(on->yaml.find("sa_elderly_poor_no_supporter: 1000000") != std::string::npos);  // 2.0 x 500.000
  const ansinh::GeneratedCase* before = Find(cases, "Còn 1 ngày nữa đủ 80 tuổi");
  REQUIRE(before != nullptr);
  CHECK(before->as_of.days() + 1 == day.days());
  CHECK(before->yaml.find("sa_elderly_poor_no_supporter: 750000") != std::string::npos);  // 1.5 x 500.000
  CHECK(Find(cases, "Sinh ngày 29/02, ngưỡng 80 tuổi") != nullptr);
  // The income line (poverty line 1.500.000, rural) at, below and above.
  CHECK(Find(cases, "ngay dưới mức 1.500.000 đ: 1.499.999 đ") != nullptr);
  CHECK(Find(cases, "đúng bằng mức 1.500.000 đ: 1.500.000 đ") != nullptr);
  CHECK(Find(cases, "ngay trên mức 1.500.000 đ: 1.500.001 đ") != nullptr);
  // The social assistance base changes on 2024-07-01: the day before and the day of.
  CHECK(Find(cases, "Ngày trước khi Mức chuẩn trợ giúp xã hội đổi (2024-07-01)") != nullptr);
  // rules/vn's tests have no 80th birthday on a month's last day: marked new.
  CHECK_FALSE(on->covered);
  CHECK(ansinh::CasesYaml(cases, "vn", ansinh::Language::kVi).find("# MỚI: chưa có bài kiểm thử nào — Đủ 80 tuổi") !=
        std::string::npos);
}

TEST_CASE("cases: the skeletons are tests of the package that pass as generated") {
  const fs::path dir = fs::temp_directory_path() / ("ansinh_cases_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(std::string(ANSINH_SOURCE_DIR) + "/tests/authoring/fixtures/coverage_gap", dir, fs::copy_options::recursive);
  const ansinh::RuleSet rules = ansinh::LoadRulesOrThrow(dir.string());
  const auto cases = ansinh::GenerateCases(rules);
  REQUIRE(cases.size() == 7);  // 80 years: 2 at a month end + 3 around 29 February; the base changes on 2024-07-01: 2
  {
    std::ofstream out(dir / "generated.yaml");
    out << ansinh::CasesYaml(cases, "coverage-gap", ansinh::Language::kVi);
  }
  const ansinh::RuleSet with = ansinh::LoadRulesOrThrow(dir.string());
  const ansinh::TestReport report = ansinh::RunTests(with);
  CHECK(report.results.size() == 1 + cases.size());
  CHECK(report.failed() == 0);
  fs::remove_all(dir);
  CHECK_THROWS_AS(ansinh::GenerateCases(rules, "no_such_benefit"), ansinh::UsageError);
}
