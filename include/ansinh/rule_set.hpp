// ansinh — a loaded, checked and compiled rule package.
#ifndef ANSINH_RULE_SET_HPP_
#define ANSINH_RULE_SET_HPP_

#include "ansinh/export.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/date.hpp"
#include "ansinh/decimal.hpp"
#include "ansinh/diagnostic.hpp"
#include "ansinh/value.hpp"
#include "ansinh/version.hpp"

namespace ansinh::internal {
struct RuleSetImpl;
struct Access;  // the library's way in (lib/runtime/access.hpp)
}  // namespace ansinh::internal

ANSINH_BEGIN_NAMESPACE

enum class Entity { kHousehold, kPerson };
ANSINH_EXPORT const char* ToString(Entity entity) noexcept;  // "household", "person"

// --- read-only metadata of a rule set ------------------------------------

struct ANSINH_EXPORT FieldInfo {
  std::string name;
  Entity entity = Entity::kHousehold;
  ValueType type = ValueType::kBool;
  std::vector<std::string> values;     // enum/set values, in declared order
  std::vector<Label> value_labels;     // parallel to `values`
  Label label;
  std::optional<std::string> default_value;  // as written in the schema; none = unknown when missing
  std::string unit;
};

// The record fields a rule set reads. Part of its RuleSet: references into it
// are valid while any copy of that RuleSet lives.
class ANSINH_EXPORT Schema {
 public:
  const std::vector<FieldInfo>& fields(Entity entity) const noexcept {
    return entity == Entity::kHousehold ? household_ : person_;
  }
  // The field named `name` of `entity`, or nullptr. "id" is always present.
  const FieldInfo* Find(Entity entity, std::string_view name) const noexcept;
  int IndexOf(Entity entity, std::string_view name) const noexcept;  // -1 if absent

 private:
  friend struct internal::Access;
  std::vector<FieldInfo> household_;
  std::vector<FieldInfo> person_;
};

struct ANSINH_EXPORT ParameterStepInfo {
  Date from;
  std::string value;       // rendered ("500000", "{rural: 1500000, urban: 2000000}")
  std::string reference;
  bool provisional = false;
};

struct ANSINH_EXPORT ParameterInfo {
  std::string name;
  Label label;
  std::string unit;
  std::string reference;
  std::vector<ParameterStepInfo> steps;
};

struct ANSINH_EXPORT VariableInfo {
  std::string name;
  Entity entity = Entity::kHousehold;
  ValueType type = ValueType::kBool;
  Label label;
};

enum class BenefitUnit { kMoney, kPercent };
enum class Frequency { kMonthly, kOnce };

struct ANSINH_EXPORT BenefitInfo {
  std::string id;
  Label label;
  Entity applies_to = Entity::kPerson;
  std::string reference;   // legal reference of the benefit (versions may add their own)
  std::string group;       // empty if none
  bool adds_to_group = false;  // paid on top of the group's winner instead of competing
  // `exclusive: {among: household}`: only one member of a household is paid; the
  // others are superseded by the benefit itself (BenefitOutcome::superseded_by_member).
  bool exclusive = false;
  std::string exclusive_reference;
  BenefitUnit unit = BenefitUnit::kMoney;
  Frequency frequency = Frequency::kMonthly;
  std::optional<Date> from;  // earliest version start
  std::optional<Date> to;    // latest version end (none = open)
};

struct ANSINH_EXPORT GroupInfo {
  std::string id;
  Label label;
  std::string policy;                 // "highest"
  std::vector<std::string> benefits;  // competing benefits, in tie-break order
  std::string reference;
};

// A coverage indicator declared by the package (docs/rule-format.md §indicators):
// of the `population` entities for which `filter` holds, the share (or count)
// for which `numerator` holds, against a target.
struct ANSINH_EXPORT IndicatorInfo {
  std::string id;
  Label label;
  std::string reference;
  Entity population = Entity::kHousehold;
  std::string filter;     // the filter expression as written; empty = the whole population
  std::string numerator;  // the numerator expression as written
  std::string target_op = ">=";          // ">=", ">" (at least / more than), "<=" or "<"
  std::optional<Decimal> target_share;   // a fraction 0..1 (0.96 = 96%), or
  std::optional<int64_t> target_count;   // a count of numerator entities; neither = no target
  std::optional<Date> target_by;         // the date the target is set for
};

