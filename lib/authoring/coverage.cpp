// MeasureCoverage: the package's YAML tests evaluated on the probed rule set;
// conditions from the explanations, amount and formula arms from the probes,
// parameter steps from the days the outcomes were decided on.
#include <algorithm>
#include <map>
#include <set>

#include "ansinh/authoring.hpp"
#include "ansinh/decision.hpp"
#include "ansinh/records.hpp"
#include "ansinh/testing.hpp"
#include "authoring/probes.hpp"
#include "check/checked.hpp"
#include "model/package.hpp"
#include "runtime/access.hpp"
#include "runtime/rule_set_impl.hpp"

ANSINH_BEGIN_NAMESPACE
namespace {

using authoring::Arm;

void Count(Seen& s, const OutputValue& v) {
  if (!v.known) ++s.unknown;
  else if (v.raw != 0) ++s.yes;
  else ++s.no;
}

// The parameters an expression reads, directly or through variables.
class ParamReach {
 public:
  explicit ParamReach(const check::CheckedPackage& p) : p_(p), memo_(p.variables.size()), done_(p.variables.size()) {}

  void Add(const check::IrNode* n, std::set<int>& out) {
    if (n == nullptr) return;
    if (n->kind == check::IrKind::kParam && n->index >= 0) out.insert(n->index);
    if (n->kind == check::IrKind::kVariable && n->index >= 0) {
      const std::set<int>& v = OfVariable(static_cast<size_t>(n->index));
      out.insert(v.begin(), v.end());
    }
    for (const check::IrNode* a : n->args) Add(a, out);
  }

  const std::set<int>& OfVariable(size_t v) {
    if (!done_[v]) {
      done_[v] = true;  // a cycle cannot occur in a checked package; this also stops one
      std::set<int> s;
      Add(p_.variables[v].formula.root, s);
      memo_[v] = std::move(s);
    }
    return memo_[v];
  }

 private:
  const check::CheckedPackage& p_;
  std::vector<std::set<int>> memo_;
  std::vector<bool> done_;
};

BranchCoverage ToCoverage(const Arm& a) { return {a.arm, a.when, a.location, 0}; }

}  // namespace

#define ANSINH_SUM(name, expr)                             \
  size_t CoverageReport::name() const noexcept {           \
    size_t n = 0;                                          \
    expr;                                                  \
    return n;                                              \
  }
ANSINH_SUM(conditions, for (auto& b : benefits) for (auto& v : b.versions) n += v.conditions.size())
ANSINH_SUM(conditions_covered, for (auto& b : benefits) for (auto& v : b.versions) for (auto& c : v.conditions) n += c.seen.covered())
ANSINH_SUM(branches, for (auto& b : benefits) for (auto& v : b.versions) n += v.branches.size())
ANSINH_SUM(branches_covered, for (auto& b : benefits) for (auto& v : b.versions) for (auto& a : v.branches) n += a.taken > 0)
ANSINH_SUM(variable_branches, for (auto& v : variables) n += v.branches.size())
ANSINH_SUM(variable_branches_covered, for (auto& v : variables) for (auto& a : v.branches) n += a.taken > 0)
ANSINH_SUM(parameter_steps, for (auto& p : parameters) n += p.steps.size())
ANSINH_SUM(parameter_steps_used, for (auto& p : parameters) for (auto& s : p.steps) n += s.used > 0)
#undef ANSINH_SUM

