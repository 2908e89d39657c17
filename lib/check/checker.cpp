// Check(): the stage between loading and planning. Builds the schema, types
// every expression, resolves groups, and orders the items by dependency.
#include <algorithm>
#include <set>
#include <tuple>

#include "check/checked.hpp"
#include "check/lint.hpp"
#include "check/deps_graph.hpp"
#include "check/expr_checker.hpp"
#include "common/text_safety.hpp"

namespace ansinh::check {
namespace {

using internal::DiagnosticSink;

const char* const kReservedNames[] = {"id",   "members", "household", "param", "as_of", "period_start",
                                      "period_end", "and", "or", "not", "in", "if", "then", "else", "true", "false"};

// "household" / "person" in Vietnamese, for messages.
std::string EntityVi(Entity e) { return e == Entity::kHousehold ? "hộ" : "người"; }

bool IsReserved(const std::string& name) {
  return std::any_of(std::begin(kReservedNames), std::end(kReservedNames), [&](const char* r) { return name == r; });
}

class Checker {
 public:
  Checker(const model::LoadedTree& tree, const LoadOptions& options, DiagnosticSink& sink)
      : tree_(tree), sink_(sink), out_(std::make_unique<CheckedPackage>()) {
    parse_options_.max_depth = options.max_expression_depth;
    parse_options_.max_length = static_cast<uint32_t>(options.max_expression_bytes);
    out_->package = &tree.package;
    out_->sources = &tree.sources;
  }

  std::unique_ptr<CheckedPackage> Run() {
    CheckUnits(pkg(), sink_, *out_);  // before expressions: in_unit() names units
    BuildSchema();
    BuildParams();
    DeclareVariables();
    DeclareBenefitsAndGroups();
    ExprChecker checker(*out_, names_, sink_, parse_options_);
    graph_.Resize(*out_);
    CheckVariables(checker);
    CheckBenefits(checker);
    CheckChecks(checker);
    CheckIndicators(checker);
    CheckTests();
    CheckParamsInForce();
    // The static checks judge a package that loaded cleanly: over a value that could not be
    // read (an error already) they would only repeat it as a gap or a constant condition.
    if (!sink_.has_errors() && !HasErrors(tree_.diagnostics)) LintPackage(*out_, sink_);
    // An expression that could not be read may well use the parameter.
    if (checker.all_read()) WarnUnusedParams();
    out_->order = graph_.Order(*out_, sink_);
    return std::move(out_);
  }

 private:
  const model::Package& pkg() const { return tree_.package; }

  // --- schema ---------------------------------------------------------------
  int NewEnum(const std::string& name, const std::vector<std::string>& values, const std::vector<Label>& labels) {
    EnumDef e;
    e.name = name;
    e.values = values;
    e.labels = labels;
    e.labels.resize(values.size());
    out_->enums.push_back(std::move(e));
    return static_cast<int>(out_->enums.size() - 1);
  }

  void BuildSchema() {
    for (Entity entity : {Entity::kHousehold, Entity::kPerson}) {
      auto& fields = entity == Entity::kHousehold ? out_->schema.household : out_->schema.person;
      auto& types = entity == Entity::kHousehold ? out_->household_types : out_->person_types;
      auto& index = entity == Entity::kHousehold ? out_->schema.household_index : out_->schema.person_index;
      internal::CompiledField id;
      id.name = "id";
      id.entity = entity;
      id.type = ValueType::kString;
      id.label = entity == Entity::kHousehold ? Label{"Mã hộ", "Household id"} : Label{"Mã thành viên", "Person id"};
      fields.push_back(id);
      types.push_back(Type{ValueType::kString});
      index["id"] = 0;
      for (const model::FieldDef& f : pkg().fields) {
        if (f.entity != entity) continue;
        if (IsReserved(f.name)) {
          sink_.Error(DiagnosticCode::kBadIdentifier, f.loc,
                      {"'" + f.name + "' is a reserved word and cannot name a field: choose another name",
                       "'" + f.name + "' là từ khóa, không dùng làm tên trường được: hãy chọn tên khác"},
                      static_cast<uint32_t>(f.name.size()));
          continue;
        }
        if (index.count(f.name)) {
          sink_.Error(DiagnosticCode::kDuplicateId, f.loc,
                      {"the " + std::string(ToString(entity)) + " field '" + f.name + "' is defined twice",
                       "trường '" + f.name + "' của " + EntityVi(entity) + " được khai báo hai lần"},
                      static_cast<uint32_t>(f.name.size()));
          continue;
        }
        internal::CompiledField cf;
        static_cast<FieldInfo&>(cf) = f;  // the description as declared
        cf.value_labels.resize(f.values.size());
        Type t{f.type};
        if (f.type == ValueType::kEnum || f.type == ValueType::kSet) {
          if (f.values.empty()) {
            sink_.Error(DiagnosticCode::kMissingKey, f.loc,
                        {"field '" + f.name + "' of type " + ToString(f.type) + " needs its values: values: [a, b, ...]",
                         "trường '" + f.name + "' kiểu " + ToString(f.type) +
                             " cần danh sách giá trị: values: [a, b, ...]"});
          }
          if (f.type == ValueType::kSet && f.values.size() > 64) {
            sink_.Error(DiagnosticCode::kLimit, f.loc,
                        {"a set field can have at most 64 values", "trường tập hợp có tối đa 64 giá trị"});
          }
          t.enum_id = NewEnum(std::string(ToString(entity)) + "." + f.name, f.values, f.value_labels);
        }
        if (f.default_input) {
          if (auto raw = DefaultRaw(cf, *f.default_input)) {
            cf.has_default = true;
            cf.default_raw = *raw;
          } else {
            sink_.Error(DiagnosticCode::kWrongType, f.default_loc,
                        {"the default " + f.default_input->ToString() + " is not a valid " + ToString(f.type) +
                             " for field '" + f.name + "'",
                         "giá trị mặc định " + f.default_input->ToString() + " không phải " + ToString(f.type) +
                             " hợp lệ cho trường '" + f.name + "'"});
          }
        }
        index[f.name] = static_cast<int>(fields.size());
        fields.push_back(std::move(cf));
        types.push_back(t);
      }
    }
  }

