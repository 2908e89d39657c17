// Expression checking: names, literals and operators. Calls and aggregations
// are in builtins.cpp, conversions in types.cpp.
#include "check/expr_checker.hpp"

#include <algorithm>

#include "ansinh/date.hpp"
#include "ansinh/decimal.hpp"

namespace ansinh::check {

using expr::Node;
using expr::NodeKind;
using expr::Op;

const ExprChecker::Var* ExprChecker::Scope::Find(std::string_view name) const {
  for (const Var& v : vars) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

CheckedExpr ExprChecker::Check(const model::ExprText& text, Entity entity, const Type* expected, Deps* deps,
                               const internal::Message& what) {
  CheckedExpr out;
  out.source = &text;
  out.level = entity == Entity::kHousehold ? Level::kHousehold : Level::kPerson;
  text_ = &text;
  deps_ = deps;
  what_ = what.en;
  what_words_ = what;
  // An item the loader could not read whole keeps an empty expression; the
  // loader already said what is missing, so do not add a second message.
  if (text.text.empty() && !text.loc.known()) return out;

  if (text.text.size() > parse_options_.max_length) {
    all_read_ = false;
    ErrorAt(DiagnosticCode::kLimit, 0, 1,
            {"the expression is too long: " + std::to_string(text.text.size()) + " bytes (at most " +
                 std::to_string(parse_options_.max_length) + "); split it into variables",
             "biểu thức quá dài: " + std::to_string(text.text.size()) + " byte (tối đa " +
                 std::to_string(parse_options_.max_length) + "); hãy tách thành các biến"});
    return out;
  }
  // A message that refers to another place of the expression (the '(' an
  // "expected ')'" closes) names it in the YAML file, as the caret does.
  const expr::PlaceNamer where = [this](uint32_t offset) {
    const internal::Loc at = text_->At(offset);
    return "line " + std::to_string(at.line) + ", column " + std::to_string(at.column);
  };
  // The same place in Vietnamese, for the Vietnamese text of the same failure.
  const expr::PlaceNamer where_vi = [this](uint32_t offset) {
    const internal::Loc at = text_->At(offset);
    return "dòng " + std::to_string(at.line) + ", cột " + std::to_string(at.column);
  };
  expr::ParseResult parsed = expr::ParseExpression(text.text, parse_options_, where, where_vi);
  if (!parsed.root) {
    all_read_ = false;
    for (const expr::SyntaxError& e : parsed.errors) {
      ErrorAt(e.limit ? DiagnosticCode::kLimit : DiagnosticCode::kExprSyntax, e.offset, e.offset + e.length,
              {e.message, e.message_vi});
    }
    if (parsed.errors.empty()) {
      ErrorAt(DiagnosticCode::kExprSyntax, 0, 1, {"the expression could not be read", "không đọc được biểu thức"});
    }
    return out;
  }

  Scope scope;
  scope.level = out.level;
  scope.vars.push_back({"", entity, Projection::kSelf});
  scope.vars.push_back({"household", Entity::kHousehold,
                        entity == Entity::kHousehold ? Projection::kSelf : Projection::kHouseholdOfPerson});
  IrNode* root = Visit(*parsed.root, scope);
  if (root != nullptr && expected != nullptr) {
    root = Coerce(root, *expected, *parsed.root, what_words_);
  }
  if (root != nullptr && root->type.list) {
    Error(DiagnosticCode::kTypeMismatch, *parsed.root,
          {"a list is only allowed right of 'in'", "danh sách chỉ được viết bên phải 'in'"});
    root = nullptr;
  }
  out.root = root;
  return out;
}

IrNode* ExprChecker::NewNode(IrKind kind, const Type& type, Level level, const Node& n) {
  IrNode* node = pkg_.arena.New();
  node->kind = kind;
  node->type = type;
  node->level = level;
  node->begin = n.begin;
  node->end = n.end;
  return node;
}

void ExprChecker::ErrorAt(DiagnosticCode code, uint32_t begin, uint32_t end, internal::Message message) {
  const internal::Loc loc = text_->At(begin);
  const internal::Loc loc_end = text_->At(end > begin ? end - 1 : begin);
  const uint32_t length = loc_end.line == loc.line && loc_end.column >= loc.column ? loc_end.column - loc.column + 1 : 1;
  sink_.Error(code, loc, std::move(message), length, what_);
}

void ExprChecker::Error(DiagnosticCode code, const Node& n, internal::Message message) {
  ErrorAt(code, n.begin, n.end, std::move(message));
}

std::string ExprChecker::Source(const Node& n) const {
  if (n.begin >= text_->text.size() || n.end <= n.begin) return {};
  return text_->text.substr(n.begin, std::min<size_t>(n.end, text_->text.size()) - n.begin);
}

bool ExprChecker::IsStringLiteral(const IrNode* node) const {
  return node->kind == IrKind::kConst && node->type.base == ValueType::kString && !node->type.list;
}

std::vector<std::string> ExprChecker::NamesOf(Entity e) const {
  std::vector<std::string> names;
  for (const auto& f : pkg_.schema.fields(e)) names.push_back(f.name);
  const auto& vars = e == Entity::kHousehold ? names_.household_variables : names_.person_variables;
  for (const auto& [name, index] : vars) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

IrNode* ExprChecker::Visit(const Node& n, const Scope& s) {
  switch (n.kind) {
    case NodeKind::kInt:
    case NodeKind::kDecimal:
    case NodeKind::kString:
    case NodeKind::kDate:
    case NodeKind::kBool: return VisitLiteral(n, s);
    case NodeKind::kList: return VisitList(n, s);
    case NodeKind::kName: return VisitName(n, s);
    case NodeKind::kUnary: return VisitUnary(n, s);
    case NodeKind::kBinary: return VisitBinary(n, s);
    case NodeKind::kIf: return VisitIf(n, s);
    case NodeKind::kCall: return VisitCall(n, s);
    case NodeKind::kIndex: return VisitIndex(n, s);
  }
  return nullptr;
}

IrNode* ExprChecker::VisitLiteral(const Node& n, const Scope&) {
  IrNode* node = NewNode(IrKind::kConst, Type{}, Level::kHousehold, n);
  switch (n.kind) {
    case NodeKind::kInt: {
      auto d = Decimal::Parse(n.text);
      if (!d || d->integer_part() > INT64_MAX / Decimal::kScale) {
        Error(DiagnosticCode::kBadNumber, n, {"the number " + n.text + " is too large", "số " + n.text + " quá lớn"});
        return nullptr;
      }
      node->type.base = ValueType::kInt;
      node->const_value = d->integer_part();
      return node;
    }
    case NodeKind::kDecimal: {
      auto d = Decimal::Parse(n.text);
      if (!d) {
        Error(DiagnosticCode::kBadNumber, n,
              {"the number " + n.text + " cannot be used: at most 6 decimal places and about 9 trillion",
               "không dùng được số " + n.text + ": tối đa 6 chữ số thập phân và khoảng 9 nghìn tỷ"});
        return nullptr;
      }
      node->type.base = ValueType::kDecimal;
      node->const_value = d->millionths();
      return node;
    }
    case NodeKind::kDate: {
      auto d = Date::Parse(n.text);
      if (!d) {
        Error(DiagnosticCode::kBadDate, n,
              {n.text + " is not a calendar date (write YYYY-MM-DD)",
               n.text + " không phải ngày có thật (viết YYYY-MM-DD)"});
        return nullptr;
      }
      node->type.base = ValueType::kDate;
      node->const_value = d->days();
      return node;
    }
    case NodeKind::kBool:
      node->type.base = ValueType::kBool;
      node->const_value = n.bool_value ? 1 : 0;
      return node;
    default:  // kString
      node->type.base = ValueType::kString;
      node->text = n.text;
      return node;
  }
}

IrNode* ExprChecker::VisitList(const Node& n, const Scope& s) {
  IrNode* list = NewNode(IrKind::kConst, Type{}, Level::kHousehold, n);
  list->type.list = true;
  list->type.base = ValueType::kString;  // refined below; an empty list compares with anything
  bool first = true;
  for (const auto& child : n.children) {
    IrNode* item = Visit(*child, s);
    if (item == nullptr) return nullptr;
    if (item->kind != IrKind::kConst || item->type.list) {
      Error(DiagnosticCode::kTypeMismatch, *child,
            {"a list may only hold fixed values (numbers, dates, texts), not '" + Source(*child) + "'",
             "danh sách chỉ chứa giá trị cố định (số, ngày, văn bản), không chứa '" + Source(*child) + "'"});
      return nullptr;
    }
    if (first) {
      list->type.base = item->type.base;
      first = false;
    } else if (item->type.base != list->type.base) {
      const bool numbers = Type{item->type.base}.numeric() && Type{list->type.base}.numeric();
      if (!numbers) {
        Error(DiagnosticCode::kTypeMismatch, *child,
              {"all values of a list must be of one kind: '" + Source(*child) + "' is " + TypeName(item->type) +
                   ", the list holds " + TypeName(Type{list->type.base}),
               "các giá trị của danh sách phải cùng loại: '" + Source(*child) + "' là " + TypeNameVi(item->type) +
                   ", còn danh sách chứa " + TypeNameVi(Type{list->type.base})});
        return nullptr;
      }
      if (item->type.base == ValueType::kDecimal) list->type.base = ValueType::kDecimal;
    }
    list->args.push_back(item);
  }
  return list;
}

IrNode* ExprChecker::VisitName(const Node& n, const Scope& s) {
  const std::vector<std::string>& path = n.path;
  const std::string& head = path[0];
  if (head == "param") {
    if (path.size() != 2) {
      Error(DiagnosticCode::kUnknownParameter, n,
            {"write param.<name> to use a parameter", "viết param.<tên> để dùng một tham số"});
      return nullptr;
    }
    return VisitParam(n, nullptr, s);
  }
  if (path.size() == 1) {
    if (head == "as_of" || head == "period_start" || head == "period_end") {
      const IrKind kind = head == "as_of" ? IrKind::kAsOf : head == "period_start" ? IrKind::kPeriodStart : IrKind::kPeriodEnd;
      return NewNode(kind, Type{ValueType::kDate}, Level::kHousehold, n);
    }
    if (head == "members") {
      Error(DiagnosticCode::kTypeMismatch, n,
            {"'members' can only be the first argument of count, any, all or sum, e.g. count(members, age_years < 16)",
             "'members' chỉ được là đối số đầu của count, any, all hoặc sum, ví dụ count(members, age_years < 16)"});
      return nullptr;
    }
    if (head == "household") {
      Error(DiagnosticCode::kUnknownName, n,
            {"'household' alone is not a value: write household.<field>",
             "'household' đứng một mình không phải một giá trị: viết household.<trường>"});
      return nullptr;
    }
    return VisitEntityMember(n, s, s.vars[0], 0);
  }
  if (const Var* var = s.Find(head); var != nullptr && !var->name.empty()) {
    if (path.size() != 2) {
      Error(DiagnosticCode::kUnknownName, n,
            {"'" + Source(n) + "' is not a name: write " + head + ".<field>",
             "'" + Source(n) + "' không phải một tên: viết " + head + ".<trường>"});
      return nullptr;
    }
    if (path[1] == "members") {
      Error(DiagnosticCode::kTypeMismatch, n,
            {"'" + Source(n) + "' can only be the first argument of count, any, all or sum",
             "'" + Source(n) + "' chỉ được là đối số đầu của count, any, all hoặc sum"});
      return nullptr;
    }
    return VisitEntityMember(n, s, *var, 1);
  }
  std::vector<std::string> heads = {"param", "household", "as_of", "period_start", "period_end"};
  for (const Var& v : s.vars) {
    if (!v.name.empty()) heads.push_back(v.name);
  }
  Error(DiagnosticCode::kUnknownName, n,
        internal::WithSuggestion(internal::Message("unknown name '" + Source(n) + "': '" + head +
                                                       "' is not 'param', 'household' or a member name.",
                                                   "tên '" + Source(n) + "' không có: '" + head +
                                                       "' không phải 'param', 'household' hay tên một thành viên."),
                                 head, heads));
  return nullptr;
}

IrNode* ExprChecker::VisitEntityMember(const Node& n, const Scope& s, const Var& var, size_t part) {
  const std::string& name = n.path[part];
  const Entity e = var.entity;
  const int field = pkg_.schema.IndexOf(e, name);
  const auto& vars = e == Entity::kHousehold ? names_.household_variables : names_.person_variables;
  IrNode* node = nullptr;
  if (field >= 0) {
    node = NewNode(IrKind::kField, pkg_.types(e)[field], s.level, n);
    node->index = field;
  } else if (auto it = vars.find(name); it != vars.end()) {
    const CheckedVariable& v = pkg_.variables[it->second];
    node = NewNode(IrKind::kVariable, v.type, s.level, n);
    node->index = it->second;
    if (deps_ != nullptr) deps_->variables.push_back(it->second);
  } else {
    const Entity other = e == Entity::kHousehold ? Entity::kPerson : Entity::kHousehold;
    const auto& other_vars = other == Entity::kHousehold ? names_.household_variables : names_.person_variables;
    const bool on_other = pkg_.schema.IndexOf(other, name) >= 0 || other_vars.count(name) > 0;
    const uint32_t begin = n.path_begins.size() > part ? n.path_begins[part] : n.begin;
    if (on_other && other == Entity::kHousehold) {
      ErrorAt(DiagnosticCode::kEntityMismatch, begin, n.end,
              {"'" + name + "' belongs to the household, not to a person: write household." + name,
               "'" + name + "' là của hộ, không phải của từng người: viết household." + name});
    } else if (on_other) {
      ErrorAt(DiagnosticCode::kEntityMismatch, begin, n.end,
              {"'" + name + "' belongs to each person, not to the household: use an aggregation such as "
               "any(members, " + name + " ...) or count(members, ...)",
               "'" + name + "' là của từng người, không phải của hộ: dùng một phép gộp như any(members, " + name +
                   " ...) hoặc count(members, ...)"});
    } else {
      ErrorAt(DiagnosticCode::kUnknownName, begin, n.end,
              internal::WithSuggestion(
                  internal::Message("unknown name '" + name + "': it is not a " +
                                        std::string(e == Entity::kHousehold ? "household" : "person") +
                                        " field or variable.",
                                    "tên '" + name + "' không có: không phải trường hay biến của " +
                                        std::string(e == Entity::kHousehold ? "hộ" : "một người") + "."),
                  name, NamesOf(e)));
    }
    return nullptr;
  }
  node->entity = e == Entity::kHousehold ? 0 : 1;
  node->projection = var.projection;
  node->text = (e == Entity::kHousehold ? "household." : "") + name;
  return node;
}

IrNode* ExprChecker::VisitParam(const Node& n, const Node* key, const Scope& s) {
  const std::string& name = n.path[1];
  auto it = names_.params.find(name);
  if (it == names_.params.end()) {
    std::vector<std::string> all;
    for (const auto& [p, i] : names_.params) all.push_back(p);
    std::sort(all.begin(), all.end());
    const uint32_t begin = n.path_begins.size() > 1 ? n.path_begins[1] : n.begin;
    ErrorAt(DiagnosticCode::kUnknownParameter, begin, n.end,
            internal::WithSuggestion(
                internal::Message("unknown parameter '" + name + "'.", "không có tham số '" + name + "'."), name, all));
    return nullptr;
  }
  const CheckedParam& p = pkg_.params[it->second];
  if (deps_ != nullptr) deps_->params.push_back(it->second);
  IrNode* node = NewNode(IrKind::kParam, p.type, Level::kHousehold, n);
  node->index = it->second;
  node->text = "param." + name;
  const model::ParamKind kind = p.def->kind;
  if (key == nullptr) {
    if (kind != model::ParamKind::kScalar) {
      Error(DiagnosticCode::kParameterKey, n,
            {"param." + name + " is a " + (kind == model::ParamKind::kTable ? "table" : "bracket table") +
                 ": write param." + name + "[" +
                 (kind == model::ParamKind::kTable ? "<an enum value such as area>" : "<a number>") + "]",
             "param." + name + " là một " + (kind == model::ParamKind::kTable ? "bảng" : "bảng bậc") +
                 ": viết param." + name + "[" +
                 (kind == model::ParamKind::kTable ? "<một giá trị lựa chọn như area>" : "<một số>") + "]"});
      return nullptr;
    }
    return node;
  }
  if (kind == model::ParamKind::kScalar) {
    Error(DiagnosticCode::kParameterKey, *key,
          {"param." + name + " is a single value, not a table: remove [" + Source(*key) + "]",
           "param." + name + " là một giá trị đơn, không phải bảng: bỏ [" + Source(*key) + "]"});
    return nullptr;
  }
  IrNode* k = Visit(*key, s);
  if (k == nullptr) return nullptr;
  node->end = key->end + 1;
  if (kind == model::ParamKind::kBrackets) {
    if (!k->type.numeric()) {
      Error(DiagnosticCode::kParameterKey, *key,
            {"param." + name + " is looked up by a number, but '" + Source(*key) + "' is " + TypeName(k->type),
             "param." + name + " tra theo một số, nhưng '" + Source(*key) + "' là " + TypeNameVi(k->type)});
      return nullptr;
    }
    if (k->type.base == ValueType::kInt) k = CastToScaled(k, ValueType::kDecimal);
    node->args.push_back(k);
    node->level = k->level;
    return node;
  }
  // Table keyed by enum values.
  // Steps written as a whole `null` have every key (all unknown).
  std::vector<std::string> keys;
  for (const model::ParamStep& step : p.def->steps) {
    if (step.all_null) continue;
    for (const auto& cell : step.cells) keys.push_back(cell.key);
    break;
  }
  if (IsStringLiteral(k)) {
    // A fixed key: every step must have it.
    for (const model::ParamStep& step : p.def->steps) {
      if (step.all_null) continue;
      const bool found = std::any_of(step.cells.begin(), step.cells.end(),
                                     [&](const model::ParamCell& c) { return c.key == k->text; });
      if (!found) {
        Error(DiagnosticCode::kParameterKey, *key,
              internal::WithSuggestion(
                  internal::Message{"param." + name + " has no entry '" + k->text + "' (from " +
                                        step.from.ToString() + ").",
                                    "param." + name + " không có mục '" + k->text + "' (từ " +
                                        step.from.ToString() + ")."},
                  k->text, keys));
        return nullptr;
      }
    }
    node->text += "[" + k->text + "]";
    node->args.push_back(k);
    return node;
  }
  if (k->type.base != ValueType::kEnum || k->type.list) {
    Error(DiagnosticCode::kParameterKey, *key,
          {"param." + name + " is looked up by an enum value (such as area), but '" + Source(*key) + "' is " +
               TypeName(k->type),
           "param." + name + " tra theo một giá trị lựa chọn (như area), nhưng '" + Source(*key) + "' là " +
               TypeNameVi(k->type)});
    return nullptr;
  }
  const EnumDef& e = pkg_.enums[k->type.enum_id];
  for (const model::ParamStep& step : p.def->steps) {
    if (step.all_null) continue;
    std::vector<std::string> missing;
    for (const std::string& v : e.values) {
      const bool found = std::any_of(step.cells.begin(), step.cells.end(),
                                     [&](const model::ParamCell& c) { return c.key == v; });
      if (!found) missing.push_back(v);
    }
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
      Error(DiagnosticCode::kParameterKey, *key,
            {"param." + name + " has no value for " + list + " (values from " + step.from.ToString() +
                 "), but " + Source(*key) + " can be any of " + e.name + ": add the missing entries",
             "param." + name + " không có giá trị cho " + list + " (các giá trị từ " + step.from.ToString() +
                 "), nhưng " + Source(*key) + " có thể là bất kỳ giá trị nào của " + e.name +
                 ": bổ sung các mục còn thiếu"});
      return nullptr;
    }
  }
  node->args.push_back(k);
  node->level = k->level;
  return node;
}

IrNode* ExprChecker::VisitIndex(const Node& n, const Scope& s) {
  const Node& base = *n.children[0];
  if (base.kind != NodeKind::kName || base.path.size() != 2 || base.path[0] != "param") {
    Error(DiagnosticCode::kTypeMismatch, n,
          {"only parameters can be indexed with [...], e.g. param.poverty_line[area]",
           "chỉ tham số mới tra được bằng [...], ví dụ param.poverty_line[area]"});
    return nullptr;
  }
  IrNode* node = VisitParam(base, n.children[1].get(), s);
  if (node != nullptr) node->begin = n.begin, node->end = n.end;
  return node;
}

IrNode* ExprChecker::VisitUnary(const Node& n, const Scope& s) {
  IrNode* a = Visit(*n.children[0], s);
  if (a == nullptr) return nullptr;
  if (n.op == Op::kNot) {
    a = Coerce(a, Type{ValueType::kBool}, *n.children[0], {"'not'", "'not'"});
    if (a == nullptr) return nullptr;
    IrNode* node = NewNode(IrKind::kUnary, Type{ValueType::kBool}, a->level, n);
    node->op = Op::kNot;
    node->args.push_back(a);
    return node;
  }
  if (!a->type.numeric()) {
    Error(DiagnosticCode::kTypeMismatch, *n.children[0],
          {"'-' needs a number, but '" + Source(*n.children[0]) + "' is " + TypeName(a->type),
           "'-' cần một số, nhưng '" + Source(*n.children[0]) + "' là " + TypeNameVi(a->type)});
    return nullptr;
  }
  if (a->kind == IrKind::kConst) {
    a->const_value = -a->const_value;
    a->begin = n.begin;
    return a;
  }
  IrNode* node = NewNode(IrKind::kUnary, a->type, a->level, n);
  node->op = Op::kNeg;
  node->args.push_back(a);
  return node;
}

IrNode* ExprChecker::VisitBinary(const Node& n, const Scope& s) {
  switch (n.op) {
    case Op::kAnd:
    case Op::kOr: return VisitLogic(n, s);
    case Op::kEq:
    case Op::kNe:
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe: return VisitCompare(n, s);
    case Op::kIn:
    case Op::kNotIn: return VisitMembership(n, s);
    default: return VisitArithmetic(n, s);
  }
}

IrNode* ExprChecker::VisitLogic(const Node& n, const Scope& s) {
  IrNode* a = Visit(*n.children[0], s);
  IrNode* b = Visit(*n.children[1], s);
  if (a == nullptr || b == nullptr) return nullptr;
  const internal::Message word = n.op == Op::kAnd ? internal::Message{"'and'", "'and'"}
                                                  : internal::Message{"'or'", "'or'"};
  a = Coerce(a, Type{ValueType::kBool}, *n.children[0], word);
  b = Coerce(b, Type{ValueType::kBool}, *n.children[1], word);
  if (a == nullptr || b == nullptr) return nullptr;
  IrNode* node = NewNode(IrKind::kBinary, Type{ValueType::kBool}, MaxLevel(a->level, b->level), n);
  node->op = n.op;
  node->args = {a, b};
  return node;
}

IrNode* ExprChecker::VisitCompare(const Node& n, const Scope& s) {
  IrNode* a = Visit(*n.children[0], s);
  IrNode* b = Visit(*n.children[1], s);
  if (a == nullptr || b == nullptr) return nullptr;
  if (!Unify(a, b, *n.children[0], *n.children[1], {"compare", "phép so sánh"})) return nullptr;
  const bool ordered = n.op != Op::kEq && n.op != Op::kNe;
  if (ordered) {
    const ValueType t = a->type.base;
    const bool ok = a->type.numeric() || t == ValueType::kDate;
    if (!ok) {
      Error(DiagnosticCode::kTypeMismatch, n,
            {std::string("'") + expr::ToString(n.op) + "' needs numbers or dates, but '" + Source(*n.children[0]) +
                 "' is " + TypeName(a->type) + (t == ValueType::kEnum ? ": compare it with == or use 'in [...]'" : ""),
             std::string("'") + expr::ToString(n.op) + "' cần số hoặc ngày, nhưng '" + Source(*n.children[0]) +
                 "' là " + TypeNameVi(a->type) + (t == ValueType::kEnum ? ": so sánh bằng == hoặc dùng 'in [...]'" : "")});
      return nullptr;
    }
  }
  if (a->type.base == ValueType::kSet) {
    Error(DiagnosticCode::kTypeMismatch, n,
          {"sets cannot be compared with " + std::string(expr::ToString(n.op)) +
               ": test a value with 'in', or count with size(...)",
           "không so sánh tập hợp bằng " + std::string(expr::ToString(n.op)) +
               " được: kiểm tra một giá trị bằng 'in', hoặc đếm bằng size(...)"});
    return nullptr;
  }
  IrNode* node = NewNode(IrKind::kBinary, Type{ValueType::kBool}, MaxLevel(a->level, b->level), n);
  node->op = n.op;
  node->args = {a, b};
  return node;
}

IrNode* ExprChecker::VisitArithmetic(const Node& n, const Scope& s) {
  IrNode* a = Visit(*n.children[0], s);
  IrNode* b = Visit(*n.children[1], s);
  if (a == nullptr || b == nullptr) return nullptr;
  const std::string op = expr::ToString(n.op);
  for (int i = 0; i < 2; ++i) {
    IrNode* x = i == 0 ? a : b;
    if (!x->type.numeric()) {
      Error(DiagnosticCode::kTypeMismatch, *n.children[i],
            {"'" + op + "' needs numbers, but '" + Source(*n.children[i]) + "' is " + TypeName(x->type) +
                 (x->type.base == ValueType::kDate ? ": use months_between, years_between or days_between for dates" : ""),
             "'" + op + "' cần số, nhưng '" + Source(*n.children[i]) + "' là " + TypeNameVi(x->type) +
                 (x->type.base == ValueType::kDate ? ": với ngày tháng hãy dùng months_between, years_between hoặc days_between"
                                                   : "")});
      return nullptr;
    }
  }
  const ValueType ta = a->type.base, tb = b->type.base;
  const bool ma = ta == ValueType::kMoney, mb = tb == ValueType::kMoney;
  ValueType result;
  switch (n.op) {
    case Op::kAdd:
    case Op::kSub:
      result = (ma || mb) ? ValueType::kMoney
               : (ta == ValueType::kDecimal || tb == ValueType::kDecimal) ? ValueType::kDecimal
                                                                           : ValueType::kInt;
      break;
    case Op::kMul:
      if (ma && mb) {
        Error(DiagnosticCode::kTypeMismatch, n,
              {"money cannot be multiplied by money: multiply an amount by a number or a coefficient (1.5 * param.base)",
               "không nhân tiền với tiền: nhân số tiền với một số hoặc một hệ số (1.5 * param.base)"});
        return nullptr;
      }
      result = (ma || mb) ? ValueType::kMoney
               : (ta == ValueType::kInt && tb == ValueType::kInt) ? ValueType::kInt
                                                                   : ValueType::kDecimal;
      break;
    default:  // kDiv
      if (!ma && mb) {
        Error(DiagnosticCode::kTypeMismatch, n, {"a number cannot be divided by money", "không chia một số cho tiền"});
        return nullptr;
      }
      result = (ma && mb) ? ValueType::kDecimal : ma ? ValueType::kMoney : ValueType::kDecimal;
      break;
  }
  // Operands of + and - share the result's scale; * and / keep an int operand unscaled
  // (the evaluator multiplies/divides a scaled value by a plain integer exactly).
  if (n.op == Op::kAdd || n.op == Op::kSub) {
    if (result != ValueType::kInt) {
      if (ta == ValueType::kInt) a = CastToScaled(a, result);
      if (tb == ValueType::kInt) b = CastToScaled(b, result);
    }
  } else if (n.op == Op::kDiv && ta == ValueType::kInt && tb == ValueType::kInt) {
    a = CastToScaled(a, ValueType::kDecimal);
  }
  IrNode* node = NewNode(IrKind::kBinary, Type{result}, MaxLevel(a->level, b->level), n);
  node->op = n.op;
  node->args = {a, b};
  return node;
}

IrNode* ExprChecker::VisitMembership(const Node& n, const Scope& s) {
  IrNode* a = Visit(*n.children[0], s);
  IrNode* b = Visit(*n.children[1], s);
  if (a == nullptr || b == nullptr) return nullptr;
  const Node& na = *n.children[0];
  const Node& nb = *n.children[1];
  if (b->type.base == ValueType::kSet && !b->type.list) {
    const Type elem{ValueType::kEnum, b->type.enum_id};
    a = Coerce(a, elem, na, {"look up in " + Source(nb), "phép tra trong " + Source(nb)});
    if (a == nullptr) return nullptr;
  } else if (b->type.list) {
    if (a->type.list || a->type.base == ValueType::kSet) {
      Error(DiagnosticCode::kTypeMismatch, na,
            {"left of 'in' must be a single value", "bên trái 'in' phải là một giá trị đơn"});
      return nullptr;
    }
    // Type every list item against the left side.
    for (IrNode*& item : b->args) {
      IrNode* left = a;
      if (IsStringLiteral(a) && !IsStringLiteral(item)) {
        Error(DiagnosticCode::kTypeMismatch, na,
              {"compare a field with the list, not a text", "so sánh một trường với danh sách, không phải một văn bản"});
        return nullptr;
      }
      if (!Unify(left, item, na, nb, {"look up in the list", "phép tra trong danh sách"})) return nullptr;
      a = left;
    }
    if (!b->args.empty()) b->type = Type{b->args[0]->type.base, b->args[0]->type.enum_id, true};
    // A numeric left side may have been cast by Unify against the first item;
    // cast the rest to the same scale.
    for (IrNode*& item : b->args) {
      if (a->type.scaled() && item->type.base == ValueType::kInt) item = CastToScaled(item, a->type.base);
    }
  } else {
    Error(DiagnosticCode::kTypeMismatch, nb,
          {"right of 'in' must be a list such as [\"poor\", \"near_poor\"] or a set field, but '" + Source(nb) +
               "' is " + TypeName(b->type),
           "bên phải 'in' phải là một danh sách như [\"poor\", \"near_poor\"] hoặc một trường tập hợp, nhưng '" +
               Source(nb) + "' là " + TypeNameVi(b->type)});
    return nullptr;
  }
  IrNode* node = NewNode(IrKind::kBinary, Type{ValueType::kBool}, MaxLevel(a->level, b->level), n);
  node->op = n.op;
  node->args = {a, b};
  return node;
}

IrNode* ExprChecker::VisitIf(const Node& n, const Scope& s) {
  IrNode* c = Visit(*n.children[0], s);
  IrNode* a = Visit(*n.children[1], s);
  IrNode* b = Visit(*n.children[2], s);
  if (c == nullptr || a == nullptr || b == nullptr) return nullptr;
  c = Coerce(c, Type{ValueType::kBool}, *n.children[0], {"the condition of 'if'", "điều kiện của 'if'"});
  if (c == nullptr) return nullptr;
  if (!Unify(a, b, *n.children[1], *n.children[2], {"choose between", "việc chọn giữa hai nhánh"})) return nullptr;
  IrNode* node = NewNode(IrKind::kIf, a->type, MaxLevel(c->level, MaxLevel(a->level, b->level)), n);
  node->args = {c, a, b};
  return node;
}

}  // namespace ansinh::check
