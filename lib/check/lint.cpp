// Static warnings on a checked package (docs/diagnostics.md): a parameter with
// no value (null) on days a benefit using it is in force; a group whose
// benefits can never both be eligible; a condition always true or always
// false given the enums, yes/no fields and quantities that cannot be negative;
// a benefit version whose conditions contradict each other.
//
// The reasoning is deliberately small and sound: a condition is split at its
// top-level `and`s; an atom compares one field or variable with a constant
// (`x >= 80`, `area == "rural"`, `x in [...]`, a yes/no `x`, `not x`). Anything
// else is "may hold", so a warning is only given when it is certain.
#include "check/lint.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <tuple>


namespace ansinh::check {
namespace {

constexpr int64_t kMin = INT64_MIN, kMax = INT64_MAX;

// What an atom constrains: a field or a variable of an entity.
using Key = std::tuple<int, int, int>;  // kind (0 field, 1 variable), entity, index

// The values a subject may take under the atoms seen: an interval for
// numbers, a set of indices for enums and yes/no.
struct Domain {
  int64_t lo = kMin, hi = kMax;
  std::optional<std::set<int64_t>> values;  // nullopt = any
  bool empty() const { return lo > hi || (values && values->empty()); }
};

Domain Intersect(Domain a, const Domain& b) {
  a.lo = std::max(a.lo, b.lo);
  a.hi = std::min(a.hi, b.hi);
  if (b.values) {
    if (!a.values) a.values = b.values;
    else {
      std::set<int64_t> s;
      for (int64_t v : *a.values) {
        if (b.values->count(v)) s.insert(v);
      }
      a.values = s;
    }
  }
  return a;
}

const IrNode* Strip(const IrNode* n) {
  while (n != nullptr && n->kind == IrKind::kCast && n->args.size() == 1) n = n->args[0];
  return n;
}

bool SubjectKey(const IrNode* n, Key& key) {
  n = Strip(n);
  if (n == nullptr || n->type.list) return false;
  if (n->kind == IrKind::kField) key = Key{0, n->entity, n->index};
  else if (n->kind == IrKind::kVariable) key = Key{1, n->entity, n->index};
  else return false;
  return true;
}

class Lint {
 public:
  Lint(const CheckedPackage& p, internal::DiagnosticSink& sink) : p_(p), sink_(sink) {}

  void Run() {
    for (size_t b = 0; b < p_.benefits.size(); ++b) Benefit(b);
    for (const CheckedGroup& g : p_.groups) Group(g);
  }

 private:
  // The number of values of an enum subject (0: not an enum or yes/no).
  int64_t EnumSize(const IrNode* n) const {
    n = Strip(n);
    if (n->type.base == ValueType::kBool) return 2;
    if (n->type.base == ValueType::kEnum && n->type.enum_id >= 0) {
      return static_cast<int64_t>(p_.enums[static_cast<size_t>(n->type.enum_id)].values.size());
    }
    return 0;
  }

  // A quantity that is never negative: an age, a count, a size.
  bool NonNegative(const IrNode* n) const {
    n = Strip(n);
    if (n == nullptr) return false;
    if (n->kind == IrKind::kVariable && n->index >= 0) {
      const CheckedVariable& v = p_.variables[static_cast<size_t>(n->index)];
      return v.formula.ok() && NonNegative(v.formula.root);
    }
    if (n->kind == IrKind::kCall) return n->fn == Builtin::kSize;
    if (n->kind == IrKind::kAggregate) return n->fn == Builtin::kCount;
    return false;
  }