  static std::optional<int64_t> DefaultRaw(const internal::CompiledField& f, const InputValue& v) {
    using K = InputValue::Kind;
    switch (f.type) {
      case ValueType::kBool:
        if (v.kind() == K::kBool) return v.as_bool() ? 1 : 0;
        return std::nullopt;
      case ValueType::kInt:
        if (v.kind() == K::kInt) return v.as_int();
        return std::nullopt;
      case ValueType::kMoney:
      case ValueType::kDecimal:
        if (v.kind() == K::kInt || v.kind() == K::kDecimal) {
          if (v.kind() == K::kInt && (v.as_int() > INT64_MAX / Decimal::kScale || v.as_int() < INT64_MIN / Decimal::kScale)) {
            return std::nullopt;
          }
          return v.as_decimal().millionths();
        }
        return std::nullopt;
      case ValueType::kDate:
        if (v.kind() == K::kText) {
          if (auto d = Date::Parse(v.as_text())) return d->days();
        }
        return std::nullopt;
      case ValueType::kEnum:
        if (v.kind() == K::kText) {
          const int i = f.ValueIndex(v.as_text());
          if (i >= 0) return i;
        }
        return std::nullopt;
      case ValueType::kSet: {
        if (v.kind() != K::kList) return std::nullopt;
        int64_t mask = 0;
        for (const std::string& item : v.as_list()) {
          const int i = f.ValueIndex(item);
          if (i < 0) return std::nullopt;
          mask |= int64_t{1} << i;
        }
        return mask;
      }
      case ValueType::kString: return std::nullopt;  // strings have no defaults
    }
    return std::nullopt;
  }

  // --- parameters -------------------------------------------------------------
  void BuildParams() {
    for (const model::ParamDef& p : pkg().parameters) {
      if (names_.params.count(p.name)) {
        sink_.Error(DiagnosticCode::kDuplicateId, p.loc,
                    {"parameter '" + p.name + "' is defined twice", "tham số '" + p.name + "' được khai báo hai lần"},
                    static_cast<uint32_t>(p.name.size()));
        continue;
      }
      CheckedParam cp;
      cp.def = &p;
      cp.type = Type{p.type};
      if (p.type != ValueType::kMoney && p.type != ValueType::kDecimal && p.type != ValueType::kInt) {
        sink_.Error(DiagnosticCode::kBadValue, p.loc,
                    {"parameter '" + p.name + "' must be money, decimal or int",
                     "tham số '" + p.name + "' phải có kiểu money, decimal hoặc int"});
        continue;
      }
      if (p.type == ValueType::kInt) {
        // Integer parameters are stored scaled like decimals would be; check integrality.
        for (const model::ParamStep& step : p.steps) {
          auto integral = [](const std::optional<Decimal>& d) { return !d || d->is_integer(); };
          bool ok = integral(step.scalar);
          for (const auto& c : step.cells) ok = ok && integral(c.value);
          if (!ok) {
            sink_.Error(DiagnosticCode::kBadNumber, step.loc,
                        {"parameter '" + p.name + "' is an int: whole numbers only",
                         "tham số '" + p.name + "' có kiểu int: chỉ ghi số nguyên"});
          }
        }
      }
      names_.params[p.name] = static_cast<int>(out_->params.size());
      out_->params.push_back(cp);
    }
  }

