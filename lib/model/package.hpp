// Internal: the rule package as loaded from YAML, before checking.
//
// Produced by yaml/ (LoadPackageTree), consumed by check/. Knows nothing of
// yaml-cpp, Spirit or the evaluator. Every item keeps the location of its
// definition so later stages can report problems in the YAML file.
#ifndef ANSINH_LIB_MODEL_PACKAGE_HPP_
#define ANSINH_LIB_MODEL_PACKAGE_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/date.hpp"
#include "ansinh/decimal.hpp"
#include "ansinh/decision.hpp"
#include "ansinh/records.hpp"
#include "ansinh/rule_set.hpp"
#include "ansinh/value.hpp"
#include "common/sources.hpp"

namespace ansinh::model {

using internal::Loc;

// An expression as written in a YAML scalar, with the map from byte offsets in
// `text` back to file positions (block scalars span several lines; quoted
// scalars have escapes). Built by the loader; used by the parser's caller.
struct ExprSegment {
  uint32_t offset = 0;  // first byte of `text` covered by this segment
  uint32_t line = 0;    // its 1-based file line
  uint32_t column = 0;  // its 1-based file column
};

struct ExprText {
  std::string text;
  Loc loc;                            // start of the scalar's content
  std::vector<ExprSegment> segments;  // sorted by offset; first has offset 0
  // The file position of byte `offset` of `text` (offset == size() allowed).
  Loc At(uint32_t offset) const;
  bool empty() const noexcept { return text.empty(); }
};

struct LabelText {
  Label text;
  Loc loc;
};

// --- schema ------------------------------------------------------------------
// A field as the schema file declares it: the public description (FieldInfo:
// name, entity, type, values and their labels, label, default as written,
// unit — the one list of a field's members; CompiledField and the public
// Schema are built from it) plus what only the checker needs.
struct FieldDef : FieldInfo {
  // Parallel to values: why no benefit of the package covers the value (`not_encoded:`),
  // empty when it is covered. A record holding such a value gets the warning R_NOT_ENCODED.
  std::vector<Label> value_not_encoded;
  std::vector<Loc> value_locs;       // parallel to values
  std::optional<InputValue> default_input;  // the default (FieldInfo::default_value: its text), typed later
  Loc default_loc;
  Label description;
  bool override_ = false;
  uint32_t origin = 0;  // index of the package (in LoadedTree::packages) that defined it
  Loc loc;              // the field's key
};

// --- parameters ----------------------------------------------------------------
enum class ParamKind { kScalar, kTable, kBrackets };
enum class MonthRule { kAnyDay, kFirstDay, kLastDay };

struct ParamCell {
  std::string key;                 // table: the enum value; brackets: the lower bound as written
  Decimal bound;                   // brackets: the lower bound (inclusive)
  std::optional<Decimal> value;    // nullopt = not confirmed ("null" in YAML): lookups give unknown
  Loc loc;
};

struct ParamStep {
  Date from;
  std::optional<Decimal> scalar;   // kScalar; nullopt = null (unknown)
  std::vector<ParamCell> cells;    // kTable / kBrackets (brackets sorted by bound)
  bool all_null = false;           // kTable / kBrackets written as a whole `null`: every entry unknown
  std::string reference;           // defaults to the parameter's reference
  bool provisional = false;        // status: provisional
  std::string note;
  Loc loc;                         // the date key
};

struct ParamDef {
  std::string name;
  Label label;
  ValueType type = ValueType::kMoney;   // money | decimal | int
  ParamKind kind = ParamKind::kScalar;
  std::string unit;
  std::string reference;
  std::optional<MonthRule> month_rule;  // how a change inside a month applies (default: package's)
  bool informational = false;           // kept for reference (and scenarios); no W_UNUSED_PARAMETER
  bool signed_values = false;           // money: negative values allowed (`signed: true`; else E_NEGATIVE_VALUE)
  std::vector<ParamStep> steps;         // sorted by `from`, no duplicates
  bool override_ = false;
  uint32_t origin = 0;
  Loc loc;
};

// --- variables -----------------------------------------------------------------
struct VariableDef {
  std::string name;
  Entity entity = Entity::kHousehold;
  ValueType type = ValueType::kBool;
  std::vector<std::string> values;   // enum/set
  std::vector<Label> value_labels;
  Label label;
  std::string reference;
  ExprText formula;
  bool override_ = false;
  uint32_t origin = 0;
  Loc loc;
};

// --- benefits and groups -------------------------------------------------------
struct Condition {
  std::string name;
  Label label;       // may be empty: the name is shown
  ExprText test;
  Loc loc;           // the condition's name
};

// A name in a benefit's `for:` list: a condition that says whom the benefit is for.
struct TargetRef {
  std::string name;
  Loc loc;
};

struct BenefitVersion {
  Date from;
  std::optional<Date> to;            // inclusive last day; nullopt = open-ended
  std::string reference;             // defaults to the benefit's
  std::vector<Condition> when;       // all must hold
  std::vector<TargetRef> target;     // `for:`: the conditions naming the target group (may be empty)
  ExprText amount;
  Loc loc;                           // the version (its `effective` key when the benefit has no `versions`)
};

struct Rounding {
  int64_t unit = 1;
  RoundingMode mode = RoundingMode::kHalfUp;
};

struct BenefitDef {
  std::string id;
  Label label;
  Entity applies_to = Entity::kPerson;
  std::string reference;
  std::string group;                 // competes in this group ...
  bool adds_to_group = false;        // ... or (adds_to:) is paid on top of its winner
  Loc group_loc;
  // `exclusive:` only one member of the household receives the benefit (the
  // highest amount; a tie goes to a member for whom `prefer` holds, then to
  // the member listed first). Empty `exclusive_among` = not exclusive.
  std::string exclusive_among;       // "household"
  ExprText exclusive_between;        // optional bool expression: the members who compete (default all)
  ExprText exclusive_prefer;         // optional bool expression on the person
  std::string exclusive_reference;
  Loc exclusive_loc;
  BenefitUnit unit = BenefitUnit::kMoney;
  Frequency frequency = Frequency::kMonthly;
  Rounding rounding;
  std::optional<MonthRule> month_rule;
  std::vector<BenefitVersion> versions;  // sorted by from; checked for overlap by the loader
  bool override_ = false;
  uint32_t origin = 0;
  uint32_t order = 0;                // declaration order across the merged package
  Loc loc;
};

struct GroupDef {
  std::string id;
  Label label;
  std::string policy = "highest";
  std::string reference;
  std::vector<std::string> order;    // explicit tie-break order (may be empty)
  std::vector<Loc> order_locs;
  bool override_ = false;
  uint32_t origin = 0;
  Loc loc;
};

// --- record checks (plausibility rules written in the package) ------------------
struct CheckDef {
  std::string id;                    // becomes the RecordIssue code
  Entity applies_to = Entity::kPerson;
  Severity severity = Severity::kWarning;
  ExprText when;                     // the problem is present when this is true
  std::string field;                 // field named in the issue (may be empty)
  Label message;
  bool override_ = false;
  uint32_t origin = 0;
  Loc loc;
};

// --- indicators (coverage targets) ---------------------------------------------
struct IndicatorDef {
  std::string id;
  Label label;
  std::string reference;
  Entity population = Entity::kHousehold;
  ExprText filter;                   // empty = everyone of the population
  ExprText numerator;                // bool expression
  std::string target_op = ">=";      // ">=", ">", "<=" or "<"
  std::optional<Decimal> target_share;  // 0..1
  std::optional<int64_t> target_count;
  std::optional<Date> target_by;
  bool override_ = false;
  uint32_t origin = 0;
  Loc loc;
};

// --- YAML tests ------------------------------------------------------------------
struct ExpectedBenefit {
  std::string person;                // empty = household-level
  std::string benefit;
  std::optional<std::string> status;  // "eligible", ...
  std::optional<int64_t> amount;
  bool amount_null = false;          // `amount: null` was written
  std::optional<std::vector<std::string>> missing;
  std::optional<std::string> superseded_by;
  std::optional<std::string> superseded_by_member;  // member id (an exclusive benefit)
  std::optional<bool> provisional;
  Loc loc;
};

struct ExpectedVariable {
  std::string person;                // empty = household-level
  std::string name;
  InputValue value;
  Loc loc;
};

// Where a field of a test household is written, for the checker: its name
// must be a schema field, and an amount of money must not be grouped in
// thousands ("560.000").
struct TestField {
  std::string person;      // member id; empty for the household
  std::string name;
  Loc loc;                 // the key
  uint32_t length = 1;
  std::string plain_text;  // the value as written, when a plain scalar
  Loc value_loc;
  uint32_t value_length = 1;
};

struct TestCase {
  std::string name;
  std::string reference;
  bool is_period = false;
  Date as_of;
  YearMonth period;
  Household household;
  std::optional<std::string> status;  // "ok" | "error"
  std::vector<ExpectedBenefit> benefits;
  std::vector<ExpectedVariable> variables;
  std::optional<int64_t> total_monthly;
  std::vector<std::string> errors;    // record issue codes expected
  std::vector<std::string> warnings;
  std::vector<TestField> fields;      // every field of the household and its members, as written
  uint32_t origin = 0;
  Loc loc;
};

// --- the package -----------------------------------------------------------------
struct PackageMeta {
  std::string id;
  Label name;
  std::string version;
  std::vector<std::string> extends;  // as written
  Language language = Language::kVi;
  std::optional<MonthRule> month_rule;  // package default for monthly benefits/parameters
  std::string dir;                   // folder path as given/resolved
  std::vector<uint32_t> files;       // indices into Sources of this package's files
  Loc loc;
};

// --- administrative units (dated) ---------------------------------------------
// One administrative unit over one period: a province, a district or a
// commune, with its parent and, when it ended, the unit that took its whole
// area. A code may be reused by a later unit (a new commune keeping the code of
// one of the communes it merged); each entry is one (code, period).
enum class UnitLevel : uint8_t { kProvince, kDistrict, kCommune };

struct UnitDef {
  std::string code;                 // as written, e.g. "29269"
  Label name;
  UnitLevel level = UnitLevel::kCommune;
  std::string parent;               // code of the parent unit; empty for a province
  Loc parent_loc;
  std::optional<Date> from;         // first day (none: since before any record)
  std::optional<Date> to;           // last day, inclusive (none: still in force)
  std::string successor;            // code of the unit that took its whole area the day after `to`
  Loc successor_loc;
  bool provisional = false;         // the mapping or code is not confirmed against the legal text
  std::string reference;
  std::string note;
  bool override_ = false;
  uint32_t origin = 0;
  Loc loc;
};

// The merged view of a package and everything it extends. Items of the
// extending package replace inherited ones only with override: true.
struct Package {
  std::vector<PackageMeta> packages;  // [0] = the package asked for, then its bases (nearest first)
  std::vector<FieldDef> fields;       // household and person
  std::vector<ParamDef> parameters;
  std::vector<VariableDef> variables;
  std::vector<BenefitDef> benefits;   // in declaration order (bases first)
  std::vector<GroupDef> groups;
  std::vector<CheckDef> checks;
  std::vector<IndicatorDef> indicators;
  std::vector<UnitDef> units;         // administrative units, bases first
  std::vector<TestCase> tests;        // only the tests of packages[0]
  std::string hash;                   // "sha256:<hex>" over all files, sorted by package then path
};

struct LoadedTree {
  internal::Sources sources;
  Package package;
  std::vector<Diagnostic> diagnostics;  // loader diagnostics (the checker appends its own)
  bool ok = false;                      // no errors so far
};

}  // namespace ansinh::model

#endif  // ANSINH_LIB_MODEL_PACKAGE_HPP_