  // The atom's constraint on its subject; false when `n` is no atom.
  bool Atom(const IrNode* n, Key& key, Domain& d) const {
    if (n == nullptr) return false;
    if (n->kind == IrKind::kUnary && n->op == expr::Op::kNot && n->args.size() == 1) {
      const IrNode* a = Strip(n->args[0]);
      if (a->type.base != ValueType::kBool || !SubjectKey(a, key)) return false;
      d.values = std::set<int64_t>{0};
      return true;
    }
    if ((n->kind == IrKind::kField || n->kind == IrKind::kVariable) && n->type.base == ValueType::kBool) {
      if (!SubjectKey(n, key)) return false;
      d.values = std::set<int64_t>{1};
      return true;
    }
    if (n->kind != IrKind::kBinary || n->args.size() != 2) return false;
    const IrNode* s = Strip(n->args[0]);
    const IrNode* c = Strip(n->args[1]);
    expr::Op op = n->op;
    if (op == expr::Op::kIn || op == expr::Op::kNotIn) {
      if (!SubjectKey(s, key) || !c->type.list || s->type.base != ValueType::kEnum || c->args.empty()) return false;
      std::set<int64_t> in;  // the list's items, each an enum value (its index)
      for (const IrNode* item : c->args) {
        if (item->kind != IrKind::kConst || !item->const_known || item->type.base != ValueType::kEnum) return false;
        in.insert(item->const_value);
      }
      if (op == expr::Op::kIn) d.values = in;
      else {
        d.values = std::set<int64_t>{};
        for (int64_t v = 0; v < EnumSize(s); ++v) {
          if (!in.count(v)) d.values->insert(v);
        }
      }
      return true;
    }
    if (c->kind != IrKind::kConst && s->kind == IrKind::kConst) {
      std::swap(s, c);
      switch (op) {
        case expr::Op::kLt: op = expr::Op::kGt; break;
        case expr::Op::kLe: op = expr::Op::kGe; break;
        case expr::Op::kGt: op = expr::Op::kLt; break;
        case expr::Op::kGe: op = expr::Op::kLe; break;
        default: break;
      }
    }
    if (c->kind != IrKind::kConst || !c->const_known || c->type.list || !SubjectKey(s, key)) return false;
    const int64_t v = c->const_value;
    if (s->type.base == ValueType::kEnum || s->type.base == ValueType::kBool) {
      if (op == expr::Op::kEq) d.values = std::set<int64_t>{v};
      else if (op == expr::Op::kNe) {
        d.values = std::set<int64_t>{};
        for (int64_t x = 0; x < EnumSize(s); ++x) {
          if (x != v) d.values->insert(x);
        }
      } else {
        return false;
      }
      return true;
    }
    if (!s->type.numeric() || s->type.base != c->type.base) return false;
    switch (op) {
      case expr::Op::kEq: d.lo = d.hi = v; break;
      case expr::Op::kLt: d.hi = v == kMin ? kMin : v - 1; if (v == kMin) d.lo = kMax; break;
      case expr::Op::kLe: d.hi = v; break;
      case expr::Op::kGt: d.lo = v == kMax ? kMax : v + 1; if (v == kMax) d.hi = kMin; break;
      case expr::Op::kGe: d.lo = v; break;
      default: return false;
    }
    if (NonNegative(s)) d.lo = std::max<int64_t>(d.lo, 0);
    return true;
  }

  // The conjuncts of a condition, as constraints per subject.
  void Conjuncts(const IrNode* n, std::map<Key, Domain>& out) const {
    if (n == nullptr) return;
    if (n->kind == IrKind::kBinary && n->op == expr::Op::kAnd) {
      for (const IrNode* a : n->args) Conjuncts(a, out);
      return;
    }
    Key key;
    Domain d;
    if (!Atom(n, key, d)) return;
    auto [it, fresh] = out.emplace(key, d);
    if (!fresh) it->second = Intersect(it->second, d);
  }