  // --- declarations (so that expressions can refer to anything) ---------------------
  void DeclareVariables() {
    for (const model::VariableDef& v : pkg().variables) {
      auto& table = v.entity == Entity::kHousehold ? names_.household_variables : names_.person_variables;
      if (IsReserved(v.name)) {
        sink_.Error(DiagnosticCode::kBadIdentifier, v.loc,
                    {"'" + v.name + "' is a reserved word and cannot name a variable",
                     "'" + v.name + "' là từ khóa, không dùng làm tên biến được"});
        continue;
      }
      if (out_->schema.IndexOf(v.entity, v.name) >= 0) {
        sink_.Error(DiagnosticCode::kDuplicateId, v.loc,
                    {"variable '" + v.name + "' has the name of a " + ToString(v.entity) + " field: choose another name",
                     "biến '" + v.name + "' trùng tên một trường của " + EntityVi(v.entity) + ": hãy chọn tên khác"},
                    static_cast<uint32_t>(v.name.size()));
        continue;
      }
      if (table.count(v.name)) {
        sink_.Error(DiagnosticCode::kDuplicateId, v.loc,
                    {"variable '" + v.name + "' is defined twice", "biến '" + v.name + "' được khai báo hai lần"},
                    static_cast<uint32_t>(v.name.size()));
        continue;
      }
      CheckedVariable cv;
      cv.def = &v;
      cv.entity = v.entity;
      cv.type = Type{v.type};
      if (v.type == ValueType::kEnum || v.type == ValueType::kSet) {
        if (v.values.empty()) {
          sink_.Error(DiagnosticCode::kMissingKey, v.loc,
                      {"variable '" + v.name + "' of type " + ToString(v.type) + " needs its values: values: [a, b, ...]",
                       "biến '" + v.name + "' kiểu " + ToString(v.type) + " cần danh sách giá trị: values: [a, b, ...]"});
        }
        cv.type.enum_id = NewEnum(std::string(ToString(v.entity)) + "." + v.name, v.values, v.value_labels);
      }
      if (v.type == ValueType::kString) {
        sink_.Error(DiagnosticCode::kBadValue, v.loc,
                    {"variables cannot be texts: use an enum with its values",
                     "biến không được là văn bản: dùng kiểu enum với danh sách giá trị"});
        continue;
      }
      table[v.name] = static_cast<int>(out_->variables.size());
      out_->variables.push_back(std::move(cv));
    }
  }

  void DeclareBenefitsAndGroups() {
    for (const model::GroupDef& g : pkg().groups) {
      if (names_.groups.count(g.id)) {
        sink_.Error(DiagnosticCode::kDuplicateId, g.loc,
                    {"group '" + g.id + "' is defined twice", "nhóm '" + g.id + "' được khai báo hai lần"});
        continue;
      }
      CheckedGroup cg;
      cg.def = &g;
      names_.groups[g.id] = static_cast<int>(out_->groups.size());
      out_->groups.push_back(cg);
    }
    std::vector<std::string> group_ids;
    for (const auto& [id, i] : names_.groups) group_ids.push_back(id);
    std::sort(group_ids.begin(), group_ids.end());
    std::vector<const model::BenefitDef*> sorted;
    for (const model::BenefitDef& b : pkg().benefits) sorted.push_back(&b);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const model::BenefitDef* a, const model::BenefitDef* b) { return a->order < b->order; });
    for (const model::BenefitDef* b : sorted) {
      if (names_.benefits.count(b->id) || names_.groups.count(b->id)) {
        sink_.Error(DiagnosticCode::kDuplicateId, b->loc,
                    {"the id '" + b->id + "' is used twice (benefits and groups share ids)",
                     "mã '" + b->id + "' bị dùng hai lần (chế độ và nhóm dùng chung một bộ mã)"});
        continue;
      }
      CheckedBenefit cb;
      cb.def = b;
      cb.level = b->applies_to == Entity::kHousehold ? Level::kHousehold : Level::kPerson;
      cb.adds_to_group = b->adds_to_group;
      const int index = static_cast<int>(out_->benefits.size());
      if (!b->group.empty()) {
        auto it = names_.groups.find(b->group);
        if (it == names_.groups.end()) {
          sink_.Error(DiagnosticCode::kUnknownGroup, b->group_loc,
                      internal::WithSuggestion(
                          internal::Message{"no group is called '" + b->group + "': declare it under `groups:`.",
                                            "không có nhóm nào tên '" + b->group + "': hãy khai báo trong `groups:`."},
                          b->group, group_ids),
                      static_cast<uint32_t>(b->group.size()));
        } else {
          cb.group = it->second;
          CheckedGroup& g = out_->groups[it->second];
          (b->adds_to_group ? g.adders : g.competing).push_back(index);
        }
      }
      if (!b->exclusive_among.empty()) {
        cb.exclusive = true;
        if (b->applies_to != Entity::kPerson) {
          sink_.Error(DiagnosticCode::kBadValue, b->exclusive_loc,
                      {"benefit '" + b->id + "' is a household benefit; 'exclusive' chooses one member of the "
                           "household, so it needs applies_to: person",
                       "chế độ '" + b->id + "' là chế độ của hộ; 'exclusive' chọn một thành viên trong hộ, "
                           "nên cần applies_to: person"},
                      static_cast<uint32_t>(std::string_view("exclusive").size()));
        } else if (!b->group.empty()) {
          sink_.Error(DiagnosticCode::kBadValue, b->exclusive_loc,
                      {"benefit '" + b->id + "' has both '" + (b->adds_to_group ? "adds_to" : "group") +
                           "' and 'exclusive'; a benefit paid to one member of the household cannot also "
                           "compete in a group",
                       "chế độ '" + b->id + "' ghi cả '" + (b->adds_to_group ? "adds_to" : "group") +
                           "' và 'exclusive'; chế độ chỉ trả cho một thành viên của hộ thì không so cùng một nhóm được"},
                      static_cast<uint32_t>(std::string_view("exclusive").size()));
        }
      }
      names_.benefits[b->id] = index;
      out_->benefits.push_back(std::move(cb));
    }
    for (CheckedGroup& g : out_->groups) OrderAndValidateGroup(g);
  }

