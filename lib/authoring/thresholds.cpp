// The thresholds of a formula in the typed IR (authoring/thresholds.hpp).
#include "authoring/thresholds.hpp"

#include "model/package.hpp"

namespace ansinh::authoring {
namespace {

using check::IrKind;
using check::IrNode;

constexpr int64_t kScale = 1'000'000;

bool Comparison(expr::Op op) {
  return op == expr::Op::kLt || op == expr::Op::kLe || op == expr::Op::kGt || op == expr::Op::kGe ||
         op == expr::Op::kEq;
}
expr::Op Flip(expr::Op op) {
  switch (op) {
    case expr::Op::kLt:
      return expr::Op::kGt;
    case expr::Op::kLe:
      return expr::Op::kGe;
    case expr::Op::kGt:
      return expr::Op::kLt;
    case expr::Op::kGe:
      return expr::Op::kLe;
    default:
      return op;
  }
}

bool Same(const Threshold& a, const Threshold& b) {
  return a.kind == b.kind && a.field == b.field && a.op == b.op && a.bound->kind == b.bound->kind &&
         a.bound->index == b.bound->index && a.bound->const_value == b.bound->const_value;
}
void Add(const Threshold& t, std::vector<Threshold>& out) {
  for (const Threshold& o : out) {
    if (Same(o, t)) return;
  }
  out.push_back(t);
}

}  // namespace

void Finder::Walk(const IrNode* n, std::vector<Threshold>& out) {
  if (n == nullptr) return;
  if (skip_aggregates_ && n->kind == IrKind::kAggregate) return;
  if (n->kind == IrKind::kVariable && n->index >= 0 && seen_vars_.insert(n->index).second) {
    Walk(p_.variables[static_cast<size_t>(n->index)].formula.root, out);
  }
  if (n->kind == IrKind::kParam && n->index >= 0) params.insert(n->index);
  if (n->kind == IrKind::kBinary && n->args.size() == 2 && Comparison(n->op)) {
    Threshold t;
    if (Subject(n->args[0], t) && Bound(n->args[1], t)) {
      t.op = n->op;
      Add(t, out);
    } else if (Subject(n->args[1], t) && Bound(n->args[0], t)) {
      t.op = Flip(n->op);
      Add(t, out);
    }
  }
  for (const IrNode* a : n->args) Walk(a, out);
}

const internal::CompiledField& Finder::Field(const IrNode* n) const {
  return p_.schema.fields(n->entity == 0 ? Entity::kHousehold : Entity::kPerson)[static_cast<size_t>(n->index)];
}

bool Finder::AgeCall(const IrNode* n, Threshold& t) const {
  if (n->kind != IrKind::kCall || n->args.size() != 2) return false;
  if (n->fn != check::Builtin::kYearsBetween && n->fn != check::Builtin::kMonthsBetween) return false;
  if (n->args[0]->kind != IrKind::kField || n->args[1]->kind != IrKind::kAsOf) return false;
  t.kind = n->fn == check::Builtin::kYearsBetween ? Threshold::Kind::kYears : Threshold::Kind::kMonths;
  t.field = Field(n->args[0]).name;
  t.field_label = Field(n->args[0]).label;
  t.entity = n->args[0]->entity == 0 ? Entity::kHousehold : Entity::kPerson;
  return true;
}

bool Finder::Subject(const IrNode* n, Threshold& t) const {
  if (n->kind == IrKind::kVariable && n->index >= 0) {
    const check::CheckedVariable& v = p_.variables[static_cast<size_t>(n->index)];
    if (v.formula.ok() && AgeCall(v.formula.root, t)) {
      t.subject = v.def->name;
      return true;
    }
    return false;
  }
  if (AgeCall(n, t)) return true;
  const bool money = n->type.base == ValueType::kMoney, whole = int_fields_ && n->type.base == ValueType::kInt;
  if (n->kind == IrKind::kField && (money || whole) && !n->type.list) {
    t.kind = money ? Threshold::Kind::kMoney : Threshold::Kind::kInt;
    t.field = Field(n).name;
    t.field_label = Field(n).label;
    t.entity = n->entity == 0 ? Entity::kHousehold : Entity::kPerson;
    return true;
  }
  return false;
}

bool Finder::Bound(const IrNode* n, Threshold& t) const {
  if (n->kind == IrKind::kCast && n->args.size() == 1) n = n->args[0];
  if (n->kind == IrKind::kConst && n->const_known && n->type.numeric()) {
    t.bound = n;
    return true;
  }
  if (n->kind != IrKind::kParam || n->index < 0) return false;
  const model::ParamDef& def = *p_.params[static_cast<size_t>(n->index)].def;
  if (def.kind == model::ParamKind::kBrackets) return false;
  if (def.kind == model::ParamKind::kTable) {
    if (n->args.empty() || n->args[0]->kind != IrKind::kField) return false;
    t.key_field = Field(n->args[0]).name;
  }
  t.bound = n;
  return true;
}

// The value of a threshold's bound on `day` for `h`, in the subject's unit
// (years, months, VND); nullopt when the parameter has no value then.
std::optional<int64_t> BoundValue(const Threshold& t, const check::CheckedPackage& p, Date day, const Household& h) {
  const IrNode* b = t.bound;
  const bool scaled = t.kind == Threshold::Kind::kMoney || b->type.scaled();
  if (b->kind == IrKind::kConst) return b->type.scaled() ? b->const_value / kScale : b->const_value;
  const model::ParamDef& def = *p.params[static_cast<size_t>(b->index)].def;
  const model::ParamStep* step = nullptr;
  for (const model::ParamStep& s : def.steps) {
    if (s.from <= day) step = &s;
  }
  if (step == nullptr) return std::nullopt;
  std::optional<Decimal> v;
  if (def.kind == model::ParamKind::kScalar)
    v = step->scalar;
  else {
    const InputValue* key = h.Get(t.key_field);
    if (key == nullptr || key->kind() != InputValue::Kind::kText) return std::nullopt;
    for (const model::ParamCell& c : step->cells) {
      if (c.key == key->as_text()) v = c.value;
    }
  }
  if (!v) return std::nullopt;
  (void)scaled;
  return v->millionths() / kScale;
}

}  // namespace ansinh::authoring
