// Expression checking: built-in functions, aggregations over members, and
// references to benefit results.
#include <algorithm>
#include <unordered_map>

#include "check/expr_checker.hpp"

namespace ansinh::check {

using expr::Node;
using expr::NodeKind;

namespace {

struct Signature {
  Builtin fn;
  int min_args;
  int max_args;  // -1 = any number >= min_args
  const char* usage;
};

const std::unordered_map<std::string, Signature>& Builtins() {
  static const std::unordered_map<std::string, Signature> kBuiltins = {
      {"months_between", {Builtin::kMonthsBetween, 2, 2, "months_between(birth_date, as_of)"}},
      {"years_between", {Builtin::kYearsBetween, 2, 2, "years_between(birth_date, as_of)"}},
      {"days_between", {Builtin::kDaysBetween, 2, 2, "days_between(birth_date, as_of)"}},
      {"add_months", {Builtin::kAddMonths, 2, 2, "add_months(birth_date, 36)"}},
      {"add_years", {Builtin::kAddYears, 2, 2, "add_years(birth_date, 80)"}},
      {"year", {Builtin::kYear, 1, 1, "year(birth_date)"}},
      {"month", {Builtin::kMonth, 1, 1, "month(birth_date)"}},
      {"day", {Builtin::kDay, 1, 1, "day(birth_date)"}},
      {"min", {Builtin::kMin, 2, -1, "min(a, b)"}},
      {"max", {Builtin::kMax, 2, -1, "max(a, b)"}},
      {"abs", {Builtin::kAbs, 1, 1, "abs(x)"}},
      {"round", {Builtin::kRound, 2, 2, "round(x, 1000)"}},
      {"size", {Builtin::kSize, 1, 1, "size(deprivations)"}},
      {"known", {Builtin::kKnown, 1, 1, "known(birth_date)"}},
      {"default", {Builtin::kDefault, 2, 2, "default(lives_alone, false)"}},
      {"count", {Builtin::kCount, 2, 2, "count(members, age_years < 16)"}},
      {"any", {Builtin::kAny, 2, 2, "any(members, age_months < 36)"}},
      {"all", {Builtin::kAll, 2, 2, "all(members, has_health_insurance)"}},
      {"sum", {Builtin::kSum, 2, 2, "sum(members, pension_amount)"}},
      {"receives", {Builtin::kReceives, 1, 1, "receives(\"social_allowance\")"}},
      {"qualifies", {Builtin::kQualifies, 1, 1, "qualifies(\"sa_disability\")"}},
      {"in_unit", {Builtin::kInUnit, 2, 2, "in_unit(commune, \"844\")"}},
  };
  return kBuiltins;
}

bool IsAggregate(Builtin fn) {
  return fn == Builtin::kCount || fn == Builtin::kAny || fn == Builtin::kAll || fn == Builtin::kSum;
}

bool MentionsAsOf(const IrNode* n) {
  if (n->kind == IrKind::kAsOf) return true;
  return std::any_of(n->args.begin(), n->args.end(), MentionsAsOf);
}

}  // namespace

IrNode* ExprChecker::VisitCall(const Node& n, const Scope& s) {
  const auto& table = Builtins();
  auto it = table.find(n.text);
  if (it == table.end()) {
    std::vector<std::string> names;
    for (const auto& [name, sig] : table) names.push_back(name);
    std::sort(names.begin(), names.end());
    Error(DiagnosticCode::kUnknownFunction, n,
          internal::WithSuggestion(
              internal::Message{"unknown function '" + n.text + "'.", "không có hàm '" + n.text + "'."}, n.text, names));
    return nullptr;
  }
  const Signature& sig = it->second;
  const int argc = static_cast<int>(n.children.size());
  if (argc < sig.min_args || (sig.max_args >= 0 && argc > sig.max_args)) {
    std::string expected = sig.max_args < 0 ? "at least " + std::to_string(sig.min_args)
                                            : std::to_string(sig.min_args);
    const std::string expected_vi = sig.max_args < 0 ? "ít nhất " + std::to_string(sig.min_args)
                                                     : std::to_string(sig.min_args);
    Error(DiagnosticCode::kArity, n,
          {n.text + " takes " + expected + " argument" + (sig.min_args == 1 && sig.max_args == 1 ? "" : "s") +
               ", not " + std::to_string(argc) + ": write it like " + sig.usage,
           n.text + " cần " + expected_vi + " đối số, không phải " + std::to_string(argc) + ": viết như " + sig.usage});
    return nullptr;
  }
  if (IsAggregate(sig.fn)) return VisitAggregate(n, s);
  if (sig.fn == Builtin::kReceives || sig.fn == Builtin::kQualifies) return VisitBenefitRef(n, s);

  std::vector<IrNode*> args;
  for (const auto& child : n.children) {
    IrNode* a = Visit(*child, s);
    if (a == nullptr) return nullptr;
    args.push_back(a);
  }
  // `what` in English and Vietnamese ("a date", "một ngày").
  auto need = [&](int i, ValueType t, const char* what, const char* what_vi) -> bool {
    if (args[i] == nullptr) return false;
    if (t == ValueType::kDecimal ? args[i]->type.numeric() : (args[i]->type.base == t && !args[i]->type.list)) {
      return true;
    }
    Error(DiagnosticCode::kTypeMismatch, *n.children[i],
          {n.text + " needs " + what + " here, but '" + Source(*n.children[i]) + "' is " + TypeName(args[i]->type) +
               ": write it like " + sig.usage,
           n.text + " cần " + what_vi + " ở đây, nhưng '" + Source(*n.children[i]) + "' là " +
               TypeNameVi(args[i]->type) + ": viết như " + sig.usage});
    return false;
  };
  Type result{ValueType::kInt};
  int32_t unit_code = -1;
  switch (sig.fn) {
    case Builtin::kMonthsBetween:
    case Builtin::kYearsBetween:
    case Builtin::kDaysBetween:
      if (!need(0, ValueType::kDate, "a date", "một ngày") || !need(1, ValueType::kDate, "a date", "một ngày")) {
        return nullptr;
      }
      if (sig.fn == Builtin::kDaysBetween && (MentionsAsOf(args[0]) || MentionsAsOf(args[1]))) {
        pkg_.uses_days_between_as_of = true;
      }
      break;
    case Builtin::kAddMonths:
    case Builtin::kAddYears:
      if (!need(0, ValueType::kDate, "a date", "một ngày") ||
          !need(1, ValueType::kInt, "a whole number", "một số nguyên")) {
        return nullptr;
      }
      result = Type{ValueType::kDate};
      break;
    case Builtin::kYear:
    case Builtin::kMonth:
    case Builtin::kDay:
      if (!need(0, ValueType::kDate, "a date", "một ngày")) return nullptr;
      break;
    case Builtin::kMin:
    case Builtin::kMax: {
      IrNode* acc = args[0];
      if (!acc->type.numeric() && acc->type.base != ValueType::kDate) {
        need(0, ValueType::kDecimal, "a number or a date", "một số hoặc một ngày");
        return nullptr;
      }
      for (size_t i = 1; i < args.size(); ++i) {
        if (!Unify(acc, args[i], *n.children[0], *n.children[i], {"compare", "phép so sánh"})) return nullptr;
        args[0] = acc;
      }
      // Unify may have cast earlier arguments only pairwise: cast all to the final type.
      for (IrNode*& a : args) {
        if (a->type != acc->type && (a = Coerce(a, acc->type, n, {"compare", "phép so sánh"})) == nullptr) return nullptr;
      }
      result = acc->type;
      break;
    }
    case Builtin::kAbs:
      if (!need(0, ValueType::kDecimal, "a number", "một số")) return nullptr;
      result = args[0]->type;
      break;
    case Builtin::kRound:
      if (!need(0, ValueType::kDecimal, "a number", "một số") || !need(1, ValueType::kDecimal, "a number", "một số")) {
        return nullptr;
      }
      if (args[1]->kind != IrKind::kConst || args[1]->const_value <= 0) {
        Error(DiagnosticCode::kTypeMismatch, *n.children[1],
              {"the unit of round must be a fixed positive number, e.g. round(x, 1000)",
               "đơn vị làm tròn của round phải là một số dương cố định, ví dụ round(x, 1000)"});
        return nullptr;
      }
      if (args[1]->type.base == ValueType::kInt) args[1] = CastToScaled(args[1], ValueType::kDecimal);
      result = args[0]->type;
      break;
    case Builtin::kSize:
      if (args[0]->type.base != ValueType::kSet || args[0]->type.list) {
        Error(DiagnosticCode::kTypeMismatch, *n.children[0],
              {"size needs a set field such as deprivations, but '" + Source(*n.children[0]) + "' is " +
                   TypeName(args[0]->type),
               "size cần một trường tập hợp như deprivations, nhưng '" + Source(*n.children[0]) + "' là " +
                   TypeNameVi(args[0]->type)});
        return nullptr;
      }
      break;
    case Builtin::kKnown:
      if (args[0]->type.list) {
        need(0, ValueType::kBool, "a value", "một giá trị");
        return nullptr;
      }
      result = Type{ValueType::kBool};
      break;
    case Builtin::kDefault:
      if (!Unify(args[0], args[1], *n.children[0], *n.children[1], {"choose between", "việc chọn giữa hai giá trị"})) {
        return nullptr;
      }
      result = args[0]->type;
      break;
    case Builtin::kInUnit: {
      if (!need(0, ValueType::kString, "a text holding a unit code (a field such as commune)",
                "một văn bản chứa mã đơn vị (một trường như commune)")) {
        return nullptr;
      }
      if (args[1]->kind != IrKind::kConst || args[1]->type.base != ValueType::kString) {
        Error(DiagnosticCode::kTypeMismatch, *n.children[1],
              {"the area of in_unit is a unit code in quotes, e.g. in_unit(commune, \"844\")",
               "địa bàn của in_unit là một mã đơn vị trong dấu nháy, ví dụ in_unit(commune, \"844\")"});
        return nullptr;
      }
      unit_code = pkg_.units.CodeId(args[1]->text);
      if (unit_code < 0) {
        Error(DiagnosticCode::kUnknownName, *n.children[1],
              internal::WithSuggestion(
                  internal::Message{"'" + args[1]->text + "' is not a unit of the package (section `units`).",
                                    "'" + args[1]->text + "' không phải một đơn vị của gói (mục `units`)."},
                  args[1]->text, pkg_.units.codes));
        return nullptr;
      }
      // The unit a code designates depends on the day (units end and are succeeded).
      args[1] = NewNode(IrKind::kAsOf, Type{ValueType::kDate}, Level::kHousehold, *n.children[1]);
      result = Type{ValueType::kBool};
      break;
    }
    default: break;
  }
  Level level = Level::kHousehold;
  for (IrNode* a : args) level = MaxLevel(level, a->level);
  IrNode* node = NewNode(IrKind::kCall, result, level, n);
  node->index = unit_code;
  node->fn = sig.fn;
  node->args = std::move(args);
  node->text = n.text;
  return node;
}

IrNode* ExprChecker::VisitAggregate(const Node& n, const Scope& s) {
  const Builtin fn = Builtins().at(n.text).fn;
  const Node& coll = *n.children[0];
  // The collection: members | household.members | m in members | m in household.members.
  std::string binding;
  const Node* target = &coll;
  if (coll.kind == NodeKind::kBinary && coll.op == expr::Op::kIn && coll.children[0]->kind == NodeKind::kName &&
      coll.children[0]->path.size() == 1) {
    binding = coll.children[0]->path[0];
    target = coll.children[1].get();
  }
  const bool is_members =
      target->kind == NodeKind::kName &&
      ((target->path.size() == 1 && target->path[0] == "members" && s.vars[0].entity == Entity::kHousehold) ||
       (target->path.size() == 2 && target->path[0] == "household" && target->path[1] == "members") ||
       (target->path.size() == 2 && target->path[1] == "members" && s.Find(target->path[0]) != nullptr &&
        s.Find(target->path[0])->entity == Entity::kHousehold));
  if (!is_members) {
    const bool plain_members_from_person = target->kind == NodeKind::kName && target->path.size() == 1 &&
                                           target->path[0] == "members";
    Error(DiagnosticCode::kTypeMismatch, coll,
          plain_members_from_person
              ? internal::Message{"from a person rule, write household.members: " + n.text + "(household.members, ...)",
                                  "trong quy tắc của một người, viết household.members: " + n.text +
                                      "(household.members, ...)"}
              : internal::Message{n.text + " goes over the members of the household: write " + n.text +
                                      "(members, ...) or " + n.text + "(m in household.members, ...)",
                                  n.text + " duyệt qua các thành viên của hộ: viết " + n.text + "(members, ...) hoặc " +
                                      n.text + "(m in household.members, ...)"});
    return nullptr;
  }
  if (!binding.empty()) {
    static const char* kReserved[] = {"param", "household", "as_of", "period_start", "period_end", "members", "id"};
    for (const char* r : kReserved) {
      if (binding == r) {
        Error(DiagnosticCode::kTypeMismatch, *coll.children[0],
              {"'" + binding + "' cannot name a member: choose another name such as m",
               "'" + binding + "' không dùng để gọi tên thành viên được: chọn tên khác, ví dụ m"});
        return nullptr;
      }
    }
    if (s.Find(binding) != nullptr) {
      Error(DiagnosticCode::kTypeMismatch, *coll.children[0],
            {"'" + binding + "' already names a member here: choose another name",
             "'" + binding + "' đã là tên một thành viên ở đây: chọn tên khác"});
      return nullptr;
    }
  }
  if (s.level == Level::kPair) {
    Error(DiagnosticCode::kLimit, n,
          {"aggregations over members nest at most two deep", "phép gộp theo thành viên chỉ lồng được tối đa hai tầng"});
    return nullptr;
  }
  // The body's scope: one level down; every name keeps what it meant.
  Scope inner;
  inner.level = s.level == Level::kHousehold ? Level::kPerson : Level::kPair;
  for (const Var& v : s.vars) {
    Var moved = v;
    switch (v.projection) {
      case Projection::kSelf:
        moved.projection = inner.level == Level::kPerson ? Projection::kHouseholdOfPerson : Projection::kPairPerson;
        break;
      case Projection::kHouseholdOfPerson: moved.projection = Projection::kHouseholdOfPair; break;
      default: break;
    }
    inner.vars.push_back(moved);
  }
  const Projection member_projection = inner.level == Level::kPerson ? Projection::kSelf : Projection::kPairMember;
  if (binding.empty()) {
    inner.vars[0] = Var{"", Entity::kPerson, member_projection};
  } else {
    inner.vars.push_back(Var{binding, Entity::kPerson, member_projection});
  }
  IrNode* body = Visit(*n.children[1], inner);
  if (body == nullptr) return nullptr;
  Type result{ValueType::kInt};
  if (fn == Builtin::kSum) {
    if (!body->type.numeric()) {
      Error(DiagnosticCode::kTypeMismatch, *n.children[1],
            {"sum needs a number for each member, but '" + Source(*n.children[1]) + "' is " + TypeName(body->type),
             "sum cần một số cho mỗi thành viên, nhưng '" + Source(*n.children[1]) + "' là " +
                 TypeNameVi(body->type)});
      return nullptr;
    }
    result = body->type;
  } else {
    body = Coerce(body, Type{ValueType::kBool}, *n.children[1], {n.text, "hàm " + n.text});
    if (body == nullptr) return nullptr;
    if (fn != Builtin::kCount) result = Type{ValueType::kBool};
  }
  // A body that only reads household values is evaluated at the body level anyway
  // (gathered), which keeps the reduction simple.
  IrNode* node = NewNode(IrKind::kAggregate, result, s.level, n);
  node->fn = fn;
  node->body_level = inner.level;
  node->args.push_back(body);
  node->text = n.text;
  return node;
}

IrNode* ExprChecker::VisitBenefitRef(const Node& n, const Scope& s) {
  const Builtin fn = Builtins().at(n.text).fn;
  const Node& arg = *n.children[0];
  if (arg.kind != NodeKind::kString) {
    Error(DiagnosticCode::kTypeMismatch, arg,
          {n.text + " needs the id of a benefit or a group in quotes, e.g. " + n.text + "(\"social_allowance\")",
           n.text + " cần mã một chế độ hoặc một nhóm trong dấu nháy, ví dụ " + n.text + "(\"social_allowance\")"});
    return nullptr;
  }
  const Entity e = s.vars[0].entity;
  IrNode* node = NewNode(IrKind::kBenefitRef, Type{ValueType::kBool}, s.level, n);
  node->fn = fn;
  node->projection = s.vars[0].projection;
  node->text = arg.text;
  if (auto b = names_.benefits.find(arg.text); b != names_.benefits.end()) {
    const CheckedBenefit& benefit = pkg_.benefits[b->second];
    node->index = b->second;
    if ((benefit.def->applies_to == Entity::kHousehold) != (e == Entity::kHousehold)) {
      Error(DiagnosticCode::kEntityMismatch, arg,
            {"benefit '" + arg.text + "' applies to each " + ToString(benefit.def->applies_to) + ", not to the " +
                 ToString(e) + " this rule is about",
             "chế độ '" + arg.text + "' xét cho từng " +
                 (benefit.def->applies_to == Entity::kHousehold ? "hộ" : "người") + ", không phải cho " +
                 (e == Entity::kHousehold ? "hộ" : "người") + " mà quy tắc này nói đến"});
      return nullptr;
    }
    if (deps_ != nullptr) {
      if (benefit.group >= 0 && !benefit.adds_to_group) {
        deps_->groups.push_back(benefit.group);
      } else {
        deps_->benefits.push_back(b->second);
      }
    }
    return node;
  }
  if (auto g = names_.groups.find(arg.text); g != names_.groups.end()) {
    const CheckedGroup& group = pkg_.groups[g->second];
    node->index = g->second;
    node->is_group = true;
    if ((group.level == Level::kHousehold) != (e == Entity::kHousehold)) {
      Error(DiagnosticCode::kEntityMismatch, arg,
            {"group '" + arg.text + "' holds benefits of each " +
                 (group.level == Level::kHousehold ? "household" : "person") + ", not of the " + ToString(e),
             "nhóm '" + arg.text + "' gồm các chế độ của từng " +
                 (group.level == Level::kHousehold ? "hộ" : "người") + ", không phải của " +
                 (e == Entity::kHousehold ? "hộ" : "người")});
      return nullptr;
    }
    if (deps_ != nullptr) {
      deps_->groups.push_back(g->second);
      for (int adder : group.adders) deps_->benefits.push_back(adder);
    }
    return node;
  }
  std::vector<std::string> ids;
  for (const auto& [id, i] : names_.benefits) ids.push_back(id);
  for (const auto& [id, i] : names_.groups) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  Error(DiagnosticCode::kUnknownBenefit, arg,
        internal::WithSuggestion(internal::Message{"no benefit or group is called \"" + arg.text + "\".",
                                                   "không có chế độ hoặc nhóm nào tên \"" + arg.text + "\"."},
                                 arg.text, ids));
  return nullptr;
}

}  // namespace ansinh::check