  void OrderAndValidateGroup(CheckedGroup& g) {
    const model::GroupDef& def = *g.def;
    if (def.policy != "highest") {
      sink_.Error(DiagnosticCode::kBadValue, def.loc,
                  {"group '" + def.id + "': the only policy is 'highest'",
                   "nhóm '" + def.id + "': cách chọn duy nhất là 'highest'"});
    }
    if (!def.order.empty()) {
      std::vector<int> ordered;
      for (size_t i = 0; i < def.order.size(); ++i) {
        const std::string& id = def.order[i];
        const internal::Loc loc = i < def.order_locs.size() ? def.order_locs[i] : def.loc;
        auto it = names_.benefits.find(id);
        if (it == names_.benefits.end() ||
            std::find(g.competing.begin(), g.competing.end(), it->second) == g.competing.end()) {
          std::vector<std::string> ids;
          for (int b : g.competing) ids.push_back(out_->benefits[b].def->id);
          sink_.Error(DiagnosticCode::kUnknownBenefit, loc,
                      internal::WithSuggestion(
                          internal::Message{"'" + id + "' is not a benefit of group '" + def.id + "'.",
                                            "'" + id + "' không phải một chế độ của nhóm '" + def.id + "'."},
                          id, ids),
                      static_cast<uint32_t>(id.size()));
          continue;
        }
        ordered.push_back(it->second);
      }
      for (int b : g.competing) {  // those not listed keep declaration order, after the listed ones
        if (std::find(ordered.begin(), ordered.end(), b) == ordered.end()) ordered.push_back(b);
      }
      g.competing = ordered;
    }
    const model::BenefitDef* first = nullptr;
    for (int b : g.competing) {
      const model::BenefitDef* d = out_->benefits[b].def;
      if (first == nullptr) {
        first = d;
        g.level = out_->benefits[b].level;
        continue;
      }
      if (d->applies_to != first->applies_to || d->unit != first->unit || d->frequency != first->frequency) {
        sink_.Error(DiagnosticCode::kGroupMismatch, d->group_loc,
                    {"benefit '" + d->id + "' cannot compete with '" + first->id + "' in group '" + def.id +
                         "': benefits of one group must have the same applies_to, unit and frequency",
                     "chế độ '" + d->id + "' không so được với '" + first->id + "' trong nhóm '" + def.id +
                         "': các chế độ của một nhóm phải cùng applies_to, unit và frequency"},
                    static_cast<uint32_t>(d->group.size()));
      }
    }
    for (int b : g.adders) {
      const model::BenefitDef* d = out_->benefits[b].def;
      if (first != nullptr && d->applies_to != first->applies_to) {
        sink_.Error(DiagnosticCode::kGroupMismatch, d->group_loc,
                    {"benefit '" + d->id + "' adds to group '" + def.id + "' but applies to a different entity",
                     "chế độ '" + d->id + "' cộng vào nhóm '" + def.id + "' nhưng áp dụng cho đối tượng khác (hộ/người)"});
      }
      if (first == nullptr) g.level = out_->benefits[b].level;
    }
  }

