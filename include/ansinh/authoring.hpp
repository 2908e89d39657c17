// ansinh — tools for the people who write the rules: how much of a package its
// YAML tests exercise (coverage), and the boundary households its thresholds
// call for (cases).
#ifndef ANSINH_AUTHORING_HPP_
#define ANSINH_AUTHORING_HPP_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/date.hpp"
#include "ansinh/rule_set.hpp"
#include "ansinh/source_location.hpp"
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

// --- coverage ----------------------------------------------------------------

// How often a yes/no expression was seen true, false and unknown.
struct Seen {
  size_t yes = 0;
  size_t no = 0;
  size_t unknown = 0;
  // Covered: seen both true and false.
  bool covered() const noexcept { return yes > 0 && no > 0; }
};

struct ConditionCoverage {
  std::string name;
  Label label;
  std::string source;
  SourceLocation location;
  Seen seen;
};

// One arm of an `if … then … else …` of a formula: taken when the arm's value
// is the formula's value.
struct BranchCoverage {
  std::string arm;          // "then 100", "else 0": the arm's text (shortened)
  std::string when;         // the condition that leads to it ("hi_paid_by_state"; "else": empty)
  SourceLocation location;  // the arm's value
  size_t taken = 0;
};

struct VersionCoverage {
  Date from;
  std::optional<Date> to;
  size_t decided = 0;  // outcomes of the tests decided under this version
  std::vector<ConditionCoverage> conditions;
  std::vector<BranchCoverage> branches;  // of the amount formula
};

struct BenefitCoverage {
  std::string id;
  Label label;
  std::vector<VersionCoverage> versions;
};

struct VariableCoverage {
  std::string name;
  Label label;
  SourceLocation location;
  bool boolean = false;
  Seen seen;                 // boolean variables
  size_t known = 0;          // others: lanes with a value
  size_t unknown = 0;        // others: lanes without one
  size_t distinct = 0;       // others: distinct values seen
  std::vector<BranchCoverage> branches;  // of the formula
};

struct ParameterStepCoverage {
  Date from;
  std::string value;
  size_t used = 0;  // test outcomes decided on a day of this step by a rule that reads the parameter
};

struct ParameterCoverage {
  std::string name;
  Label label;
  std::vector<ParameterStepCoverage> steps;
};

struct CoverageReport {
  std::string package;
  size_t tests = 0;
  size_t tests_failed = 0;
  std::vector<BenefitCoverage> benefits;
  std::vector<VariableCoverage> variables;
  std::vector<ParameterCoverage> parameters;

  size_t conditions() const noexcept;
  size_t conditions_covered() const noexcept;   // seen true and false
  size_t branches() const noexcept;             // amount arms
  size_t branches_covered() const noexcept;
  size_t variable_branches() const noexcept;
  size_t variable_branches_covered() const noexcept;
  size_t parameter_steps() const noexcept;
  size_t parameter_steps_used() const noexcept;
};

// Runs the package's own YAML tests and records, per benefit version, each
// condition's values, each amount arm taken, each variable's values and arms,
// and each parameter step used. Thread-safe.
CoverageReport MeasureCoverage(const RuleSet& rules);

// Text (`lang` first, labels not ids), JSON (stable keys, docs/cli.md), and a
// self-contained HTML page in the style of the report's.
std::string CoverageText(const CoverageReport& report, Language lang);
std::string CoverageJson(const CoverageReport& report);
std::string CoverageHtml(const CoverageReport& report, Language lang);

// --- boundary cases ------------------------------------------------------------

// One household on a boundary of a benefit's thresholds, as a YAML test case
// with the engine's current answer as its expectation, for staff to confirm.
struct GeneratedCase {
  std::string benefit;         // benefit id
  std::string kind;            // "age", "income", "date"
  Label name;                  // what the case tests ("Đủ 80 tuổi đúng ngày cuối tháng …")
  Date as_of;
  bool covered = false;        // an existing test of the package already sits on this boundary
  std::string yaml;            // the test case: one item of a `tests:` list, indented by 2
};

// The boundary households of `benefit` (every benefit when empty): each age
// limit in completed years or months on both sides, with the birthday on the
// last day of a month and on 29 February; each income line at, just below and
// just above; each day a parameter the benefit reads or one of its versions
// changes: the day before and the day of. Each starts from a household of the
// package's tests for which the benefit is eligible (else any test with an
// outcome of it). Throws UsageError for an unknown benefit.
std::vector<GeneratedCase> GenerateCases(const RuleSet& rules, const std::string& benefit = {});

// The cases as one YAML file (`tests:`), a comment above each case saying
// whether the current tests cover it, in `lang` first.
std::string CasesYaml(const std::vector<GeneratedCase>& cases, const std::string& package, Language lang);

ANSINH_END_NAMESPACE

#endif  // ANSINH_AUTHORING_HPP_
