// The probed rule set: each `if` condition of a benefit amount or a variable
// formula becomes a boolean variable of the same entity, so the engine itself
// says which arm a household took (no second evaluator).
#include "authoring/probes.hpp"

#include <memory>
#include <stdexcept>

#include "ansinh/error.hpp"
#include "check/checked.hpp"
#include "model/package.hpp"
#include "runtime/access.hpp"
#include "runtime/rule_set_impl.hpp"

namespace ansinh::authoring {
namespace {

// The text on one line (runs of spaces, tabs and line breaks as one space), at most `max` characters
// (UTF-8 characters; a longer text is cut and ends with "…").
std::string OneLine(const std::string& text, size_t max) {
  std::string out;
  for (char c : text) {
    const bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!blank) out += c;
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  size_t chars = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (chars == max) return out.substr(0, i) + "\xE2\x80\xA6";
    ++chars;
  }
  return out;
}

class Builder {
 public:
  Builder(const model::LoadedTree& tree, model::Package& out) : tree_(tree), out_(out) {}

  // The arms of one formula; adds its probes to the package.
  std::vector<Arm> Arms(const check::CheckedExpr& e, Entity entity) {
    std::vector<Arm> arms;
    if (!e.ok()) return arms;
    source_ = e.source;
    entity_ = entity;
    level_ = e.level;
    Walk(e.root, {}, arms);
    return arms;
  }

 private:
  std::string Text(const check::IrNode* n) const {
    return source_->text.substr(n->begin, n->end - n->begin);
  }

  std::string NewProbe(const check::IrNode* cond) {
    model::VariableDef v;
    v.name = "coverage_probe_" + std::to_string(++count_);
    v.entity = entity_;
    v.type = ValueType::kBool;
    v.label = {"(coverage)", "(coverage)"};
    v.formula.text = Text(cond);
    v.formula.loc = source_->At(cond->begin);
    v.formula.segments.push_back({0, v.formula.loc.line, v.formula.loc.column});
    v.loc = v.formula.loc;
    out_.variables.push_back(std::move(v));
    return out_.variables.back().name;
  }

  void AddArm(const check::IrNode* value, const std::string& head, const std::string& when,
              const std::vector<std::pair<std::string, bool>>& path, std::vector<Arm>& arms) {
    Arm a;
    a.arm = head + " " + OneLine(Text(value), 60);
    a.when = OneLine(when, 80);
    a.location = tree_.sources.Public(source_->At(value->begin));
    a.path = path;
    arms.push_back(std::move(a));
  }

  bool IsIf(const check::IrNode* n) const { return n->kind == check::IrKind::kIf && n->level == level_; }

  void Walk(const check::IrNode* n, const std::vector<std::pair<std::string, bool>>& path, std::vector<Arm>& arms) {
    if (n == nullptr || n->level != level_) return;
    if (n->kind == check::IrKind::kAggregate) return;  // bodies run at another level
    if (!IsIf(n)) {
      for (const check::IrNode* a : n->args) Walk(a, path, arms);
      return;
    }
    const std::string probe = NewProbe(n->args[0]);
    const std::string cond = Text(n->args[0]);
    auto then_path = path, else_path = path;
    then_path.emplace_back(probe, true);
    else_path.emplace_back(probe, false);
    Walk(n->args[0], path, arms);
    if (!IsIf(n->args[1])) AddArm(n->args[1], "then", cond, then_path, arms);
    Walk(n->args[1], then_path, arms);
    if (!IsIf(n->args[2])) AddArm(n->args[2], "else", {}, else_path, arms);
    Walk(n->args[2], else_path, arms);
  }

  const model::LoadedTree& tree_;
  model::Package& out_;
  const model::ExprText* source_ = nullptr;
  Entity entity_ = Entity::kHousehold;
  check::Level level_ = check::Level::kHousehold;
  size_t count_ = 0;
};

}  // namespace

ProbedRules Probe(const RuleSet& rules) {
  const internal::RuleSetImpl& impl = internal::ImplOf(rules);
  if (!impl.tree || !impl.checked) throw UsageError("the rule set was not loaded from a package");
  auto tree = std::make_shared<model::LoadedTree>(*impl.tree);
  ProbedRules out;
  Builder b(*impl.tree, tree->package);
  const check::CheckedPackage& checked = *impl.checked;
  out.own_variables = checked.variables.size();
  for (const check::CheckedBenefit& cb : checked.benefits) {
    std::vector<std::vector<Arm>> per_version;
    for (const check::CheckedVersion& v : cb.versions) per_version.push_back(b.Arms(v.amount, cb.def->applies_to));
    out.amount_arms.push_back(std::move(per_version));
  }
  for (const check::CheckedVariable& v : checked.variables) out.variable_arms.push_back(b.Arms(v.formula, v.entity));
  LoadResult built = internal::BuildRuleSet(tree, LoadOptions{});
  if (!built.ok()) throw Error("internal error: the coverage probes do not compile:\n" + built.Format());
  out.rules = std::move(built).Release();
  return out;
}

std::map<std::string, OutputValue> VariablesByName(const DecisionView& d, int member) {
  std::map<std::string, OutputValue> out;
  for (auto& [info, value] : d.variables(member)) out.emplace(info->name, value);
  return out;
}

bool Taken(const Arm& arm, const std::map<std::string, OutputValue>& values) {
  for (const auto& [probe, side] : arm.path) {
    auto it = values.find(probe);
    if (it == values.end() || !it->second.known || (it->second.raw != 0) != side) return false;
  }
  return true;
}

}  // namespace ansinh::authoring
