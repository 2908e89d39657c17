// What-if: a household evaluated as it is and with some facts changed, the
// differences between the two decisions, and the counterfactuals of its near
// misses: for each failed condition, the one-fact changes its thresholds
// (authoring/thresholds.hpp, shared with `cases`) and its yes/no and enum
// fields call for, each kept only when the engine, evaluating the changed
// household, says the benefit is then eligible.
#include "ansinh/whatif.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "ansinh/error.hpp"
#include "authoring/thresholds.hpp"
#include "authoring/whatif_text.hpp"
#include "check/checked.hpp"
#include "model/package.hpp"
#include "report/format.hpp"
#include "runtime/access.hpp"
#include "runtime/render.hpp"
#include "runtime/rule_set_impl.hpp"

ANSINH_BEGIN_NAMESPACE
namespace whatif_eval {

using authoring::Threshold;
using check::IrKind;
using check::IrNode;

EvaluateOptions Explained() {
  EvaluateOptions o;
  o.explain = true;
  return o;
}

OutcomeRange Outcomes(const DecisionView& d, int32_t member) {
  return member < 0 ? d.benefits() : d.member_benefits(static_cast<size_t>(member));
}

std::optional<BenefitOutcome> OutcomeOf(const DecisionView& d, uint32_t benefit, int32_t member) {
  if (!d.ok() || (member >= 0 && static_cast<size_t>(member) >= d.member_count())) return std::nullopt;
  for (const BenefitOutcome& o : Outcomes(d, member)) {
    if (o.benefit == benefit) return o;
  }
  return std::nullopt;
}

bool Differ(const BenefitOutcome& a, const BenefitOutcome& b) {
  return a.status != b.status || a.has_amount != b.has_amount || (a.has_amount && a.amount != b.amount);
}

void Differences(WhatIfResult& r) {
  if (!r.before.ok() || !r.after.ok()) return;
  const int32_t members = static_cast<int32_t>(std::min(r.before.member_count(), r.after.member_count()));
  for (int32_t m = -1; m < members; ++m) {
    for (const BenefitOutcome& a : Outcomes(r.before, m)) {
      const std::optional<BenefitOutcome> b = OutcomeOf(r.after, a.benefit, m);
      if (!b || !Differ(a, *b)) continue;
      OutcomeDifference d;
      d.member = m;
      if (m >= 0) d.member_id = std::string(r.after.member_id(static_cast<size_t>(m)));
      d.before = a;
      d.after = *b;
      r.differences.push_back(std::move(d));
    }
  }
}

std::string MemberPath(const Household& h, int32_t member, const std::string& field) {
  return member < 0 ? field : "members[" + h.members[static_cast<size_t>(member)].id + "]." + field;
}

const char* OpText(expr::Op op) {
  switch (op) {
    case expr::Op::kLt:
      return "<";
    case expr::Op::kLe:
      return "\xE2\x89\xA4";  // ≤
    case expr::Op::kGt:
      return ">";
    case expr::Op::kGe:
      return "\xE2\x89\xA5";  // ≥
    default:
      return "=";
  }
}

expr::Op Negate(expr::Op op) {
  switch (op) {
    case expr::Op::kLt:
      return expr::Op::kGe;
    case expr::Op::kLe:
      return expr::Op::kGt;
    case expr::Op::kGt:
      return expr::Op::kLe;
    case expr::Op::kGe:
      return expr::Op::kLt;
    default:
      return op;
  }
}

// The value nearest to the bound `b` on the side of `x op b` that holds.
int64_t Satisfying(expr::Op op, int64_t b) { return op == expr::Op::kLt ? b - 1 : op == expr::Op::kGt ? b + 1 : b; }

// The record fields of enum and yes/no type a condition reads (through its
// variables), with whose they are: the member's own (person) or the household's.
class FactFinder {
 public:
  explicit FactFinder(const check::CheckedPackage& p) : p_(p) {}
  void Walk(const IrNode* n) {
    if (n == nullptr || n->kind == IrKind::kAggregate) return;
    if (n->kind == IrKind::kVariable && n->index >= 0 && vars_.insert(n->index).second) {
      Walk(p_.variables[static_cast<size_t>(n->index)].formula.root);
    }
    const bool own =
        n->projection == check::Projection::kSelf || n->projection == check::Projection::kHouseholdOfPerson;
    if (n->kind == IrKind::kField && own && !n->type.list &&
        (n->type.base == ValueType::kEnum || n->type.base == ValueType::kBool)) {
      fields.insert({n->entity == 0 ? Entity::kHousehold : Entity::kPerson, n->index});
    }
    for (const IrNode* a : n->args) Walk(a);
  }
  std::set<std::pair<Entity, int>> fields;

