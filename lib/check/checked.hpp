// Internal: a rule package after checking — every expression typed and
// resolved, the evaluation order fixed. Output of Check(), input of the planner.
#ifndef ANSINH_LIB_CHECK_CHECKED_HPP_
#define ANSINH_LIB_CHECK_CHECKED_HPP_

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/rule_set.hpp"
#include "check/ir.hpp"
#include "common/sources.hpp"
#include "common/units.hpp"
#include "model/compiled_schema.hpp"
#include "model/package.hpp"

namespace ansinh::check {

struct CheckedExpr {
  IrNode* root = nullptr;                      // null if the expression had errors
  const model::ExprText* source = nullptr;
  Level level = Level::kHousehold;
  bool ok() const noexcept { return root != nullptr; }
};

struct CheckedParam {
  const model::ParamDef* def = nullptr;
  Type type;            // money | decimal | int
};

struct CheckedVariable {
  const model::VariableDef* def = nullptr;
  Entity entity = Entity::kHousehold;
  Type type;
  CheckedExpr formula;
};

struct CheckedCondition {
  const model::Condition* def = nullptr;
  CheckedExpr test;
};

struct CheckedVersion {
  const model::BenefitVersion* def = nullptr;
  std::vector<CheckedCondition> conditions;
  CheckedExpr amount;
};

struct CheckedBenefit {
  const model::BenefitDef* def = nullptr;
  Level level = Level::kPerson;
  std::vector<CheckedVersion> versions;
  int group = -1;              // index into groups, or -1
  bool adds_to_group = false;
  bool exclusive = false;      // `exclusive: {among: household}`: one member of the household is paid
  CheckedExpr between;         // the members who compete (may be !ok() when absent: all)
  CheckedExpr prefer;          // its tie-break (may be !ok() when absent)
};

struct CheckedGroup {
  const model::GroupDef* def = nullptr;
  Level level = Level::kPerson;
  std::vector<int> competing;  // benefit indices in tie-break order
  std::vector<int> adders;     // benefits with adds_to: this group
};

struct CheckedCheck {
  const model::CheckDef* def = nullptr;
  CheckedExpr when;
};

struct CheckedIndicator {
  const model::IndicatorDef* def = nullptr;
  CheckedExpr filter;          // may be !ok() when absent (everyone)
  CheckedExpr numerator;
};

// One step of the evaluation order.
struct Item {
  enum class Kind : uint8_t { kVariable, kBenefit, kGroup, kCheck, kIndicator };
  Kind kind = Kind::kVariable;
  int index = 0;
};

struct CheckedPackage {
  const model::Package* package = nullptr;
  const internal::Sources* sources = nullptr;
  std::vector<EnumDef> enums;
  internal::CompiledSchema schema;           // field 0 of each entity is "id"
  std::vector<Type> household_types;         // parallel to schema.household
  std::vector<Type> person_types;            // parallel to schema.person
  std::vector<CheckedParam> params;
  std::vector<CheckedVariable> variables;
  std::vector<CheckedBenefit> benefits;
  std::vector<CheckedGroup> groups;
  std::vector<CheckedCheck> checks;
  // Checks made from the schema's `not_encoded:` values (code R_NOT_ENCODED); CheckedCheck::def points here.
  std::deque<model::CheckDef> not_encoded_checks;
  std::vector<CheckedIndicator> indicators;
  std::vector<Item> order;                   // dependencies first
  bool uses_days_between_as_of = false;      // months then need every day evaluated
  internal::UnitTable units;                 // administrative units (empty if the package has none)
  IrArena arena;

  const std::vector<Type>& types(Entity e) const noexcept {
    return e == Entity::kHousehold ? household_types : person_types;
  }
};

// Checks the `units` section and fills out.units (left empty when it has errors).
void CheckUnits(const model::Package& pkg, internal::DiagnosticSink& sink, CheckedPackage& out);

// Checks a loaded package: builds the schema, parses and types every
// expression, resolves names, checks groups, parameters, tests, and orders
// the items by dependency (cycles are reported as a path). Diagnostics go to
// `sink`; returns the checked package (complete only if the sink has no errors).
std::unique_ptr<CheckedPackage> Check(const model::LoadedTree& tree, const LoadOptions& options,
                                      internal::DiagnosticSink& sink);

}  // namespace ansinh::check

#endif  // ANSINH_LIB_CHECK_CHECKED_HPP_
