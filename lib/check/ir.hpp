// Internal: the typed, name-resolved form of every expression (checker output,
// planner input). No strings are looked up after this stage.
#ifndef ANSINH_LIB_CHECK_IR_HPP_
#define ANSINH_LIB_CHECK_IR_HPP_

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "ansinh/value.hpp"
#include "check/level.hpp"
#include "expr/syntax.hpp"

namespace ansinh::check {

// A type: a base type, plus the enum it ranges over (enum and set), or a list.
struct Type {
  ValueType base = ValueType::kBool;
  int32_t enum_id = -1;  // index into CheckedPackage::enums for kEnum/kSet
  bool list = false;     // a literal list (only right of `in`)

  bool numeric() const noexcept {
    return !list && (base == ValueType::kInt || base == ValueType::kMoney || base == ValueType::kDecimal);
  }
  bool scaled() const noexcept { return base == ValueType::kMoney || base == ValueType::kDecimal; }
};

bool operator==(const Type& a, const Type& b) noexcept;
inline bool operator!=(const Type& a, const Type& b) noexcept { return !(a == b); }

struct EnumDef {
  std::string name;                 // "household.area", "household.poverty_status"
  std::vector<std::string> values;
  std::vector<Label> labels;
};

// How a field or variable reference reaches the lane it is read in.
enum class Projection : uint8_t {
  kSelf,              // same level as the entity (household at H, person at P)
  kHouseholdOfPerson, // household value read at P
  kHouseholdOfPair,   // household value read at PM
  kPairPerson,        // the outer person's value read at PM
  kPairMember,        // the member's value read at PM
};

enum class Builtin : uint8_t {
  kMonthsBetween, kYearsBetween, kDaysBetween, kAddMonths, kAddYears, kYear, kMonth, kDay,
  kMin, kMax, kAbs, kRound, kSize, kKnown, kDefault,
  kCount, kAny, kAll, kSum,
  kReceives, kQualifies,
  kInUnit,  // in_unit(code, "AREA"): args = {code, as_of}; index = code id of AREA in the unit table
};

enum class IrKind : uint8_t {
  kConst,        // value/known in const_value/const_known; list: list_values
  kField,        // entity + index (schema field), projection
  kVariable,     // entity + index (variable), projection
  kParam,        // index (parameter); args[0] = key for tables/brackets (optional)
  kAsOf,         // the evaluation day
  kPeriodStart,
  kPeriodEnd,
  kCast,         // int -> money/decimal (x 1e6)
  kEnumMap,      // args[0] enum of another type mapped onto this type's enum (index table in list_values)
  kUnary,        // op kNeg / kNot
  kBinary,       // op
  kIf,           // args: cond, then, else
  kCall,         // builtin (not aggregation): args
  kAggregate,    // builtin kCount/kAny/kAll/kSum: args[0] = body at `body_level`
  kBenefitRef,   // builtin kReceives/kQualifies: index = benefit, or group when is_group
};

struct IrNode {
  IrKind kind = IrKind::kConst;
  Type type;
  Level level = Level::kHousehold;
  uint32_t begin = 0, end = 0;  // byte offsets into the expression text
  expr::Op op = expr::Op::kNone;
  Builtin fn = Builtin::kKnown;
  Projection projection = Projection::kSelf;
  uint8_t entity = 0;            // 0 household, 1 person (kField/kVariable)
  int32_t index = -1;            // field / variable / parameter / benefit / group
  bool is_group = false;
  Level body_level = Level::kHousehold;  // kAggregate
  int64_t const_value = 0;
  bool const_known = true;
  std::string text;              // string constants; names for explanations
  std::vector<int64_t> list_values;
  std::vector<IrNode*> args;
};

// Owns IR nodes (stable addresses).
class IrArena {
 public:
  IrNode* New() { return &nodes_.emplace_back(); }
  size_t size() const noexcept { return nodes_.size(); }

 private:
  std::deque<IrNode> nodes_;
};

}  // namespace ansinh::check

#endif  // ANSINH_LIB_CHECK_IR_HPP_