 private:
  const check::CheckedPackage& p_;
  std::set<int> vars_;
};

class Searcher {
 public:
  Searcher(const RuleSet& rules, const Household& h, const When& when)
      : rules_(rules), checked_(*internal::ImplOf(rules).checked), h_(h), when_(when) {}

  void Run(const DecisionView& d, std::vector<Counterfactual>& out) {
    for (const BriefEntry& e : MakeBrief(d, Detail::kReasons).near_misses) {
      const std::optional<Explanation> x = d.explanation(e.outcome);
      if (!x) continue;
      const check::CheckedVersion* v = VersionAt(e.outcome.benefit, x->decided_on);
      if (v == nullptr) continue;
      std::vector<Threshold> thresholds;
      authoring::Finder finder(checked_, /*skip_aggregates=*/true, /*int_fields=*/true);
      FactFinder facts(checked_);
      for (const check::CheckedCondition& c : v->conditions) {
        if (!Failed(*x, c.def->name) || !c.test.ok()) continue;
        finder.Walk(c.test.root, thresholds);
        facts.Walk(c.test.root);
      }
      for (const Threshold& t : thresholds) {
        if (t.kind == Threshold::Kind::kMoney || t.kind == Threshold::Kind::kInt) {
          AtThreshold(e, t, x->decided_on, out);
        } else {
          Age(e, t, x->decided_on, out);
        }
      }
      for (const auto& [entity, field] : facts.fields) Value(e, entity, field, out);
    }
  }

 private:
  const check::CheckedVersion* VersionAt(uint32_t benefit, Date day) const {
    for (const check::CheckedVersion& v : checked_.benefits[benefit].versions) {
      if (v.def->from <= day && (!v.def->to || day <= *v.def->to)) return &v;
    }
    return nullptr;
  }

  static bool Failed(const Explanation& x, const std::string& name) {
    for (const ExplainedCondition& c : x.conditions) {
      if (c.name == name) return c.result.known && c.result.type == ValueType::kBool && c.result.raw == 0;
    }
    return false;
  }

  // The outcome of the benefit for the same member with `h` on `when`, if eligible.
  std::optional<BenefitOutcome> Verify(const BriefEntry& e, const Household& h, const When& when) const {
    const Decision d = Evaluate(rules_, h, when);
    std::optional<BenefitOutcome> o = OutcomeOf(d, e.outcome.benefit, e.member);
    if (!o || o->status != BenefitStatus::kEligible) return std::nullopt;
    return o;
  }

  Household With(int32_t member, const std::string& field, InputValue v) const {
    Household h = h_;
    if (member < 0)
      h.Set(field, std::move(v));
    else
      h.members[static_cast<size_t>(member)].Set(field, std::move(v));
    return h;
  }

  Counterfactual Start(const BriefEntry& e, Counterfactual::Kind kind, int32_t member, const std::string& field) const {
    Counterfactual c;
    c.kind = kind;
    c.member = e.member;
    if (e.member >= 0) c.member_id = h_.members[static_cast<size_t>(e.member)].id;
    c.benefit = e.outcome.benefit;
    c.path = MemberPath(h_, member, field);
    return c;
  }

  static bool Have(const std::vector<Counterfactual>& out, const Counterfactual& c) {
    for (const Counterfactual& o : out) {
      if (o.benefit == c.benefit && o.member == c.member && o.path == c.path) return true;
    }
    return false;
  }