  // True or false for every value of the condition's subjects, when that can be shown.
  std::optional<bool> Constant(const IrNode* n) const {
    if (n == nullptr) return std::nullopt;
    if (n->kind == IrKind::kConst && n->type.base == ValueType::kBool && n->const_known) return n->const_value != 0;
    if (n->kind == IrKind::kUnary && n->op == expr::Op::kNot && n->args.size() == 1) {
      if (auto a = Constant(n->args[0])) return !*a;
      return std::nullopt;
    }
    if (n->kind == IrKind::kBinary && (n->op == expr::Op::kAnd || n->op == expr::Op::kOr)) {
      // Over one enum or yes/no subject: try every value.
      Key key;
      const IrNode* subject = nullptr;
      if (OneSubject(n, key, subject)) {
        std::optional<bool> all;
        const int64_t size = EnumSize(subject);
        for (int64_t v = 0; v < size; ++v) {
          const std::optional<bool> r = Under(n, key, v);
          if (!r || (all && *all != *r)) return std::nullopt;
          all = r;
        }
        return all;
      }
      const std::optional<bool> a = Constant(n->args[0]), b = Constant(n->args[1]);
      if (n->op == expr::Op::kAnd) {
        if ((a && !*a) || (b && !*b)) return false;
        if (a && b) return true;
      } else {
        if ((a && *a) || (b && *b)) return true;
        if (a && b) return false;
      }
      return std::nullopt;
    }
    Key key;
    Domain d;
    if (!Atom(n, key, d)) return std::nullopt;
    if (d.empty()) return false;
    // The whole range of the subject.
    const IrNode* s = nullptr;
    for (const IrNode* a : n->args) {
      Key k;
      if (SubjectKey(a, k)) s = Strip(a);
    }
    if (n->kind == IrKind::kField || n->kind == IrKind::kVariable) return std::nullopt;
    if (s == nullptr) return std::nullopt;
    if (d.values) {
      const int64_t size = EnumSize(s);
      if (size > 0 && static_cast<int64_t>(d.values->size()) == size) return true;
      return std::nullopt;
    }
    if (NonNegative(s) && d.lo <= 0 && d.hi == kMax) return true;
    return std::nullopt;
  }

  bool OneSubject(const IrNode* n, Key& key, const IrNode*& subject) const {
    bool found = false, ok = true;
    std::function<void(const IrNode*)> walk = [&](const IrNode* x) {
      if (!ok || x == nullptr) return;
      if (x->kind == IrKind::kBinary && (x->op == expr::Op::kAnd || x->op == expr::Op::kOr)) {
        for (const IrNode* a : x->args) walk(a);
        return;
      }
      if (x->kind == IrKind::kUnary && x->op == expr::Op::kNot) {
        walk(x->args[0]);
        return;
      }
      Key k;
      Domain d;
      if (!Atom(x, k, d) || d.values == std::nullopt) {
        ok = false;
        return;
      }
      const IrNode* s = x->kind == IrKind::kBinary ? Strip(x->args[0]) : Strip(x);
      if (x->kind == IrKind::kBinary && !SubjectKey(s, k)) s = Strip(x->args[1]);
      if (!found) {
        key = k;
        subject = s;
        found = true;
      } else if (k != key) {
        ok = false;
      }
    };
    walk(n);
    return ok && found && EnumSize(subject) > 0;
  }

  std::optional<bool> Under(const IrNode* n, const Key& key, int64_t v) const {
    if (n->kind == IrKind::kBinary && (n->op == expr::Op::kAnd || n->op == expr::Op::kOr)) {
      const std::optional<bool> a = Under(n->args[0], key, v), b = Under(n->args[1], key, v);
      if (!a || !b) return std::nullopt;
      return n->op == expr::Op::kAnd ? (*a && *b) : (*a || *b);
    }
    if (n->kind == IrKind::kUnary && n->op == expr::Op::kNot) {
      const std::optional<bool> a = Under(n->args[0], key, v);
      if (!a) return std::nullopt;
      return !*a;
    }
    Key k;
    Domain d;
    if (!Atom(n, k, d) || k != key || !d.values) return std::nullopt;
    return d.values->count(v) > 0;
  }

  std::string Where(const CheckedBenefit& b, const model::BenefitVersion& v) const {
    return "benefit '" + b.def->id + "'" + (b.def->versions.size() > 1 ? " (version from " + v.from.ToString() + ")" : "");
  }
  std::string WhereVi(const CheckedBenefit& b, const model::BenefitVersion& v) const {
    return "chế độ '" + b.def->id + "'" + (b.def->versions.size() > 1 ? " (phiên bản từ " + v.from.ToString() + ")" : "");
  }

