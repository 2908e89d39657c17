// ansinh — running the YAML test cases of a rule package.
#ifndef ANSINH_TESTING_HPP_
#define ANSINH_TESTING_HPP_

#include "ansinh/export.h"

#include <string>
#include <vector>

#include "ansinh/rule_set.hpp"
#include "ansinh/source_location.hpp"
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

// One difference between what a test expects and what the rules decided.
struct ANSINH_EXPORT TestMismatch {
  std::string what;      // "members[C1].sa_child_under_3.status"
  std::string expected;
  std::string actual;
  std::string note;      // e.g. the reason given by the decision
  // The same in Vietnamese where it differs (empty: as above, e.g. an amount).
  std::string expected_vi;
  std::string actual_vi;
  std::string note_vi;
};

struct ANSINH_EXPORT TestResult {
  std::string name;
  SourceLocation location;      // the test case in its YAML file
  std::string reference;
  bool passed = false;
  std::vector<TestMismatch> mismatches;
  std::string decision_text;    // failed tests: the decision explained (ToText with the trace)
};

struct ANSINH_EXPORT TestReport {
  std::vector<TestResult> results;
  size_t passed() const noexcept;
  size_t failed() const noexcept;
};

// Runs the tests of the package `rules` was loaded from (only its own tests,
// not those of packages it extends) whose name contains `filter`. Thread-safe.
ANSINH_EXPORT TestReport RunTests(const RuleSet& rules, const std::string& filter = {});

// Formats failures as "file:line:col: FAIL: name" and one line per mismatch
// ("what: expected X, got Y"), in Vietnamese by default ("file:line:col: SAI:
// name", "what: cần X, được Y", "N đạt, M sai"). `verbose`: also list passing
// tests and show each failed test's decision with its trace, in `lang`.
ANSINH_EXPORT std::string Format(const TestReport& report, bool verbose = false, Language lang = Language::kVi);

ANSINH_END_NAMESPACE

#endif  // ANSINH_TESTING_HPP_
