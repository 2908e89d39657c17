// Internal: the compiled program — a flat list of column operations over
// registers, with every name already a slot and every date a day number.
// Built once by the planner; immutable and shared by all evaluating threads.
// The evaluator (eval/) sees only this; never YAML, the grammar or the AST.
#ifndef ANSINH_LIB_PLAN_PLAN_HPP_
#define ANSINH_LIB_PLAN_PLAN_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include "ansinh/decimal.hpp"
#include "ansinh/value.hpp"
#include "check/level.hpp"
#include "common/units.hpp"

namespace ansinh::plan {

using check::Level;
constexpr int kLevels = 3;

// The comparison at the top of a condition, kept for its one-line reason
// (the planner maps the syntax tree's operators to these).
enum class Compare : uint8_t { kNone, kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn };

// Lane states (the same bytes as the `known` columns of records).
constexpr uint8_t kUnknown = 0;
constexpr uint8_t kKnown = 1;
constexpr uint8_t kError = 2;

// String constants of the program are tagged so any string value says where it lives:
// tagged = index into Program::strings; untagged = a StringRef into the record batch.
constexpr int64_t kProgramString = int64_t{1} << 62;

enum class RegKind : uint8_t {
  kOp,           // computed by an op
  kField,        // a record column (entity, field)
  kConst,        // a constant
  kAsOf,         // the evaluation day (bound per pass; household level)
  kPeriodStart,  // first day of the month
  kPeriodEnd,    // last day of the month
};

struct RegInfo {
  RegKind kind = RegKind::kOp;
  Level level = Level::kHousehold;
  ValueType type = ValueType::kBool;
  int32_t enum_id = -1;
  uint8_t entity = 0;       // kField: 0 household, 1 person
  int32_t field = -1;       // kField: schema index
  int64_t value = 0;        // kConst (strings: index into Program::strings)
  uint8_t state = kKnown;   // kConst
  int32_t slot = -1;        // kOp: buffer index within its level
};

enum class OpCode : uint8_t {
  // moving values between levels: out[i] = a[index(i)]
  kGatherHP, kGatherHPair, kGatherPPairPerson, kGatherPPairMember,
  // arithmetic on int64 (ints, and scaled money/decimals alike)
  kAdd, kSub, kNeg, kMulII, kMulSI, kMulSS, kDivSS, kDivSI, kCast,
  // comparisons on int64 (numbers, dates, enum indices, bools)
  kEq, kNe, kLt, kLe, kGt, kGe,
  kStrEq, kStrNe,
  // three-valued logic
  kAnd, kOr, kNot,
  // membership; flags & kNegate = "not in"
  kInMask,       // enum a in constant mask `imm`
  kInList,       // a in lists[aux] (sorted)
  kInStrList,    // string a in string_lists[aux]
  kSetHas,       // enum a in set b
  kSetHasConst,  // bit `imm` in set a
  kIf,           // a ? b : c
  kEnumMap,      // enum_maps[aux][a]
  // built-ins
  kMonthsBetween, kYearsBetween, kDaysBetween, kAddMonths, kAddYears, kYear, kMonth, kDay,
  kMin, kMax, kAbs, kRound /* imm = unit (scaled) */, kSize, kKnownOf, kDefault,
  kInUnit,       // string a (a unit code) on day b lies within the area of code id `aux` (Program::units)
  kIntDivConst,  // a / imm, toward zero (years from months)
  // reductions: out at op.level, a at the level below (kPerson or kPair)
  kCount, kAny, kAll, kSum,
  // parameters: a = day register (at op.level); b = key register or -1; aux = params[]
  kParam,
  // benefit results
  kBenefit,   // aux = benefits[] index
  kGroup,     // aux = groups[] index
  kExclusive, // aux = benefits[] index: one member of each household keeps the benefit
  kReceives,  // aux = benefit or group; flags: kIsGroup, kQualifies
};

constexpr uint8_t kNegate = 1;
constexpr uint8_t kIsGroup = 2;
constexpr uint8_t kQualifies = 4;

struct Op {
  OpCode code = OpCode::kAdd;
  Level level = Level::kHousehold;
  uint8_t flags = 0;
  int32_t a = -1, b = -1, c = -1;
  int32_t out = -1;
  int32_t aux = -1;
  int32_t guard = -1;  // guards[]: skipped when the day is the same for all lanes and outside
  int64_t imm = 0;
};

// One parameter as used at one place (a fixed key folds the table to a scalar).
struct ParamPlan {
  enum class Kind : uint8_t { kScalar, kTable, kBrackets };
  int32_t param = -1;                 // index into RuleSet::parameters()
  Kind kind = Kind::kScalar;
  std::vector<int32_t> step_from;     // day numbers, ascending
  int32_t keys = 1;                   // kTable: values per step (by key enum index)
  std::vector<int64_t> values;        // scalar: [step]; table: [step * keys + key]; brackets: see below
  std::vector<uint8_t> states;        // kKnown, or kUnknown for a null (unconfirmed) value
  std::vector<uint32_t> bracket_begin;  // brackets: per step, range into bounds/values (size steps + 1)
  std::vector<int64_t> bounds;        // brackets: lower bounds (scaled), ascending within a step
  // The one bound of a brackets step written as a whole `null` (every key unknown).
  static constexpr int64_t kAllNullBound = INT64_MIN;
  std::string display;                // "param.poverty_line"
  std::vector<std::string> key_names;  // for messages: key index -> text
};

struct Guard {
  int32_t from = INT32_MIN;
  int32_t to = INT32_MAX;  // inclusive
};

// A value an explanation shows: a field, a variable or a parameter read by a condition.
struct Read {
  int32_t reg = -1;
  std::string name;        // "household.income_per_capita", "param.poverty_line[area]"
  Label label;
  std::string unit;         // the field's or parameter's declared `unit` ("months", "VND/month"); may be empty
  int32_t param_plan = -1;  // for parameters
  int32_t key_reg = -1;     // for table/bracket parameters: the key register
};

// A literal operand of a condition's top-level comparison, kept for the
// one-line reason ("... not one of Severe, Particularly severe").
struct ConstOperand {
  bool present = false;
  ValueType type = ValueType::kBool;
  int32_t enum_id = -1;          // enum values are indexes into impl.enums[enum_id]
  std::vector<int64_t> values;   // one for a scalar, the items for a list
  std::string text;              // a string literal
};

struct ConditionPlan {
  int32_t reg = -1;                 // bool, at the benefit's level
  Compare top = Compare::kNone;     // top-level comparison, for one-line reasons
  int32_t lhs = -1, rhs = -1;       // its operands' registers (at the benefit level or lower)
  ConstOperand lhs_const, rhs_const;  // literal operands (their registers are not captured)
  std::vector<Read> reads;
  bool target = false;              // named in the benefit's `for:` (says whom it is for: near misses)
};

struct VersionPlan {
  int32_t from = INT32_MIN;
  int32_t to = INT32_MAX;  // inclusive
  int32_t guard = -1;
  std::vector<ConditionPlan> conditions;
  bool has_target = false;           // some condition is marked `for:`
  int32_t amount_reg = -1;
  std::vector<Read> amount_reads;
  std::vector<int32_t> param_plans;  // every parameter the version uses (also through variables)
};

struct BenefitPlan {
  int32_t benefit = -1;
  Level level = Level::kPerson;
  int32_t day_reg = -1;             // the day at this level
  std::vector<VersionPlan> versions;
  int64_t rounding_unit = 1;
  RoundingMode rounding_mode = RoundingMode::kHalfUp;
  bool monthly = true;
  uint8_t month_rule = 0;           // 0 any_day, 1 first_day, 2 last_day
  int32_t group = -1;
  bool adds_to_group = false;
  bool exclusive = false;           // one member of each household is paid (kExclusive)
  int32_t between_reg = -1;         // who competes (person level), or -1: every member
  int32_t prefer_reg = -1;          // its tie-break register (person level), or -1
};

struct GroupPlan {
  int32_t group = -1;
  Level level = Level::kPerson;
  std::vector<int32_t> competing;   // benefits, tie-break order
};

struct CheckPlan {
  int32_t reg = -1;
  Level level = Level::kPerson;
  int32_t field = -1;
};

struct IndicatorPlan {
  int32_t filter_reg = -1;          // -1 = everyone
  int32_t numerator_reg = -1;
  Level level = Level::kHousehold;
};

struct Program {
  std::vector<RegInfo> regs;
  std::vector<Op> ops;
  std::vector<ParamPlan> params;
  std::vector<Guard> guards;
  std::vector<std::vector<int64_t>> lists;
  std::vector<std::vector<std::string>> string_lists;
  std::vector<std::string> strings;
  std::vector<std::vector<int64_t>> enum_maps;
  const internal::UnitTable* units = nullptr;  // the checked package's units (the RuleSet keeps it alive)
  std::vector<BenefitPlan> benefits;        // one per benefit, index = benefit index
  std::vector<GroupPlan> groups;
  std::vector<CheckPlan> checks;
  std::vector<IndicatorPlan> indicators;
  std::vector<int32_t> variable_regs;       // per variable, at its entity's level
  int32_t as_of_reg = -1;
  int32_t period_start_reg = -1;
  int32_t period_end_reg = -1;
  int32_t slots[kLevels] = {0, 0, 0};       // computed registers per level
  // Months: the days on which results can change besides anniversaries of the
  // record's dates (parameter steps, version starts and ends + 1, date literals and + 1).
  std::vector<int32_t> change_days;
  std::vector<int32_t> date_fields[2];      // household / person date field indices
  bool every_day = false;                   // days_between(..., as_of) is used: try every day
};

// Merges ops that compute the same value (same code, operands and constants,
// in a guard that is always run when the later one is), rewrites every
// reference, and renumbers the buffer slots. Pure function of the program.
void EliminateCommonSubexpressions(Program& program);

}  // namespace ansinh::plan

#endif  // ANSINH_LIB_PLAN_PLAN_HPP_