  // A money or whole-number field at a threshold: each side of the bound, the
  // verified value nearest the current one.
  void AtThreshold(const BriefEntry& e, const Threshold& t, Date day, std::vector<Counterfactual>& out) {
    const int32_t member = t.entity == Entity::kPerson ? e.member : -1;
    if (t.entity == Entity::kPerson && e.member < 0) return;
    const std::optional<int64_t> b = authoring::BoundValue(t, checked_, day, h_);
    if (!b) return;
    const Person* p = member >= 0 ? &h_.members[static_cast<size_t>(member)] : nullptr;
    const InputValue* now = p ? p->Get(t.field) : h_.Get(t.field);
    if (now == nullptr || now->kind() != InputValue::Kind::kInt) return;
    const bool money = t.kind == Threshold::Kind::kMoney;
    Counterfactual c = Start(e, money ? Counterfactual::Kind::kMoney : Counterfactual::Kind::kNumber, member, t.field);
    if (Have(out, c)) return;
    std::optional<std::pair<int64_t, expr::Op>> best;
    for (const expr::Op op : {t.op, Negate(t.op)}) {
      const int64_t value = Satisfying(op, *b);
      if (value == now->as_int() || value < 0) continue;
      if (best && std::llabs(value - now->as_int()) >= std::llabs(best->first - now->as_int())) continue;
      if (std::optional<BenefitOutcome> o =
              Verify(e, With(member, t.field, InputValue(static_cast<long long>(value))), when_)) {
        best = {value, op};
        c.outcome = *o;
      }
    }
    if (!best) return;
    c.value = InputValue(static_cast<long long>(best->first));
    const Label& l = t.field_label;
    const std::string what_vi = l.vi.empty() ? t.field : l.vi, what_en = l.en.empty() ? t.field : l.en;
    auto bound = [&](Language lang) {
      const FieldInfo* f = rules_.schema().Find(t.entity, t.field);
      return internal::WholeInUnit(*b, money ? ValueType::kMoney : ValueType::kInt, f != nullptr ? f->unit : "", lang);
    };
    c.text = {"đủ điều kiện nếu " + what_vi + " " + OpText(best->second) + " " + bound(Language::kVi),
              "eligible if " + what_en + " " + OpText(best->second) + " " + bound(Language::kEn)};
    out.push_back(std::move(c));
  }

  // An age limit the member has not reached yet: the day (or month) they reach it.
  void Age(const BriefEntry& e, const Threshold& t, Date day, std::vector<Counterfactual>& out) {
    if (t.entity != Entity::kPerson || e.member < 0) return;
    if (t.op != expr::Op::kGe && t.op != expr::Op::kGt && t.op != expr::Op::kEq) return;
    const std::optional<int64_t> b = authoring::BoundValue(t, checked_, day, h_);
    const InputValue* birth_text = h_.members[static_cast<size_t>(e.member)].Get(t.field);
    if (!b || birth_text == nullptr || birth_text->kind() != InputValue::Kind::kText) return;
    const std::optional<Date> birth = Date::Parse(birth_text->as_text());
    const int64_t limit = t.op == expr::Op::kGt ? *b + 1 : *b;
    if (!birth || limit <= 0 || limit > 1200) return;
    Counterfactual c = Start(e, Counterfactual::Kind::kAge, e.member, t.field);
    if (Have(out, c)) return;
    const bool years = t.kind == Threshold::Kind::kYears;
    Date reach;
    try {
      reach = years ? AddYears(*birth, static_cast<int>(limit)) : AddMonths(*birth, static_cast<int>(limit));
    } catch (const UsageError&) {
      return;  // beyond 9999
    }
    if (reach <= day) return;  // reached already: the condition fails for another reason
    const When then = when_.is_period ? When::Month(YearMonth(reach.year(), reach.month())) : When::AsOf(reach);
    const std::optional<BenefitOutcome> o = Verify(e, h_, then);
    if (!o) return;
    c.when = then;
    c.outcome = *o;
    const std::string n = std::to_string(limit);
    c.text = {"đủ điều kiện từ " + report::WhenText(then, Language::kVi) + ", khi đủ " + n +
                  (years ? " tuổi" : " tháng tuổi"),
              "eligible from " + report::WhenText(then, Language::kEn) + ", on reaching " + n +
                  (years ? " years of age" : " months of age")};
    out.push_back(std::move(c));
  }