  // --- expressions -----------------------------------------------------------------
  void CheckVariables(ExprChecker& checker) {
    for (size_t i = 0; i < out_->variables.size(); ++i) {
      CheckedVariable& v = out_->variables[i];
      Deps deps;
      v.formula = checker.Check(v.def->formula, v.entity, &v.type, &deps,
                                {"variable '" + v.def->name + "'", "biến '" + v.def->name + "'"});
      graph_.Set(Item{Item::Kind::kVariable, static_cast<int>(i)}, deps);
    }
  }

  // Every name of a version's `for:` is one of its conditions (a name the
  // versions inherit is reported once, at the benefit's `for:`).
  void CheckTarget(const model::BenefitDef& b, const model::BenefitVersion& v) {
    for (const model::TargetRef& t : v.target) {
      const bool found = std::any_of(v.when.begin(), v.when.end(),
                                     [&](const model::Condition& c) { return c.name == t.name; });
      if (found || !reported_targets_.insert({t.loc.file, t.loc.line, t.loc.column}).second) continue;
      std::vector<std::string> names;
      for (const model::Condition& c : v.when) names.push_back(c.name);
      const std::string which =
          b.versions.size() > 1 ? "the version of " + b.id + " from " + v.from.ToString() : b.id;
      const std::string which_vi =
          b.versions.size() > 1 ? "phiên bản từ " + v.from.ToString() + " của " + b.id : b.id;
      sink_.Error(DiagnosticCode::kUnknownName, t.loc,
                  internal::WithSuggestion(
                      internal::Message{"'for' names '" + t.name + "', which is not a condition of " + which +
                                            " ('for' lists the conditions of `when` that say whom the "
                                            "benefit is for).",
                                        "'for' ghi '" + t.name + "', không phải một điều kiện của " + which_vi +
                                            " ('for' liệt kê các điều kiện trong `when` cho biết chế độ dành cho ai)."},
                      t.name, names),
                  static_cast<uint32_t>(t.name.size()));
    }
  }

  void CheckBenefits(ExprChecker& checker) {
    for (size_t i = 0; i < out_->benefits.size(); ++i) {
      CheckedBenefit& b = out_->benefits[i];
      const Entity e = b.def->applies_to;
      const Type amount_type{b.def->unit == BenefitUnit::kMoney ? ValueType::kMoney : ValueType::kDecimal};
      Deps deps;
      for (const model::BenefitVersion& v : b.def->versions) {
        CheckedVersion cv;
        cv.def = &v;
        for (const model::Condition& c : v.when) {
          CheckedCondition cc;
          cc.def = &c;
          const Type boolean{ValueType::kBool};
          cc.test = checker.Check(c.test, e, &boolean, &deps,
                                  {"condition '" + c.name + "' of " + b.def->id,
                                   "điều kiện '" + c.name + "' của " + b.def->id});
          cv.conditions.push_back(cc);
        }
        CheckTarget(*b.def, v);
        cv.amount = checker.Check(v.amount, e, &amount_type, &deps,
                                {"amount of " + b.def->id, "mức hưởng của " + b.def->id});
        b.versions.push_back(std::move(cv));
      }
      const Type boolean{ValueType::kBool};
      if (b.exclusive && !b.def->exclusive_between.empty()) {
        b.between = checker.Check(b.def->exclusive_between, e, &boolean, &deps,
                                  {"'between' of " + b.def->id, "'between' của " + b.def->id});
      }
      if (b.exclusive && !b.def->exclusive_prefer.empty()) {
        b.prefer = checker.Check(b.def->exclusive_prefer, e, &boolean, &deps,
                                 {"'prefer' of " + b.def->id, "'prefer' của " + b.def->id});
      }
      version_params_.push_back(deps.params);
      graph_.Set(Item{Item::Kind::kBenefit, static_cast<int>(i)}, deps);
    }
    for (size_t g = 0; g < out_->groups.size(); ++g) {
      Deps deps;
      deps.benefits = out_->groups[g].competing;
      graph_.Set(Item{Item::Kind::kGroup, static_cast<int>(g)}, deps);
    }
  }

  void CheckChecks(ExprChecker& checker) {
    std::set<std::string> ids;
    for (const model::CheckDef& c : pkg().checks) {
      if (!ids.insert(c.id).second) {
        sink_.Error(DiagnosticCode::kDuplicateId, c.loc,
                    {"check '" + c.id + "' is defined twice", "phép kiểm tra '" + c.id + "' được khai báo hai lần"});
        continue;
      }
      CheckedCheck cc;
      cc.def = &c;
      Deps deps;
      const Type boolean{ValueType::kBool};
      cc.when = checker.Check(c.when, c.applies_to, &boolean, &deps,
                              {"check '" + c.id + "'", "phép kiểm tra '" + c.id + "'"});
      if (!c.field.empty() && out_->schema.IndexOf(c.applies_to, c.field) < 0) {
        sink_.Error(DiagnosticCode::kUnknownName, c.loc,
                    {"check '" + c.id + "' names the field '" + c.field + "', which the " + ToString(c.applies_to) +
                         " does not have",
                     "phép kiểm tra '" + c.id + "' ghi trường '" + c.field + "', mà " + EntityVi(c.applies_to) +
                         " không có"});
      }
      graph_.Set(Item{Item::Kind::kCheck, static_cast<int>(out_->checks.size())}, deps);
      out_->checks.push_back(cc);
    }
    AddNotEncodedChecks(checker);
  }

