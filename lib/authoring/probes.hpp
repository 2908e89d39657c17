// Internal: a rule set with one extra boolean variable ("probe") per
// `if … then … else` condition of each benefit amount and variable formula,
// so that the arms a household takes can be read from its decision.
#ifndef ANSINH_LIB_AUTHORING_PROBES_HPP_
#define ANSINH_LIB_AUTHORING_PROBES_HPP_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ansinh/decision.hpp"
#include "ansinh/rule_set.hpp"

namespace ansinh::authoring {

// One arm of a formula: taken when every (probe, side) of `path` holds.
struct Arm {
  std::string arm;    // the arm's text, "then 100" / "else 0"
  std::string when;   // the condition text (empty for else)
  SourceLocation location;
  std::vector<std::pair<std::string, bool>> path;  // probe variable name, side wanted
};

struct ProbedRules {
  std::optional<RuleSet> rules;                           // the package plus the probe variables
  std::vector<std::vector<std::vector<Arm>>> amount_arms;  // [benefit][version]
  std::vector<std::vector<Arm>> variable_arms;            // [variable] (the package's own, by index)
  size_t own_variables = 0;                               // the first variables are the package's
};

// Builds the probed rule set from `rules` (which must have been loaded from a package).
ProbedRules Probe(const RuleSet& rules);

// The variables of one entity of a decision (member -1: the household) by name.
std::map<std::string, OutputValue> VariablesByName(const DecisionView& d, int member);

// Whether `arm` was taken given the probe values in `values`.
bool Taken(const Arm& arm, const std::map<std::string, OutputValue>& values);

}  // namespace ansinh::authoring

#endif  // ANSINH_LIB_AUTHORING_PROBES_HPP_
