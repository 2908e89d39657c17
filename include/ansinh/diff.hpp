// ansinh — what changing the rules changes: the same records evaluated under
// two rule packages (A, the rules today; B, a reform or scenario), compared
// household by household and member by member.
#ifndef ANSINH_DIFF_HPP_
#define ANSINH_DIFF_HPP_

#include "ansinh/export.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/decision.hpp"
#include "ansinh/records.hpp"
#include "ansinh/report.hpp"
#include "ansinh/rule_set.hpp"
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

// How one benefit of one household or member changes from A to B. "Paid"
// means eligible and not superseded in its group.
enum class ChangeKind : uint8_t {
  kGained,  // not paid under A, paid under B
  kLost,    // paid under A, not under B
  kUp,      // paid under both, a higher amount under B
  kDown,    // paid under both, a lower amount under B
  kStatus,  // paid under neither (or the same amount under both), but the status differs
};
ANSINH_EXPORT const char* ToString(ChangeKind kind) noexcept;  // "gained", "lost", "up", "down", "status"

struct ANSINH_EXPORT BenefitChange {
  std::string person_id;  // empty: a household benefit
  std::string benefit;    // benefit id (benefits are matched by id)
  ChangeKind kind = ChangeKind::kStatus;
  std::optional<BenefitStatus> status_a;  // none: the package has no such benefit (or the record has errors)
  std::optional<BenefitStatus> status_b;
  std::optional<int64_t> amount_a;        // the amount paid; none: not paid
  std::optional<int64_t> amount_b;
  BenefitUnit unit = BenefitUnit::kMoney;
  Frequency frequency = Frequency::kMonthly;
};

// A household with at least one change.
struct ANSINH_EXPORT HouseholdChange {
  std::string household_id;
  std::string area;       // ReportOptions::area_field ("" if unknown)
  std::string commune;
  bool ok_a = true;       // evaluated without record errors under A
  bool ok_b = true;
  int64_t monthly_a = 0;  // total monthly money benefits, VND
  int64_t monthly_b = 0;
  std::vector<BenefitChange> changes;  // household benefits first, then members in order
};

// Totals of one benefit (matched by id) under A and B.
struct ANSINH_EXPORT DiffBenefitLine {
  std::string id;
  Label label;             // B's label when B has the benefit, else A's
  BenefitUnit unit = BenefitUnit::kMoney;
  Frequency frequency = Frequency::kMonthly;
  bool in_a = false;
  bool in_b = false;
  uint64_t beneficiaries_a = 0;
  uint64_t beneficiaries_b = 0;
  uint64_t gained = 0;     // persons (or households) by ChangeKind
  uint64_t lost = 0;
  uint64_t up = 0;
  uint64_t down = 0;
  uint64_t status_changed = 0;
  int64_t monthly_a = 0;   // VND per month
  int64_t monthly_b = 0;
  int64_t once_a = 0;      // one-off VND
  int64_t once_b = 0;
};

// Gainers and losers of one area or commune.
struct ANSINH_EXPORT DiffAreaLine {
  std::string key;
  Label label;
  uint64_t households = 0;
  uint64_t gaining_households = 0;  // total monthly higher under B
  uint64_t losing_households = 0;   // total monthly lower under B
  uint64_t gaining_persons = 0;     // the person's monthly total higher under B
  uint64_t losing_persons = 0;
  int64_t monthly_a = 0;
  int64_t monthly_b = 0;
};

// An indicator both packages declare (same id), measured under each.
struct ANSINH_EXPORT DiffIndicatorLine {
  IndicatorLine a;
  IndicatorLine b;
};

struct ANSINH_EXPORT Diff {
  PackageInfo a;
  PackageInfo b;
  When when;
  uint64_t households = 0;
  uint64_t persons = 0;
  uint64_t changed_households = 0;   // at least one BenefitChange
  uint64_t gaining_households = 0;   // total monthly higher under B
  uint64_t losing_households = 0;    // total monthly lower under B
  uint64_t gaining_persons = 0;
  uint64_t losing_persons = 0;
  uint64_t error_changed_households = 0;  // record errors under one package only
  int64_t monthly_a = 0;             // VND per month
  int64_t monthly_b = 0;
  int64_t annual_a = 0;              // 12 × monthly
  int64_t annual_b = 0;
  int64_t once_a = 0;
  int64_t once_b = 0;
  std::vector<DiffBenefitLine> benefits;  // A's benefits in order, then those only B has
  std::vector<DiffAreaLine> by_area;      // in the enum's order, unknown last
  std::vector<DiffAreaLine> by_commune;   // by name
  std::vector<DiffIndicatorLine> indicators;
  std::vector<HouseholdChange> changes;   // in input order, at most ReportOptions::max_listed
};

// Builds a diff chunk by chunk. The two batches hold the same records (in the
// same order) read for each package's schema. Not thread-safe. Keeps copies
// of both rule sets; batches are read during Add only; the Diff is plain data.
class ANSINH_EXPORT DiffBuilder {
 public:
  DiffBuilder(const RuleSet& a, const RuleSet& b, const When& when, const ReportOptions& options = {});
  ~DiffBuilder();
  DiffBuilder(DiffBuilder&&) noexcept;
  DiffBuilder& operator=(DiffBuilder&&) noexcept;

  // Throws UsageError if the batches do not hold the same households.
  void Add(const RecordBatch& records_a, const DecisionBatch& decisions_a, const RecordBatch& records_b,
           const DecisionBatch& decisions_b);
  Diff Finish() &&;


 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads the records in `paths` once for each package (streaming, in chunks),
// evaluates them under A and B for `when` and compares. Throws InputError if
// a file cannot be read.
//
// Example:
//   auto today = ansinh::LoadRulesOrThrow("rules/vn");
//   auto nq42 = ansinh::LoadRulesOrThrow("rules/scenarios/nq42-2030");
//   ansinh::Diff d = ansinh::BuildDiff(today, nq42, {"registry.jsonl"}, ansinh::When::Month({2026, 11}));
//   d.monthly_b - d.monthly_a;   // the extra monthly cost
ANSINH_EXPORT Diff BuildDiff(const RuleSet& a, const RuleSet& b, const std::vector<std::string>& paths, const When& when,
               const ReportOptions& options = {});

// Compares households already in memory.
ANSINH_EXPORT Diff BuildDiff(const RuleSet& a, const RuleSet& b, const std::vector<Household>& households, const When& when,
               const ReportOptions& options = {});

ANSINH_EXPORT std::string RenderText(const Diff& diff, const RenderOptions& options = {});
ANSINH_EXPORT std::string RenderCsv(const Diff& diff, const RenderOptions& options = {});
ANSINH_EXPORT std::string RenderJson(const Diff& diff, const RenderOptions& options = {});
ANSINH_EXPORT std::string RenderHtml(const Diff& diff, const RenderOptions& options = {});

ANSINH_END_NAMESPACE

#endif  // ANSINH_DIFF_HPP_