  // A schema value marked `not_encoded:` names a category that no benefit of the
  // package covers: a record holding it gets the warning R_NOT_ENCODED, whose
  // message gives the category and the reason, so that the case is decided by hand.
  void AddNotEncodedChecks(ExprChecker& checker) {
    for (const model::FieldDef& f : pkg().fields) {
      for (size_t i = 0; i < f.value_not_encoded.size(); ++i) {
        const Label& why = f.value_not_encoded[i];
        if (why.vi.empty() && why.en.empty()) continue;
        model::CheckDef& c = out_->not_encoded_checks.emplace_back();
        c.id = "R_NOT_ENCODED";
        c.applies_to = f.entity;
        c.severity = Severity::kWarning;
        c.field = f.name;
        const std::string& v = f.values[i];
        c.when.text = f.type == ValueType::kSet ? "\"" + v + "\" in " + f.name : f.name + " == \"" + v + "\"";
        c.when.loc = i < f.value_locs.size() ? f.value_locs[i] : f.loc;
        c.loc = c.when.loc;
        const Label& value = f.value_labels[i];
        const std::string vi_name = value.vi.empty() ? v : value.vi, en_name = value.en.empty() ? vi_name : value.en;
        c.message.vi = "Diện \"" + vi_name + "\" chưa được gói quy tắc tính" +
                       (why.vi.empty() ? std::string() : ": " + why.vi) + ". Cần xét thủ công.";
        c.message.en = "The category \"" + en_name + "\" is not computed by the rule package" +
                       (why.en.empty() ? (why.vi.empty() ? std::string() : ": " + why.vi) : ": " + why.en) +
                       ". Decide it by hand.";
        CheckedCheck cc;
        cc.def = &c;
        Deps deps;
        const Type boolean{ValueType::kBool};
        cc.when = checker.Check(c.when, c.applies_to, &boolean, &deps,
                                {"the not_encoded value '" + v + "' of " + f.name,
                                 "giá trị not_encoded '" + v + "' của " + f.name});
        graph_.Set(Item{Item::Kind::kCheck, static_cast<int>(out_->checks.size())}, deps);
        out_->checks.push_back(cc);
      }
    }
  }

  void CheckIndicators(ExprChecker& checker) {
    std::set<std::string> ids;
    for (const model::IndicatorDef& ind : pkg().indicators) {
      if (!ids.insert(ind.id).second) {
        sink_.Error(DiagnosticCode::kDuplicateId, ind.loc,
                    {"indicator '" + ind.id + "' is defined twice", "chỉ số '" + ind.id + "' được khai báo hai lần"});
        continue;
      }
      CheckedIndicator ci;
      ci.def = &ind;
      Deps deps;
      const Type boolean{ValueType::kBool};
      if (!ind.filter.empty()) {
        ci.filter = checker.Check(ind.filter, ind.population, &boolean, &deps,
                                  {"filter of indicator '" + ind.id + "'", "bộ lọc của chỉ số '" + ind.id + "'"});
      }
      ci.numerator = checker.Check(ind.numerator, ind.population, &boolean, &deps,
                                   {"indicator '" + ind.id + "'", "chỉ số '" + ind.id + "'"});
      graph_.Set(Item{Item::Kind::kIndicator, static_cast<int>(out_->indicators.size())}, deps);
      out_->indicators.push_back(ci);
    }
  }

  void CheckTests();
  void CheckTestFields(const model::TestCase& t);
  void CheckParamsInForce();
  void WarnUnusedParams();

  const model::LoadedTree& tree_;
  DiagnosticSink& sink_;
  std::unique_ptr<CheckedPackage> out_;
  NameTables names_;
  expr::ParseOptions parse_options_;
  DepsGraph graph_;
  std::vector<std::vector<int>> version_params_;  // per benefit: parameters used directly
  std::set<std::tuple<uint32_t, uint32_t, uint32_t>> reported_targets_;  // `for:` names reported (file, line, col)
};

