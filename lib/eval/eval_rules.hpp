// Internal: what the evaluator reads of a rule set — its program, and the
// check texts, parameter steps and benefit ids its decisions carry. The
// runtime's RuleSetImpl holds them; the evaluator never sees RuleSetImpl.
#ifndef ANSINH_LIB_EVAL_EVAL_RULES_HPP_
#define ANSINH_LIB_EVAL_EVAL_RULES_HPP_

#include <string>
#include <vector>

#include "ansinh/rule_set.hpp"

namespace ansinh::plan {
struct Program;
}

namespace ansinh::internal {

// A data check of the rule set, as a decision's issue reports it.
struct CheckMeta {
  std::string id;
  Entity entity = Entity::kPerson;
  Severity severity = Severity::kWarning;
  std::string field;
  Label message;
};

}  // namespace ansinh::internal

namespace ansinh::eval {

// Views into an immutable rule set (which must outlive the evaluator).
struct EvalRules {
  const plan::Program& program;
  const std::vector<internal::CheckMeta>& checks;
  const std::vector<ParameterInfo>& parameters;
  const std::vector<BenefitInfo>& benefits;
};

}  // namespace ansinh::eval

#endif  // ANSINH_LIB_EVAL_EVAL_RULES_HPP_
