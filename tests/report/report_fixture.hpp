// Test helper: the hand-made report package (tests/data/report/mini) and its
// registry, whose report is worked out by hand in indicator_test.cpp.
#ifndef ANSINH_TESTS_REPORT_REPORT_FIXTURE_HPP_
#define ANSINH_TESTS_REPORT_REPORT_FIXTURE_HPP_

#include <algorithm>
#include <string>
#include <vector>

#include "ansinh/diff.hpp"
#include "ansinh/report.hpp"
#include "ansinh/rule_set.hpp"
#include "test_paths.hpp"

namespace ansinh::testing {

inline std::string ReportData(const std::string& name) { return std::string(ANSINH_TEST_DATA_DIR) + "/report/" + name; }
inline std::string ShippedRules(const std::string& name) { return std::string(ANSINH_RULES_DIR) + "/" + name; }
inline std::string ExampleRegistry() { return std::string(ANSINH_SOURCE_DIR) + "/examples/registry.jsonl"; }

inline const RuleSet& Mini() {
  static const RuleSet rules = LoadRulesOrThrow(ReportData("mini"));
  return rules;
}
inline const RuleSet& MiniBase() {
  static const RuleSet rules = LoadRulesOrThrow(ReportData("mini-base"));
  return rules;
}
inline When MiniWhen() { return When::AsOf(Date::FromYmd(2026, 1, 1)); }

inline const CostLine& Cost(const Report& r, const std::string& id) {
  for (const CostLine& c : r.benefits) {
    if (c.id == id) return c;
  }
  for (const CostLine& c : r.groups) {
    if (c.id == id) return c;
  }
  throw std::runtime_error("no cost line " + id);
}

inline const IndicatorLine& Indicator(const Report& r, const std::string& id) {
  for (const IndicatorLine& i : r.indicators) {
    if (i.info.id == id) return i;
  }
  throw std::runtime_error("no indicator " + id);
}

inline const DiffBenefitLine& DiffLine(const Diff& d, const std::string& id) {
  for (const DiffBenefitLine& l : d.benefits) {
    if (l.id == id) return l;
  }
  throw std::runtime_error("no diff line " + id);
}

// Household ids of a follow-up list, with members: "H1(P2)", "H3".
inline std::vector<std::string> Ids(const std::vector<ListedHousehold>& list) {
  std::vector<std::string> out;
  for (const ListedHousehold& h : list) {
    std::string s = h.id;
    if (!h.members.empty()) {
      s += "(";
      for (size_t i = 0; i < h.members.size(); ++i) s += (i ? " " : "") + h.members[i];
      s += ")";
    }
    out.push_back(s);
  }
  return out;
}

}  // namespace ansinh::testing

#endif  // ANSINH_TESTS_REPORT_REPORT_FIXTURE_HPP_