struct ANSINH_EXPORT PackageInfo {
  std::string id;
  Label name;
  std::string version;
  std::string path;                 // folder it was loaded from
  std::vector<std::string> extends;  // ids of the packages it extends, nearest first
  std::string hash;                 // "sha256:<hex>" of all rule files (this package and those it extends)
  Language language = Language::kVi;
};

// --- loading ----------------------------------------------------------------

struct ANSINH_EXPORT LoadOptions {
  // Folders that `extends` may resolve into. Empty: the nearest ancestor of the
  // package folder holding an `ansinh-workspace.yaml`, else the package folder.
  std::vector<std::string> roots;
  size_t max_file_bytes = 4u << 20;      // per rule file
  size_t max_files = 2000;               // per package tree
  size_t max_expression_bytes = 8192;    // per expression
  uint32_t max_expression_depth = 64;    // nesting of an expression
  // Follow symbolic links inside a package that lead out of its folder
  // (otherwise E_LINK_OUTSIDE, and the target is not read).
  bool allow_outside = false;
};

class RuleSet;

// The outcome of loading: a rule set, or the diagnostics that prevent it.
// Warnings may be present either way. A value: it owns its diagnostics and
// shares the rule set with the RuleSet that Release() gives.
class ANSINH_EXPORT LoadResult {
 public:
  bool ok() const noexcept { return rules_ != nullptr; }
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }
  // The diagnostics as `ansinh check` prints them, in `lang` (Vietnamese by default).
  std::string Format(Language lang = Language::kVi) const { return ansinh::Format(diagnostics_, lang); }
  // The rule set. Throws RuleError (with the diagnostics) if !ok().
  RuleSet Release() &&;

 private:
  friend struct internal::Access;
  std::shared_ptr<const internal::RuleSetImpl> rules_;
  std::vector<Diagnostic> diagnostics_;
};

// Loads, checks and compiles the rule package in folder `path` (and the
// packages it extends). Never throws for problems in the rule files: they are
// diagnostics. Throws UsageError for invalid options only.
ANSINH_EXPORT LoadResult LoadRules(const std::string& path, const LoadOptions& options = {});

// Like LoadRules(path).Release(): throws RuleError when the package has errors.
ANSINH_EXPORT RuleSet LoadRulesOrThrow(const std::string& path, const LoadOptions& options = {});

// An immutable compiled rule package. Cheap to copy (copies share one compiled
// package, which lives as long as the last copy or the last DecisionBatch or
// DecisionView made with it; a RecordBatch does not keep it alive), safe to use from many threads
// at once. Evaluate with ansinh::Evaluate (decision.hpp). The references its
// accessors return are valid while any copy lives. Made only by LoadRules.
class ANSINH_EXPORT RuleSet {
 public:

  const PackageInfo& info() const noexcept;
  const Schema& schema() const noexcept;
  const std::vector<BenefitInfo>& benefits() const noexcept;
  const std::vector<GroupInfo>& groups() const noexcept;
  const std::vector<ParameterInfo>& parameters() const noexcept;
  const std::vector<VariableInfo>& variables() const noexcept;
  // Coverage indicators, in declaration order (bases first).
  const std::vector<IndicatorInfo>& indicators() const noexcept;
  size_t test_count() const noexcept;
  // Index of benefit `id` in benefits(), or -1.
  int BenefitIndex(std::string_view id) const noexcept;

  // True when both are copies of one loaded rule set (records and decisions
  // made with one can be used with the other).
  friend bool operator==(const RuleSet& a, const RuleSet& b) noexcept { return a.impl_ == b.impl_; }
  friend bool operator!=(const RuleSet& a, const RuleSet& b) noexcept { return a.impl_ != b.impl_; }

 private:
  friend struct internal::Access;
  explicit RuleSet(std::shared_ptr<const internal::RuleSetImpl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const internal::RuleSetImpl> impl_;
};

ANSINH_END_NAMESPACE

#endif  // ANSINH_RULE_SET_HPP_