// The fields of a test household: names the schema has (a misspelt field
// would only make the test fail, or pass for the wrong reason), and amounts of
// money not grouped in thousands (`560.000` would be 560 VND).
void Checker::CheckTestFields(const model::TestCase& t) {
  for (const model::TestField& f : t.fields) {
    const Entity entity = f.person.empty() ? Entity::kHousehold : Entity::kPerson;
    const std::vector<internal::CompiledField>& fields =
        entity == Entity::kHousehold ? out_->schema.household : out_->schema.person;
    const int index = out_->schema.IndexOf(entity, f.name);
    if (index < 0) {
      std::vector<std::string> names;
      for (const internal::CompiledField& c : fields) names.push_back(c.name);
      const std::string who_en = f.person.empty() ? "the household" : "member '" + f.person + "'";
      const std::string who_vi = f.person.empty() ? "hộ" : "thành viên '" + f.person + "'";
      const std::string entity_en = f.person.empty() ? "household" : "person";
      const std::string entity_vi = f.person.empty() ? "hộ" : "người";
      sink_.Error(DiagnosticCode::kTestInvalid, f.loc,
                  internal::WithSuggestion(
                      internal::Message("test '" + t.name + "': " + who_en + " has a field '" + f.name +
                                            "' that the schema does not have for a " + entity_en + ".",
                                        "bài kiểm tra '" + t.name + "': " + who_vi + " có trường '" + f.name +
                                            "' mà lược đồ dữ liệu không có cho " + entity_vi + "."),
                      f.name, names),
                  f.length);
      continue;
    }
    if (fields[static_cast<size_t>(index)].type != ValueType::kMoney || f.plain_text.empty()) continue;
    const std::string digits = internal::ThousandsGroupedDigits(f.plain_text);
    if (digits.empty()) continue;
    sink_.Error(DiagnosticCode::kBadNumber, f.value_loc,
                internal::Message("'" + f.plain_text + "' is an amount of money written with a thousands separator (" +
                                      f.name + "); write " + digits + " (no dots or commas; 1_500_000 is also allowed)",
                                  "'" + f.plain_text + "' là số tiền viết có dấu phân cách hàng nghìn (" + f.name +
                                      "); hãy viết " + digits +
                                      " (không dấu chấm, dấu phẩy; có thể viết 1_500_000)"),
                f.value_length);
  }
}

void Checker::CheckTests() {
  static const char* kStatuses[] = {"eligible", "not_eligible", "undetermined", "superseded", "not_in_force"};
  std::vector<std::string> benefit_ids;
  for (const auto& [id, i] : names_.benefits) benefit_ids.push_back(id);
  std::sort(benefit_ids.begin(), benefit_ids.end());
  for (const model::TestCase& t : pkg().tests) {
    CheckTestFields(t);
    auto has_member = [&](const std::string& id) {
      return std::any_of(t.household.members.begin(), t.household.members.end(),
                         [&](const Person& p) { return p.id == id; });
    };
    for (const model::ExpectedBenefit& e : t.benefits) {
      auto it = names_.benefits.find(e.benefit);
      if (it == names_.benefits.end()) {
        sink_.Error(DiagnosticCode::kTestInvalid, e.loc,
                    internal::WithSuggestion(
                        internal::Message("test '" + t.name + "' expects a benefit '" + e.benefit +
                                              "' that does not exist.",
                                          "bài kiểm tra '" + t.name + "' mong đợi chế độ '" + e.benefit +
                                              "' nhưng không có chế độ này."),
                        e.benefit, benefit_ids),
                    static_cast<uint32_t>(e.benefit.size()));
        continue;
      }
      const bool household_level = out_->benefits[it->second].def->applies_to == Entity::kHousehold;
      if (household_level != e.person.empty()) {
        sink_.Error(DiagnosticCode::kTestInvalid, e.loc,
                    {"benefit '" + e.benefit + "' applies to each " +
                         ToString(out_->benefits[it->second].def->applies_to) + ": expect it " +
                         (household_level ? "under expect.benefits" : "under expect.members.<person id>.benefits"),
                     "chế độ '" + e.benefit + "' xét cho từng " + (household_level ? "hộ" : "người") +
                         ": ghi kết quả mong đợi " +
                         (household_level ? "dưới expect.benefits" : "dưới expect.members.<mã người>.benefits")});
      }
      if (!e.person.empty() && !has_member(e.person)) {
        sink_.Error(DiagnosticCode::kTestInvalid, e.loc,
                    {"test '" + t.name + "' has no member '" + e.person + "'",
                     "bài kiểm tra '" + t.name + "' không có thành viên '" + e.person + "'"});
      }
      if (e.status && std::none_of(std::begin(kStatuses), std::end(kStatuses),
                                   [&](const char* s) { return *e.status == s; })) {
        sink_.Error(DiagnosticCode::kTestInvalid, e.loc,
                    {"unknown status '" + *e.status +
                         "': write eligible, not_eligible, undetermined, superseded or not_in_force",
                     "trạng thái '" + *e.status +
                         "' không có: viết eligible, not_eligible, undetermined, superseded hoặc not_in_force"});
      }
      if (e.superseded_by && !names_.benefits.count(*e.superseded_by)) {
        sink_.Error(DiagnosticCode::kTestInvalid, e.loc,
                    {"superseded_by names an unknown benefit '" + *e.superseded_by + "'",
                     "superseded_by ghi chế độ '" + *e.superseded_by + "' không có"});
      }
      if (e.superseded_by_member && *e.superseded_by_member != "null" && !has_member(*e.superseded_by_member)) {
        sink_.Error(DiagnosticCode::kTestInvalid, e.loc,
                    {"superseded_by_member names '" + *e.superseded_by_member + "', who is not a member of test '" +
                         t.name + "'",
                     "superseded_by_member ghi '" + *e.superseded_by_member +
                         "', người không phải thành viên của bài kiểm tra '" + t.name + "'"});
      }
    }
    for (const model::ExpectedVariable& v : t.variables) {
      const auto& table = v.person.empty() ? names_.household_variables : names_.person_variables;
      if (!table.count(v.name)) {
        std::vector<std::string> names;
        for (const auto& [n, i] : table) names.push_back(n);
        sink_.Error(DiagnosticCode::kTestInvalid, v.loc,
                    internal::WithSuggestion(
                        internal::Message("test '" + t.name + "' expects a variable '" + v.name + "' that the " +
                                              (v.person.empty() ? "household" : "person") + " does not have.",
                                          "bài kiểm tra '" + t.name + "' mong đợi biến '" + v.name + "' mà " +
                                              (v.person.empty() ? "hộ" : "một người") + " không có."),
                        v.name, names),
                    static_cast<uint32_t>(v.name.size()));
      }
      if (!v.person.empty() && !has_member(v.person)) {
        sink_.Error(DiagnosticCode::kTestInvalid, v.loc,
                    {"test '" + t.name + "' has no member '" + v.person + "'",
                     "bài kiểm tra '" + t.name + "' không có thành viên '" + v.person + "'"});
      }
    }
  }
}

