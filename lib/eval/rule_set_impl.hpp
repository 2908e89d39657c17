// Internal: what a RuleSet holds. Immutable once built; shared by all threads.
#ifndef ANSINH_LIB_EVAL_RULE_SET_IMPL_HPP_
#define ANSINH_LIB_EVAL_RULE_SET_IMPL_HPP_

#include <memory>
#include <string>
#include <vector>

#include "ansinh/rule_set.hpp"
#include "records/schema_impl.hpp"

namespace ansinh::internal {

struct Program;  // the compiled plan (plan/plan.hpp)

struct RuleSetImpl {
  PackageInfo info;
  Schema public_schema;
  CompiledSchema schema;
  std::vector<BenefitInfo> benefits;
  std::vector<GroupInfo> groups;
  std::vector<ParameterInfo> parameters;
  std::vector<VariableInfo> variables;
  size_t test_count = 0;
  std::shared_ptr<const Program> program;
};

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_EVAL_RULE_SET_IMPL_HPP_