  void Benefit(size_t bi) {
    const CheckedBenefit& b = p_.benefits[bi];
    for (size_t vi = 0; vi < b.versions.size(); ++vi) {
      const CheckedVersion& cv = b.versions[vi];
      const model::BenefitVersion& v = *cv.def;
      bool never = false;
      for (const CheckedCondition& c : cv.conditions) {
        // A literal `true`/`false` is written knowingly (a placeholder): only what the schema's values decide.
        if (!c.test.ok() || c.test.root->kind == IrKind::kConst) continue;
        const std::optional<bool> k = Constant(c.test.root);
        if (!k) continue;
        if (!reported_.insert(c.def->test.loc.file * 1000003ull + c.def->test.loc.line * 1000ull + c.def->test.loc.column).second) {
          if (!*k) never = true;
          continue;
        }
        sink_.Warning(DiagnosticCode::kConstantCondition, c.def->test.loc,
                      {"condition '" + c.def->name + "' of " + Where(b, v) + " is always " + (*k ? "true" : "false") +
                           " whatever the record holds (the values its fields can take): " +
                           (*k ? "it decides nothing; remove it or write the limit the law sets"
                               : "the benefit can never be granted; check the comparison and the values"),
                       "điều kiện '" + c.def->name + "' của " + WhereVi(b, v) + " luôn " + (*k ? "đúng" : "sai") +
                           " dù hồ sơ ghi gì (với mọi giá trị các trường có thể nhận): " +
                           (*k ? "nó không quyết định gì; bỏ nó đi hoặc ghi đúng ngưỡng luật quy định"
                               : "chế độ không bao giờ được hưởng; kiểm tra phép so sánh và các giá trị")},
                      static_cast<uint32_t>(c.def->name.size()), b.def->id);
        if (!*k) never = true;
      }
      std::map<Key, Domain> all;
      for (const CheckedCondition& c : cv.conditions) {
        if (c.test.ok()) Conjuncts(c.test.root, all);
      }
      std::string empty_subject;
      for (const auto& [key, d] : all) {
        if (d.empty()) empty_subject = Name(key);
      }
      if (!empty_subject.empty() && !never) {
        sink_.Warning(DiagnosticCode::kVersionNeverApplies, v.loc,
                      {Where(b, v) + " can never apply: its conditions ask contradictory things of '" + empty_subject +
                           "'; check the limits of its conditions",
                       WhereVi(b, v) + " không bao giờ áp dụng được: các điều kiện của nó đòi '" + empty_subject +
                           "' những điều trái ngược nhau; kiểm tra các ngưỡng trong điều kiện"},
                      1, b.def->id);
      }
      versions_[bi].push_back(std::move(all));
      ParameterGaps(b, cv);
    }
  }

  std::string Name(const Key& key) const {
    const auto [kind, entity, index] = key;
    if (kind == 1) return p_.variables[static_cast<size_t>(index)].def->name;
    const auto& fields = p_.schema.fields(entity == 0 ? Entity::kHousehold : Entity::kPerson);
    return (entity == 0 ? "household." : "") + fields[static_cast<size_t>(index)].name;
  }

  void Params(const IrNode* n, std::set<int>& out, std::set<int>& seen) const {
    if (n == nullptr) return;
    if (n->kind == IrKind::kParam && n->index >= 0) out.insert(n->index);
    if (n->kind == IrKind::kVariable && n->index >= 0 && seen.insert(n->index).second) {
      Params(p_.variables[static_cast<size_t>(n->index)].formula.root, out, seen);
    }
    for (const IrNode* a : n->args) Params(a, out, seen);
  }

