// Test helper: a rule package written to a temporary folder from strings.
#ifndef ANSINH_TESTS_EVAL_PACKAGE_FIXTURE_HPP_
#define ANSINH_TESTS_EVAL_PACKAGE_FIXTURE_HPP_

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>

#include "ansinh/decision.hpp"
#include "ansinh/rule_set.hpp"

namespace ansinh::testing {

// A minimal schema most tests share; tests add their own sections.
inline const char* kBaseSchema = R"Y(
schema:
  household:
    area: {type: enum, values: [rural, urban]}
    income: {type: money}
    flag: {type: bool}
    tags: {type: set, values: [a, b, c]}
  person:
    birth_date: {type: date}
    sex: {type: enum, values: [male, female]}
    disabled: {type: bool}
    pension: {type: money, default: 0}
    mother_id: {type: string}
)Y";

class TempPackage {
 public:
  explicit TempPackage(std::map<std::string, std::string> files) {
    static int counter = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("ansinh-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir_);
    if (!files.count("package.yaml")) files["package.yaml"] = "id: t\nname: {vi: Thử, en: Test}\nversion: '1'\n";
    for (const auto& [name, text] : files) {
      std::filesystem::create_directories((dir_ / name).parent_path());
      std::ofstream(dir_ / name) << text;
    }
  }
  ~TempPackage() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string path() const { return dir_.string(); }
  LoadResult Load() const { return LoadRules(path()); }
  RuleSet Rules() const { return LoadRulesOrThrow(path()); }

 private:
  std::filesystem::path dir_;
};

// The outcome of `benefit` for member `member` (-1 = household level), or nullopt.
inline std::optional<BenefitOutcome> Find(const DecisionView& d, const std::string& benefit, int member = 0) {
  const OutcomeRange outcomes = member < 0 ? d.benefits() : d.member_benefits(static_cast<size_t>(member));
  for (const BenefitOutcome o : outcomes) {
    if (d.rules().benefits()[o.benefit].id == benefit) return o;
  }
  return std::nullopt;
}

}  // namespace ansinh::testing

#endif  // ANSINH_TESTS_EVAL_PACKAGE_FIXTURE_HPP_