CoverageReport MeasureCoverage(const RuleSet& rules) {
  const internal::RuleSetImpl& impl = internal::ImplOf(rules);
  const authoring::ProbedRules probed = authoring::Probe(rules);
  const check::CheckedPackage& checked = *impl.checked;
  CoverageReport report;
  report.package = impl.info.id;

  // The skeleton: every benefit version, condition, arm, variable and parameter step.
  ParamReach reach(checked);
  std::vector<std::vector<std::set<int>>> version_params;
  for (size_t b = 0; b < checked.benefits.size(); ++b) {
    const check::CheckedBenefit& cb = checked.benefits[b];
    BenefitCoverage bc;
    bc.id = cb.def->id;
    bc.label = cb.def->label;
    std::vector<std::set<int>> params;
    for (size_t v = 0; v < cb.versions.size(); ++v) {
      const check::CheckedVersion& cv = cb.versions[v];
      VersionCoverage vc;
      vc.from = cv.def->from;
      vc.to = cv.def->to;
      std::set<int> ps;
      for (const check::CheckedCondition& c : cv.conditions) {
        vc.conditions.push_back({c.def->name, c.def->label, c.def->test.text, impl.tree->sources.Public(c.def->test.loc), {}});
        reach.Add(c.test.root, ps);
      }
      reach.Add(cv.amount.root, ps);
      for (const Arm& a : probed.amount_arms[b][v]) vc.branches.push_back(ToCoverage(a));
      bc.versions.push_back(std::move(vc));
      params.push_back(std::move(ps));
    }
    report.benefits.push_back(std::move(bc));
    version_params.push_back(std::move(params));
  }
  for (size_t v = 0; v < checked.variables.size(); ++v) {
    const check::CheckedVariable& cv = checked.variables[v];
    VariableCoverage vc;
    vc.name = cv.def->name;
    vc.label = cv.def->label;
    vc.location = impl.tree->sources.Public(cv.def->loc);
    vc.boolean = cv.type.base == ValueType::kBool && !cv.type.list;
    for (const Arm& a : probed.variable_arms[v]) vc.branches.push_back(ToCoverage(a));
    report.variables.push_back(std::move(vc));
  }
  for (const check::CheckedParam& p : checked.params) {
    ParameterCoverage pc;
    pc.name = p.def->name;
    pc.label = p.def->label;
    for (const ParameterInfo& info : impl.parameters) {
      if (info.name != p.def->name) continue;
      for (const auto& s : info.steps) pc.steps.push_back({s.from, s.value, 0});
    }
    report.parameters.push_back(std::move(pc));
  }
  std::vector<std::set<std::string>> distinct(checked.variables.size());

  const TestReport tests = RunTests(rules);
  report.tests = tests.results.size();
  report.tests_failed = tests.failed();

  EvaluateOptions options;
  options.explain = true;
  for (const model::TestCase& t : impl.tree->package.tests) {
    const When when = t.is_period ? When::Month(t.period) : When::AsOf(t.as_of);
    const Decision d = Evaluate(*probed.rules, t.household, when, options);
    if (!d.ok()) continue;
    std::map<int32_t, Decision> by_day;  // month tests: the household again on each decided day
    auto probes_on = [&](Date day, int member) {
      if (!t.is_period) return authoring::VariablesByName(d, member);
      auto it = by_day.find(day.days());
      if (it == by_day.end()) {
        it = by_day.emplace(day.days(), Evaluate(*probed.rules, t.household, When::AsOf(day), options)).first;
      }
      return authoring::VariablesByName(it->second, member);
    };

    // Variables (and their arms) of the household and each member.
    for (int m = -1; m < static_cast<int>(d.member_count()); ++m) {
      const std::map<std::string, OutputValue> values = authoring::VariablesByName(d, m);
      for (size_t v = 0; v < checked.variables.size(); ++v) {
        const check::CheckedVariable& cv = checked.variables[v];
        if ((cv.entity == Entity::kHousehold) != (m < 0)) continue;
        auto it = values.find(cv.def->name);
        if (it == values.end()) continue;
        VariableCoverage& vc = report.variables[v];
        if (vc.boolean) Count(vc.seen, it->second);
        else if (!it->second.known) ++vc.unknown;
        else {
          ++vc.known;
          distinct[v].insert(it->second.ToString());
        }
        for (size_t a = 0; a < probed.variable_arms[v].size(); ++a) {
          if (authoring::Taken(probed.variable_arms[v][a], values)) ++vc.branches[a].taken;
        }
      }
    }

    // Benefits: conditions, amount arms, parameter steps.
    auto outcome = [&](const BenefitOutcome& o, int member) {
      const std::optional<Explanation> e = d.explanation(o);
      if (!e) return;
      const check::CheckedBenefit& cb = checked.benefits[o.benefit];
      const Date day = e->decided_on;
      for (size_t v = 0; v < cb.versions.size(); ++v) {
        const model::BenefitVersion& def = *cb.versions[v].def;
        if (day < def.from || (def.to && *def.to < day)) continue;
        VersionCoverage& vc = report.benefits[o.benefit].versions[v];
        ++vc.decided;
        for (const ExplainedCondition& c : e->conditions) {
          for (ConditionCoverage& cc : vc.conditions) {
            if (cc.name == c.name) Count(cc.seen, c.result);
          }
        }
        if (o.status != BenefitStatus::kNotEligible && !probed.amount_arms[o.benefit][v].empty()) {
          const std::map<std::string, OutputValue> values = probes_on(day, member);
          for (size_t a = 0; a < probed.amount_arms[o.benefit][v].size(); ++a) {
            if (authoring::Taken(probed.amount_arms[o.benefit][v][a], values)) ++vc.branches[a].taken;
          }
        }
        for (int p : version_params[o.benefit][v]) {
          std::vector<ParameterStepCoverage>& steps = report.parameters[static_cast<size_t>(p)].steps;
          for (size_t s = steps.size(); s-- > 0;) {
            if (!(day < steps[s].from)) {
              ++steps[s].used;
              break;
            }
          }
        }
        break;
      }
    };
    for (const BenefitOutcome& o : d.benefits()) outcome(o, -1);
    for (size_t m = 0; m < d.member_count(); ++m) {
      for (const BenefitOutcome& o : d.member_benefits(m)) outcome(o, static_cast<int>(m));
    }
  }
  for (size_t v = 0; v < checked.variables.size(); ++v) report.variables[v].distinct = distinct[v].size();
  return report;
}

ANSINH_END_NAMESPACE