  // A parameter the version reads has a step with no value (null) on days the version is in force.
  void ParameterGaps(const CheckedBenefit& b, const CheckedVersion& cv) {
    const model::BenefitVersion& v = *cv.def;
    std::set<int> params, seen;
    for (const CheckedCondition& c : cv.conditions) Params(c.test.root, params, seen);
    Params(cv.amount.root, params, seen);
    for (int pi : params) {
      const model::ParamDef& def = *p_.params[static_cast<size_t>(pi)].def;
      for (size_t s = 0; s < def.steps.size(); ++s) {
        const model::ParamStep& step = def.steps[s];
        const std::optional<Date> next =
            s + 1 < def.steps.size() ? std::optional<Date>(Date::FromDays(def.steps[s + 1].from.days() - 1)) : std::nullopt;
        // The step's days that fall inside the version.
        const Date from = std::max(step.from, v.from);
        std::optional<Date> to = next;
        if (v.to && (!to || *v.to < *to)) to = v.to;
        if (to && *to < from) continue;
        std::string missing, missing_vi;
        if (def.kind == model::ParamKind::kScalar) {
          if (!step.scalar) missing = "no value", missing_vi = "không có giá trị";
        } else if (step.all_null) {
          missing = "no value for any entry", missing_vi = "không có giá trị cho mục nào";
        } else {
          for (const model::ParamCell& c : step.cells) {
            if (c.value) continue;
            missing += (missing.empty() ? "no value for " : ", ") + c.key;
            missing_vi += (missing_vi.empty() ? "không có giá trị cho " : ", ") + c.key;
          }
        }
        if (missing.empty()) continue;
        sink_.Warning(DiagnosticCode::kParameterGap, step.loc,
                      {"parameter '" + def.name + "' has " + missing + " from " + from.ToString() +
                           (to ? " to " + to->ToString() : std::string(" on")) + ", while " + Where(b, v) +
                           " that uses it is in force: its decisions then are undetermined; write the figure once "
                           "the legal text is known",
                       "tham số '" + def.name + "' " + missing_vi + " từ " + from.ToString() +
                           (to ? " đến " + to->ToString() : std::string(" trở đi")) + ", trong khi " + WhereVi(b, v) +
                           " dùng nó đang có hiệu lực: khi đó kết quả xét là chưa xác định; ghi mức khi đã có văn bản"},
                      10, b.def->id);
      }
    }
  }

  static bool Overlap(const model::BenefitVersion& a, const model::BenefitVersion& b) {
    return !(a.to && *a.to < b.from) && !(b.to && *b.to < a.from);
  }

  static bool Disjoint(const std::map<Key, Domain>& a, const std::map<Key, Domain>& b) {
    for (const auto& [key, d] : a) {
      auto it = b.find(key);
      if (it != b.end() && Intersect(d, it->second).empty()) return true;
    }
    return false;
  }

  // The group is useless when no two of its benefits can be eligible together.
  void Group(const CheckedGroup& g) {
    if (g.competing.size() < 2) return;
    for (size_t i = 0; i < g.competing.size(); ++i) {
      for (size_t j = i + 1; j < g.competing.size(); ++j) {
        const size_t a = static_cast<size_t>(g.competing[i]), b = static_cast<size_t>(g.competing[j]);
        for (size_t va = 0; va < p_.benefits[a].versions.size(); ++va) {
          for (size_t vb = 0; vb < p_.benefits[b].versions.size(); ++vb) {
            if (!Overlap(*p_.benefits[a].versions[va].def, *p_.benefits[b].versions[vb].def)) continue;
            if (!Disjoint(versions_[a][va], versions_[b][vb])) return;  // these two may compete
          }
        }
      }
    }
    std::string ids;
    for (int b : g.competing) ids += (ids.empty() ? "" : ", ") + p_.benefits[static_cast<size_t>(b)].def->id;
    sink_.Warning(DiagnosticCode::kGroupNeverCompetes, g.def->loc,
                  {"group '" + g.def->id + "' never decides anything: no two of its benefits (" + ids +
                       ") can be eligible for the same " + (g.level == Level::kHousehold ? "household" : "person") +
                       " at the same time, their conditions exclude each other; remove the group or check the conditions",
                   "nhóm '" + g.def->id + "' không bao giờ phải chọn: không có hai chế độ nào của nhóm (" + ids +
                       ") cùng được hưởng cho một " + (g.level == Level::kHousehold ? "hộ" : "người") +
                       " cùng lúc, vì điều kiện của chúng loại trừ nhau; bỏ nhóm hoặc kiểm tra lại điều kiện"},
                  static_cast<uint32_t>(g.def->id.size()), g.def->id);
  }

  const CheckedPackage& p_;
  internal::DiagnosticSink& sink_;
  std::map<size_t, std::vector<std::map<Key, Domain>>> versions_;
  std::set<unsigned long long> reported_;
};

}  // namespace

void LintPackage(const CheckedPackage& package, internal::DiagnosticSink& sink) { Lint(package, sink).Run(); }

}  // namespace ansinh::check