void Checker::CheckParamsInForce() {
  // Parameters a benefit needs, directly or through variables, must have a
  // value from the day each version starts.
  const std::vector<std::vector<int>> via_variables = graph_.ParamsThroughVariables(*out_);
  for (size_t i = 0; i < out_->benefits.size(); ++i) {
    const CheckedBenefit& b = out_->benefits[i];
    std::set<int> params(version_params_[i].begin(), version_params_[i].end());
    for (int v : graph_.VariablesOf(Item{Item::Kind::kBenefit, static_cast<int>(i)})) {
      params.insert(via_variables[v].begin(), via_variables[v].end());
    }
    for (const model::BenefitVersion& v : b.def->versions) {
      for (int p : params) {
        const model::ParamDef& def = *out_->params[p].def;
        if (def.steps.empty() || def.steps.front().from > v.from) {
          sink_.Error(DiagnosticCode::kParameterNotInForce, v.loc,
                      {"benefit '" + b.def->id + "' is in force from " + v.from.ToString() + " but parameter '" +
                           def.name + "' has no value before " +
                           (def.steps.empty() ? std::string("any date") : def.steps.front().from.ToString()) +
                           ": add the value in force then, or start the benefit later",
                       "chế độ '" + b.def->id + "' có hiệu lực từ " + v.from.ToString() + " nhưng tham số '" +
                           def.name + "' chưa có mức nào" +
                           (def.steps.empty() ? std::string() : " trước " + def.steps.front().from.ToString()) +
                           ": thêm mức có hiệu lực từ ngày đó, hoặc cho chế độ bắt đầu muộn hơn"},
                      1, b.def->id);
        }
      }
    }
  }
}

void Checker::WarnUnusedParams() {
  std::vector<bool> used(out_->params.size(), false);
  for (int p : graph_.AllParams()) used[p] = true;
  for (size_t i = 0; i < used.size(); ++i) {
    if (!used[i] && !out_->params[i].def->informational) {
      const model::ParamDef& def = *out_->params[i].def;
      sink_.Warning(DiagnosticCode::kUnusedParameter, def.loc,
                    {"parameter '" + def.name + "' is not used by any rule",
                     "tham số '" + def.name + "' không được quy tắc nào dùng"},
                    static_cast<uint32_t>(def.name.size()));
    }
  }
}

}  // namespace

std::unique_ptr<CheckedPackage> Check(const model::LoadedTree& tree, const LoadOptions& options,
                                      internal::DiagnosticSink& sink) {
  Checker checker(tree, options, sink);
  return checker.Run();
}

}  // namespace ansinh::check