  // A yes/no or enum field: every other value, those that make it eligible.
  void Value(const BriefEntry& e, Entity entity, int field, std::vector<Counterfactual>& out) {
    if (entity == Entity::kPerson && e.member < 0) return;
    const int32_t member = entity == Entity::kPerson ? e.member : -1;
    const FieldInfo& f = rules_.schema().fields(entity)[static_cast<size_t>(field)];
    Counterfactual c = Start(e, Counterfactual::Kind::kValue, member, f.name);
    if (Have(out, c) || f.values.size() > 40) return;
    const Person* p = member >= 0 ? &h_.members[static_cast<size_t>(member)] : nullptr;
    const InputValue* now = p ? p->Get(f.name) : h_.Get(f.name);
    std::vector<InputValue> candidates;
    if (f.type == ValueType::kBool) {
      for (const bool b : {true, false}) {
        if (now == nullptr || now->kind() != InputValue::Kind::kBool || now->as_bool() != b) candidates.emplace_back(b);
      }
    } else {
      for (const std::string& v : f.values) {
        if (now == nullptr || now->kind() != InputValue::Kind::kText || now->as_text() != v) candidates.emplace_back(v);
      }
    }
    std::vector<std::string> labels_vi, labels_en;
    for (const InputValue& v : candidates) {
      const std::optional<BenefitOutcome> o = Verify(e, With(member, f.name, v), when_);
      if (!o) continue;
      if (c.values.empty() && labels_vi.empty()) {
        c.value = v;
        c.outcome = *o;
      }
      if (f.type == ValueType::kEnum) c.values.push_back(v.as_text());
      labels_vi.push_back(authoring::InputText(f, v, Language::kVi));
      labels_en.push_back(authoring::InputText(f, v, Language::kEn));
    }
    if (labels_vi.empty()) return;
    auto join = [](const std::vector<std::string>& items, const std::string& sep) {
      std::string s;
      for (size_t i = 0; i < items.size(); ++i) s += (i ? sep : "") + items[i];
      return s;
    };
    const std::string what_vi = f.label.vi.empty() ? f.name : f.label.vi,
                      what_en = f.label.en.empty() ? f.name : f.label.en;
    c.text = {"đủ điều kiện nếu " + what_vi + ": " + join(labels_vi, " hoặc "),
              "eligible if " + what_en + ": " + join(labels_en, " or ")};
    out.push_back(std::move(c));
  }

  const RuleSet& rules_;
  const check::CheckedPackage& checked_;
  const Household& h_;
  When when_;
};

}  // namespace whatif_eval

WhatIfResult WhatIf(const RuleSet& rules, const Household& household, const When& when,
                    const std::vector<std::string>& changes, const WhatIfOptions& options) {
  const internal::RuleSetImpl& impl = internal::ImplOf(rules);
  if (!impl.checked) throw UsageError("the rule set was not loaded from a package");
  WhatIfResult r;
  for (const std::string& text : changes) r.changes.push_back(ParseChange(rules, household, text));
  r.household = ApplyChanges(household, r.changes);
  r.before = Evaluate(rules, household, when, whatif_eval::Explained());
  r.after = r.changes.empty() ? r.before : Evaluate(rules, r.household, when, whatif_eval::Explained());
  whatif_eval::Differences(r);
  if (options.counterfactuals && r.after.ok()) {
    whatif_eval::Searcher(rules, r.household, when).Run(r.after, r.counterfactuals);
  }
  return r;
}

ANSINH_END_NAMESPACE
