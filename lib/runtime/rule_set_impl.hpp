// Internal: what a RuleSet holds. Immutable once built; shared by all threads.
#ifndef ANSINH_LIB_RUNTIME_RULE_SET_IMPL_HPP_
#define ANSINH_LIB_RUNTIME_RULE_SET_IMPL_HPP_

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/rule_set.hpp"
#include "eval/eval_rules.hpp"
#include "model/compiled_schema.hpp"

namespace ansinh::model {
struct LoadedTree;
}
namespace ansinh::check {
struct CheckedPackage;
}
namespace ansinh::plan {
struct Program;
}

namespace ansinh::internal {

// Texts an explanation needs about each condition of each benefit version.
struct ConditionMeta {
  std::string name;
  Label label;
  std::string source;
  SourceLocation location;
};

struct VersionMeta {
  Date from;
  std::optional<Date> to;
  std::string reference;
  std::vector<ConditionMeta> conditions;
  std::string amount_source;
  SourceLocation amount_location;
};

struct EnumMeta {
  std::string name;
  std::vector<std::string> values;
  std::vector<Label> labels;
};

struct RuleSetImpl {
  PackageInfo info;
  Schema public_schema;
  CompiledSchema schema;
  std::vector<BenefitInfo> benefits;
  std::vector<GroupInfo> groups;
  std::vector<ParameterInfo> parameters;
  std::vector<VariableInfo> variables;
  std::vector<int32_t> variable_enums;                  // per variable: enum index or -1
  std::vector<std::vector<VersionMeta>> versions;       // per benefit
  std::vector<CheckMeta> checks;
  std::vector<IndicatorInfo> indicators;
  std::vector<EnumMeta> enums;
  size_t test_count = 0;
  // Per benefit, the members of its JSON outcome that never change, escaped once at
  // load (runtime/json_render.cpp): "unit"/"frequency"/"group", then "reference"; `heads` per status (indexed by BenefitStatus): "benefit", "status" and the
  // key "amount"; `unit_group_reference` the two runs in one; `no_amount` per status, all the
  // members up to the first reason's text of an outcome without an amount, not superseded,
  // undetermined or provisional ("amount":null ... "superseded_by":null,"missing":[],
  // "provisional":false,"reason":{"vi":").
  struct BenefitJson {
    std::string unit_group, reference;
    std::array<std::string, 5> heads;
    std::string unit_group_reference;
    std::array<std::string, 5> no_amount;
  };
  std::vector<BenefitJson> benefit_json;
  std::string rules_json;  // "rules":{"id":...,"version":...,"hash":...} of every decision
  // Every word of the rules a not-eligible reason can hold is valid UTF-8 with nothing to
  // escape in JSON (ReasonWordsPlain, at load): such reasons go into JSON unchecked.
  bool reason_words_plain = false;
  // This rule set among all those built in the process (from 1, never reused: load.cpp); 0 for
  // one assembled by hand. Keys what is remembered per rule set (AppendReasonsJson).
  uint64_t serial = 0;

  std::shared_ptr<const plan::Program> program;
  // Kept for the test runner and explanations (and because the IR points into them).
  std::shared_ptr<const model::LoadedTree> tree;
  std::shared_ptr<const check::CheckedPackage> checked;
};

// Checks and compiles a package already loaded into memory (LoadRules is
// LoadPackageTree + this). The tree is kept by the rule set. Lets tests and
// fuzzers build rule sets from trees they assembled or edited without
// touching the file system. Never throws for problems in the rules (they are
// diagnostics); throws UsageError for invalid options.
LoadResult BuildRuleSet(std::shared_ptr<model::LoadedTree> tree, const LoadOptions& options);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_RUNTIME_RULE_SET_IMPL_HPP_
