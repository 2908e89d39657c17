// The planner: typed IR -> Program. Names became indices in the checker; here
// every value becomes a register at a level (household, person, pair), every
// parameter a per-use lookup table, every date a day number.
#include "plan/planner.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace ansinh::plan {
namespace {

using check::Builtin;
using check::IrKind;
using check::IrNode;
using check::Projection;
using check::Type;

class Planner {
 public:
  explicit Planner(const check::CheckedPackage& pkg) : pkg_(pkg), prog_(std::make_unique<Program>()) {
    prog_->units = &pkg.units;
  }

  std::unique_ptr<Program> Run() {
    prog_->as_of_reg = NewReg(RegKind::kAsOf, Level::kHousehold, ValueType::kDate);
    prog_->period_start_reg = NewReg(RegKind::kPeriodStart, Level::kHousehold, ValueType::kDate);
    prog_->period_end_reg = NewReg(RegKind::kPeriodEnd, Level::kHousehold, ValueType::kDate);
    prog_->variable_regs.assign(pkg_.variables.size(), -1);
    variable_params_.assign(pkg_.variables.size(), {});
    prog_->benefits.resize(pkg_.benefits.size());
    prog_->groups.resize(pkg_.groups.size());
    prog_->checks.resize(pkg_.checks.size());
    prog_->indicators.resize(pkg_.indicators.size());
    for (const check::Item& item : pkg_.order) {
      switch (item.kind) {
        case check::Item::Kind::kVariable: PlanVariable(item.index); break;
        case check::Item::Kind::kBenefit: PlanBenefit(item.index); break;
        case check::Item::Kind::kGroup: PlanGroup(item.index); break;
        case check::Item::Kind::kCheck: PlanCheck(item.index); break;
        case check::Item::Kind::kIndicator: PlanIndicator(item.index); break;
      }
    }
    for (int e = 0; e < 2; ++e) {
      const auto& fields = e == 0 ? pkg_.schema.household : pkg_.schema.person;
      for (size_t f = 0; f < fields.size(); ++f) {
        if (fields[f].type == ValueType::kDate) prog_->date_fields[e].push_back(static_cast<int32_t>(f));
      }
    }
    std::sort(change_days_.begin(), change_days_.end());
    change_days_.erase(std::unique(change_days_.begin(), change_days_.end()), change_days_.end());
    prog_->change_days = change_days_;
    prog_->every_day = pkg_.uses_days_between_as_of;
    EliminateCommonSubexpressions(*prog_);
    return std::move(prog_);
  }

 private:
  // --- registers and ops -------------------------------------------------------
  int NewReg(RegKind kind, Level level, ValueType type, int enum_id = -1) {
    RegInfo r;
    r.kind = kind;
    r.level = level;
    r.type = type;
    r.enum_id = enum_id;
    if (kind == RegKind::kOp) r.slot = prog_->slots[static_cast<int>(level)]++;
    prog_->regs.push_back(r);
    return static_cast<int>(prog_->regs.size() - 1);
  }

  int Emit(OpCode code, Level level, const Type& type, int a = -1, int b = -1, int c = -1) {
    Op op;
    op.code = code;
    op.level = level;
    op.a = a;
    op.b = b;
    op.c = c;
    op.guard = guard_;
    op.out = NewReg(RegKind::kOp, level, type.base, type.enum_id);
    prog_->ops.push_back(op);
    return op.out;
  }
  Op& Last() { return prog_->ops.back(); }

  int Const(const Type& type, int64_t value, uint8_t state = kKnown) {
    const int r = NewReg(RegKind::kConst, Level::kHousehold, type.base, type.enum_id);
    prog_->regs[r].value = value;
    prog_->regs[r].state = state;
    if (type.base == ValueType::kDate) {
      change_days_.push_back(static_cast<int32_t>(value));
      change_days_.push_back(static_cast<int32_t>(value + 1));
    }
    return r;
  }

  int FieldReg(uint8_t entity, int field) {
    auto key = std::make_pair(entity, field);
    if (auto it = fields_.find(key); it != fields_.end()) return it->second;
    const auto& f = (entity == 0 ? pkg_.schema.household : pkg_.schema.person)[field];
    const Type& t = pkg_.types(entity == 0 ? Entity::kHousehold : Entity::kPerson)[field];
    const int r = NewReg(RegKind::kField, entity == 0 ? Level::kHousehold : Level::kPerson, f.type, t.enum_id);
    prog_->regs[r].entity = entity;
    prog_->regs[r].field = field;
    fields_[key] = r;
    return r;
  }

  Level LevelOf(int reg) const { return prog_->regs[reg].level; }
  Type TypeOf(int reg) const { return Type{prog_->regs[reg].type, prog_->regs[reg].enum_id}; }

  // Moves `reg` to a higher level along `projection`.
  int Project(int reg, Projection projection) {
    OpCode code;
    Level to;
    switch (projection) {
      case Projection::kSelf: return reg;
      case Projection::kHouseholdOfPerson: code = OpCode::kGatherHP; to = Level::kPerson; break;
      case Projection::kHouseholdOfPair: code = OpCode::kGatherHPair; to = Level::kPair; break;
      case Projection::kPairPerson: code = OpCode::kGatherPPairPerson; to = Level::kPair; break;
      default: code = OpCode::kGatherPPairMember; to = Level::kPair; break;
    }
    if (LevelOf(reg) == to) return reg;
    const RegKind kind = prog_->regs[reg].kind;
    if (kind == RegKind::kConst) return reg;  // constants are valid at every level
    auto key = std::make_tuple(reg, static_cast<int>(projection), guard_);
    if (auto it = lifts_.find(key); it != lifts_.end()) return it->second;
    const int out = Emit(code, to, TypeOf(reg), reg);
    lifts_[key] = out;
    return out;
  }

  // Brings a generic value (household-level or same level) up to `level`.
  int Lift(int reg, Level level) {
    const Level from = LevelOf(reg);
    if (from == level || prog_->regs[reg].kind == RegKind::kConst) return reg;
    if (from == Level::kHousehold) {
      return Project(reg, level == Level::kPerson ? Projection::kHouseholdOfPerson : Projection::kHouseholdOfPair);
    }
    return Project(reg, Projection::kPairPerson);  // person -> pair: the pair's person
  }

  int Day(Level level) { return Lift(prog_->as_of_reg, level); }

  // --- lowering ----------------------------------------------------------------
  int Lower(const IrNode* n);
  int LowerBinary(const IrNode* n);
  int LowerMembership(const IrNode* n);
  int LowerCall(const IrNode* n);
  int LowerParam(const IrNode* n);
  int LowerBenefitRef(const IrNode* n);

  void CollectReads(const IrNode* n, Level level, std::vector<Read>* reads, std::set<int>* seen);

  void PlanVariable(int v);
  void PlanBenefit(int b);
  void PlanGroup(int g);
  void PlanCheck(int c);
  void PlanIndicator(int i);
  ConditionPlan PlanCondition(const check::CheckedCondition& c, Level level);

  const check::CheckedPackage& pkg_;
  std::unique_ptr<Program> prog_;
  int guard_ = -1;
  std::map<std::pair<uint8_t, int>, int> fields_;
  std::map<std::tuple<int, int, int>, int> lifts_;
  std::map<std::tuple<int, int, int>, int> receives_;
  std::unordered_map<const IrNode*, int> lowered_;
  std::vector<int32_t> change_days_;
  std::vector<std::set<int>> variable_params_;  // per variable: param plans used (transitively)
  std::set<int>* collecting_params_ = nullptr;  // param plans of the item being planned
};

int Planner::Lower(const IrNode* n) {
  int r = -1;
  switch (n->kind) {
    case IrKind::kConst: {
      if (n->type.base == ValueType::kString) {
        prog_->strings.push_back(n->text);
        r = Const(n->type, kProgramString | static_cast<int64_t>(prog_->strings.size() - 1));
      } else {
        r = Const(n->type, n->const_value, n->const_known ? kKnown : kUnknown);
      }
      break;
    }
    case IrKind::kField: r = Project(FieldReg(n->entity, n->index), n->projection); break;
    case IrKind::kVariable: {
      r = Project(prog_->variable_regs[n->index], n->projection);
      if (collecting_params_ != nullptr) {
        collecting_params_->insert(variable_params_[n->index].begin(), variable_params_[n->index].end());
      }
      break;
    }
    case IrKind::kParam: r = LowerParam(n); break;
    case IrKind::kAsOf: r = prog_->as_of_reg; break;
    case IrKind::kPeriodStart: r = prog_->period_start_reg; break;
    case IrKind::kPeriodEnd: r = prog_->period_end_reg; break;
    case IrKind::kCast: {
      const int a = Lower(n->args[0]);
      if (TypeOf(a).base != ValueType::kInt) {
        r = a;  // money <-> decimal share the representation
      } else if (prog_->regs[a].kind == RegKind::kConst) {
        int64_t scaled = 0;
        const bool overflow = __builtin_mul_overflow(prog_->regs[a].value, Decimal::kScale, &scaled);
        r = Const(n->type, scaled, overflow ? kError : prog_->regs[a].state);
      } else {
        r = Emit(OpCode::kCast, LevelOf(a), n->type, a);
      }
      break;
    }
    case IrKind::kEnumMap: {
      const int a = Lower(n->args[0]);
      prog_->enum_maps.push_back(n->list_values);
      r = Emit(OpCode::kEnumMap, LevelOf(a), n->type, a);
      Last().aux = static_cast<int32_t>(prog_->enum_maps.size() - 1);
      break;
    }
    case IrKind::kUnary: {
      const int a = Lift(Lower(n->args[0]), n->level);
      r = Emit(n->op == expr::Op::kNot ? OpCode::kNot : OpCode::kNeg, n->level, n->type, a);
      break;
    }
    case IrKind::kBinary: r = LowerBinary(n); break;
    case IrKind::kIf: {
      const int c = Lift(Lower(n->args[0]), n->level);
      const int a = Lift(Lower(n->args[1]), n->level);
      const int b = Lift(Lower(n->args[2]), n->level);
      r = Emit(OpCode::kIf, n->level, n->type, c, a, b);
      break;
    }
    case IrKind::kCall: r = LowerCall(n); break;
    case IrKind::kAggregate: {
      const int body = Lower(n->args[0]);
      const int lifted = Lift(body, n->body_level);
      OpCode code = OpCode::kCount;
      switch (n->fn) {
        case Builtin::kAny: code = OpCode::kAny; break;
        case Builtin::kAll: code = OpCode::kAll; break;
        case Builtin::kSum: code = OpCode::kSum; break;
        default: break;
      }
      r = Emit(code, n->level, n->type, lifted);
      break;
    }
    case IrKind::kBenefitRef: r = LowerBenefitRef(n); break;
  }
  lowered_[n] = r;
  return r;
}

int Planner::LowerBinary(const IrNode* n) {
  using expr::Op;
  if (n->op == Op::kIn || n->op == Op::kNotIn) return LowerMembership(n);
  const int a = Lift(Lower(n->args[0]), n->level);
  const int b = Lift(Lower(n->args[1]), n->level);
  const Type ta = TypeOf(a), tb = TypeOf(b);
  switch (n->op) {
    case Op::kAnd: return Emit(OpCode::kAnd, n->level, n->type, a, b);
    case Op::kOr: return Emit(OpCode::kOr, n->level, n->type, a, b);
    case Op::kAdd: return Emit(OpCode::kAdd, n->level, n->type, a, b);
    case Op::kSub: return Emit(OpCode::kSub, n->level, n->type, a, b);
    case Op::kMul:
      if (!ta.scaled() && !tb.scaled()) return Emit(OpCode::kMulII, n->level, n->type, a, b);
      if (ta.scaled() && tb.scaled()) return Emit(OpCode::kMulSS, n->level, n->type, a, b);
      return ta.scaled() ? Emit(OpCode::kMulSI, n->level, n->type, a, b)
                         : Emit(OpCode::kMulSI, n->level, n->type, b, a);
    case Op::kDiv:
      return tb.scaled() ? Emit(OpCode::kDivSS, n->level, n->type, a, b) : Emit(OpCode::kDivSI, n->level, n->type, a, b);
    default: break;
  }
  const bool strings = ta.base == ValueType::kString;
  OpCode code = OpCode::kEq;
  switch (n->op) {
    case Op::kEq: code = strings ? OpCode::kStrEq : OpCode::kEq; break;
    case Op::kNe: code = strings ? OpCode::kStrNe : OpCode::kNe; break;
    case Op::kLt: code = OpCode::kLt; break;
    case Op::kLe: code = OpCode::kLe; break;
    case Op::kGt: code = OpCode::kGt; break;
    default: code = OpCode::kGe; break;
  }
  return Emit(code, n->level, n->type, a, b);
}

int Planner::LowerMembership(const IrNode* n) {
  const IrNode* right = n->args[1];
  const uint8_t negate = n->op == expr::Op::kNotIn ? kNegate : 0;
  if (!right->type.list) {  // a set
    const int set = Lift(Lower(right), n->level);
    const IrNode* left = n->args[0];
    if (left->kind == IrKind::kConst) {
      const int r = Emit(OpCode::kSetHasConst, n->level, n->type, set);
      Last().imm = left->const_value;
      Last().flags = negate;
      return r;
    }
    const int a = Lift(Lower(left), n->level);
    const int r = Emit(OpCode::kSetHas, n->level, n->type, a, set);
    Last().flags = negate;
    return r;
  }
  const int a = Lift(Lower(n->args[0]), n->level);
  const Type ta = TypeOf(a);
  if (ta.base == ValueType::kString) {
    std::vector<std::string> items;
    for (const IrNode* item : right->args) items.push_back(item->text);
    prog_->string_lists.push_back(items);
    const int r = Emit(OpCode::kInStrList, n->level, n->type, a);
    Last().aux = static_cast<int32_t>(prog_->string_lists.size() - 1);
    Last().flags = negate;
    return r;
  }
  std::vector<int64_t> values;
  for (const IrNode* item : right->args) values.push_back(item->const_value);
  const bool small_enum = ta.base == ValueType::kEnum &&
                          std::all_of(values.begin(), values.end(), [](int64_t v) { return v >= 0 && v < 64; });
  if (small_enum) {
    int64_t mask = 0;
    for (int64_t v : values) mask |= int64_t{1} << v;
    const int r = Emit(OpCode::kInMask, n->level, n->type, a);
    Last().imm = mask;
    Last().flags = negate;
    return r;
  }
  std::sort(values.begin(), values.end());
  prog_->lists.push_back(values);
  const int r = Emit(OpCode::kInList, n->level, n->type, a);
  Last().aux = static_cast<int32_t>(prog_->lists.size() - 1);
  Last().flags = negate;
  return r;
}

int Planner::LowerCall(const IrNode* n) {
  std::vector<int> args;
  for (const IrNode* arg : n->args) args.push_back(Lift(Lower(arg), n->level));
  auto unary = [&](OpCode code) { return Emit(code, n->level, n->type, args[0]); };
  auto binary = [&](OpCode code) { return Emit(code, n->level, n->type, args[0], args[1]); };
  switch (n->fn) {
    case Builtin::kMonthsBetween: return binary(OpCode::kMonthsBetween);
    case Builtin::kYearsBetween: {
      // Completed years are completed months / 12: shares the months op with age_months.
      const int months = binary(OpCode::kMonthsBetween);
      const int r = Emit(OpCode::kIntDivConst, n->level, n->type, months);
      Last().imm = 12;
      return r;
    }
    case Builtin::kDaysBetween: return binary(OpCode::kDaysBetween);
    case Builtin::kAddMonths: return binary(OpCode::kAddMonths);
    case Builtin::kAddYears: return binary(OpCode::kAddYears);
    case Builtin::kYear: return unary(OpCode::kYear);
    case Builtin::kMonth: return unary(OpCode::kMonth);
    case Builtin::kDay: return unary(OpCode::kDay);
    case Builtin::kMin:
    case Builtin::kMax: {
      int acc = args[0];
      for (size_t i = 1; i < args.size(); ++i) {
        acc = Emit(n->fn == Builtin::kMin ? OpCode::kMin : OpCode::kMax, n->level, n->type, acc, args[i]);
      }
      return acc;
    }
    case Builtin::kAbs: return unary(OpCode::kAbs);
    case Builtin::kRound: {
      const int r = unary(OpCode::kRound);
      Last().imm = n->args[1]->const_value;
      return r;
    }
    case Builtin::kSize: return unary(OpCode::kSize);
    case Builtin::kKnown: return unary(OpCode::kKnownOf);
    case Builtin::kDefault: return binary(OpCode::kDefault);
    case Builtin::kInUnit: {
      const int r = binary(OpCode::kInUnit);
      Last().aux = n->index;
      // A unit starts or ends on these days: a month is decided on both sides.
      for (const internal::UnitEntry& u : pkg_.units.units) {
        if (u.from != INT32_MIN) change_days_.push_back(u.from);
        if (u.to != INT32_MAX) change_days_.push_back(u.to + 1);
      }
      return r;
    }
    default: return unary(OpCode::kKnownOf);  // aggregations and benefit refs are other kinds
  }
}

int Planner::LowerParam(const IrNode* n) {
  const check::CheckedParam& cp = pkg_.params[n->index];
  const model::ParamDef& def = *cp.def;
  ParamPlan plan;
  plan.param = n->index;
  plan.display = n->text;
  const IrNode* key = n->args.empty() ? nullptr : n->args[0];
  const bool fixed_key = key != nullptr && key->kind == IrKind::kConst && key->type.base == ValueType::kString;
  for (const model::ParamStep& step : def.steps) {
    plan.step_from.push_back(step.from.days());
    change_days_.push_back(step.from.days());
  }
  auto put = [&](const std::optional<Decimal>& v) {
    plan.values.push_back(v ? (cp.type.base == ValueType::kInt ? v->integer_part() : v->millionths()) : 0);
    plan.states.push_back(v ? kKnown : kUnknown);
  };
  int key_reg = -1;
  if (key == nullptr || fixed_key) {
    plan.kind = ParamPlan::Kind::kScalar;
    for (const model::ParamStep& step : def.steps) {
      if (!fixed_key) {
        put(step.scalar);
        continue;
      }
      auto it = std::find_if(step.cells.begin(), step.cells.end(),
                             [&](const model::ParamCell& c) { return c.key == key->text; });
      put(it == step.cells.end() ? std::nullopt : it->value);
    }
  } else if (def.kind == model::ParamKind::kTable) {
    plan.kind = ParamPlan::Kind::kTable;
    const check::EnumDef& e = pkg_.enums[key->type.enum_id];
    plan.keys = static_cast<int32_t>(e.values.size());
    plan.key_names = e.values;
    for (const model::ParamStep& step : def.steps) {
      for (const std::string& value : e.values) {
        auto it = std::find_if(step.cells.begin(), step.cells.end(),
                               [&](const model::ParamCell& c) { return c.key == value; });
        put(it == step.cells.end() ? std::nullopt : it->value);
      }
    }
    key_reg = Lift(Lower(key), n->level);
  } else {
    plan.kind = ParamPlan::Kind::kBrackets;
    for (const model::ParamStep& step : def.steps) {
      plan.bracket_begin.push_back(static_cast<uint32_t>(plan.bounds.size()));
      if (step.all_null) {  // one bracket from the lowest number: unknown whatever the key
        plan.bounds.push_back(ParamPlan::kAllNullBound);
        put(std::nullopt);
        continue;
      }
      std::vector<const model::ParamCell*> cells;
      for (const auto& c : step.cells) cells.push_back(&c);
      std::sort(cells.begin(), cells.end(),
                [](const model::ParamCell* x, const model::ParamCell* y) { return x->bound < y->bound; });
      for (const model::ParamCell* c : cells) {
        plan.bounds.push_back(c->bound.millionths());
        put(c->value);
      }
    }
    plan.bracket_begin.push_back(static_cast<uint32_t>(plan.bounds.size()));
    key_reg = Lift(Lower(key), n->level);
  }
  prog_->params.push_back(std::move(plan));
  const int id = static_cast<int>(prog_->params.size() - 1);
  if (collecting_params_ != nullptr) collecting_params_->insert(id);
  const int r = Emit(OpCode::kParam, n->level, n->type, Day(n->level), key_reg);
  Last().aux = id;
  return r;
}

int Planner::LowerBenefitRef(const IrNode* n) {
  uint8_t flags = 0;
  if (n->is_group) flags |= kIsGroup;
  if (n->fn == Builtin::kQualifies) flags |= kQualifies;
  const Level base = n->is_group ? prog_->groups[n->index].level : prog_->benefits[n->index].level;
  auto key = std::make_tuple(n->index, static_cast<int>(flags), guard_);
  int r;
  if (auto it = receives_.find(key); it != receives_.end()) {
    r = it->second;
  } else {
    r = Emit(OpCode::kReceives, base, Type{ValueType::kBool});
    Last().aux = n->index;
    Last().flags = flags;
    receives_[key] = r;
  }
  return Project(r, n->projection);
}

// --- items -----------------------------------------------------------------------

void Planner::PlanVariable(int v) {
  const check::CheckedVariable& var = pkg_.variables[v];
  const Level level = var.entity == Entity::kHousehold ? Level::kHousehold : Level::kPerson;
  std::set<int> params;
  collecting_params_ = &params;
  int r = Lift(Lower(var.formula.root), level);
  collecting_params_ = nullptr;
  if (prog_->regs[r].kind != RegKind::kOp || prog_->regs[r].level != level) {
    // A constant or another register's alias: give the variable its own column.
    r = Emit(OpCode::kDefault, level, var.type, r, r);
  }
  prog_->variable_regs[v] = r;
  variable_params_[v] = params;
}

void Planner::CollectReads(const IrNode* n, Level level, std::vector<Read>* reads, std::set<int>* seen) {
  const bool leaf = n->kind == IrKind::kField || n->kind == IrKind::kVariable || n->kind == IrKind::kParam ||
                    n->kind == IrKind::kAggregate || n->kind == IrKind::kBenefitRef;
  if (leaf) {
    auto it = lowered_.find(n);
    if (it == lowered_.end() || n->level > level) return;
    if (!seen->insert(it->second).second) return;
    Read read;
    read.reg = it->second;
    read.name = n->text;
    switch (n->kind) {
      case IrKind::kField:
        read.label = (n->entity == 0 ? pkg_.schema.household : pkg_.schema.person)[n->index].label;
        read.unit = (n->entity == 0 ? pkg_.schema.household : pkg_.schema.person)[n->index].unit;
        break;
      case IrKind::kVariable:
        read.label = pkg_.variables[n->index].def->label;
        read.name = (n->entity == 0 ? "household." : "") + pkg_.variables[n->index].def->name;
        break;
      case IrKind::kParam: {
        read.label = pkg_.params[n->index].def->label;
        read.unit = pkg_.params[n->index].def->unit;
        // The op that computed this register holds the param plan.
        for (auto op = prog_->ops.rbegin(); op != prog_->ops.rend(); ++op) {
          if (op->out == it->second) {
            read.param_plan = op->aux;
            read.key_reg = op->b;
            break;
          }
        }
        if (!n->args.empty() && n->args[0]->kind != IrKind::kConst) {
          read.name += "[" + n->args[0]->text + "]";
        }
        break;
      }
      case IrKind::kBenefitRef:
        read.name = std::string(n->fn == Builtin::kQualifies ? "qualifies" : "receives") + "(\"" + n->text + "\")";
        break;
      default:  // aggregate: named by its function; the explanation shows the source text
        read.name = n->text + "(...)";
        break;
    }
    reads->push_back(read);
    if (n->kind != IrKind::kParam) return;  // a param's key is read too
  }
  for (const IrNode* arg : n->args) CollectReads(arg, level, reads, seen);
}

namespace {

ConstOperand ConstOf(const IrNode* n) {
  ConstOperand c;
  if (n->kind != IrKind::kConst || !n->const_known) return c;
  c.present = true;
  c.type = n->type.base;
  c.enum_id = n->type.enum_id;
  c.text = n->text;
  if (n->type.list) {
    for (const IrNode* item : n->args) {
      if (item->kind != IrKind::kConst) return ConstOperand{};  // e.g. a cast: shown without the list
      c.values.push_back(item->const_value);
    }
  } else {
    c.values.push_back(n->const_value);
  }
  return c;
}

// A comparison operator of the syntax tree as the plan names it.
Compare ToCompare(expr::Op op) {
  switch (op) {
    case expr::Op::kEq: return Compare::kEq;
    case expr::Op::kNe: return Compare::kNe;
    case expr::Op::kLt: return Compare::kLt;
    case expr::Op::kLe: return Compare::kLe;
    case expr::Op::kGt: return Compare::kGt;
    case expr::Op::kGe: return Compare::kGe;
    case expr::Op::kIn: return Compare::kIn;
    case expr::Op::kNotIn: return Compare::kNotIn;
    default: return Compare::kNone;
  }
}

}  // namespace

// A whole number read (a field, variable, parameter or count) converted to compare with money or a
// decimal: the reason shows the value read, with its label and unit, not the conversion ("1 đ").
static const IrNode* Uncast(const IrNode* n) {
  if (n->kind != IrKind::kCast || n->args.empty()) return n;
  const IrNode* a = n->args[0];
  const bool read = a->kind == IrKind::kField || a->kind == IrKind::kVariable || a->kind == IrKind::kParam ||
                    a->kind == IrKind::kAggregate;
  return read ? a : n;
}

ConditionPlan Planner::PlanCondition(const check::CheckedCondition& c, Level level) {
  ConditionPlan plan;
  const IrNode* root = c.test.root;
  plan.reg = Lift(Lower(root), level);
  if (root->kind == IrKind::kBinary) {
    switch (root->op) {
      case expr::Op::kEq: case expr::Op::kNe: case expr::Op::kLt: case expr::Op::kLe:
      case expr::Op::kGt: case expr::Op::kGe: case expr::Op::kIn: case expr::Op::kNotIn:
        plan.top = ToCompare(root->op);
        plan.lhs = lowered_[Uncast(root->args[0])];
        plan.rhs = root->args[1]->type.list ? -1 : lowered_[Uncast(root->args[1])];
        plan.lhs_const = ConstOf(root->args[0]);
        plan.rhs_const = ConstOf(root->args[1]);
        break;
      default: break;
    }
  }
  std::set<int> seen;
  CollectReads(root, level, &plan.reads, &seen);
  return plan;
}

void Planner::PlanBenefit(int b) {
  const check::CheckedBenefit& cb = pkg_.benefits[b];
  BenefitPlan& plan = prog_->benefits[b];
  plan.benefit = b;
  plan.level = cb.level;
  plan.rounding_unit = cb.def->rounding.unit;
  plan.rounding_mode = cb.def->rounding.mode;
  plan.monthly = cb.def->frequency == Frequency::kMonthly;
  const auto rule = cb.def->month_rule ? cb.def->month_rule
                                       : pkg_.package->packages.empty() ? std::nullopt
                                                                        : pkg_.package->packages[0].month_rule;
  plan.month_rule = rule ? static_cast<uint8_t>(*rule) : 0;
  plan.group = cb.group;
  plan.adds_to_group = cb.adds_to_group;
  plan.day_reg = Day(cb.level);
  for (const check::CheckedVersion& v : cb.versions) {
    VersionPlan vp;
    vp.from = v.def->from.days();
    vp.to = v.def->to ? v.def->to->days() : INT32_MAX;
    change_days_.push_back(vp.from);
    if (v.def->to) change_days_.push_back(vp.to + 1);
    prog_->guards.push_back(Guard{vp.from, vp.to});
    vp.guard = static_cast<int32_t>(prog_->guards.size() - 1);
    guard_ = vp.guard;
    std::set<int> params;
    collecting_params_ = &params;
    for (const check::CheckedCondition& c : v.conditions) {
      vp.conditions.push_back(PlanCondition(c, cb.level));
      const std::vector<model::TargetRef>& target = v.def->target;
      vp.conditions.back().target = std::any_of(target.begin(), target.end(),
                                                [&](const model::TargetRef& t) { return t.name == c.def->name; });
      vp.has_target = vp.has_target || vp.conditions.back().target;
    }
    vp.amount_reg = Lift(Lower(v.amount.root), cb.level);
    std::set<int> seen;
    CollectReads(v.amount.root, cb.level, &vp.amount_reads, &seen);
    collecting_params_ = nullptr;
    vp.param_plans.assign(params.begin(), params.end());
    guard_ = -1;
    plan.versions.push_back(std::move(vp));
  }
  plan.exclusive = cb.exclusive;
  // The tie-break is computed on every day, outside the versions' guards.
  if (cb.exclusive && cb.between.ok()) plan.between_reg = Lift(Lower(cb.between.root), cb.level);
  if (cb.exclusive && cb.prefer.ok()) plan.prefer_reg = Lift(Lower(cb.prefer.root), cb.level);
  Op op;
  op.code = OpCode::kBenefit;
  op.level = cb.level;
  op.aux = b;
  prog_->ops.push_back(op);
  if (cb.exclusive) {
    op.code = OpCode::kExclusive;
    prog_->ops.push_back(op);
  }
}

void Planner::PlanGroup(int g) {
  const check::CheckedGroup& cg = pkg_.groups[g];
  GroupPlan& plan = prog_->groups[g];
  plan.group = g;
  plan.level = cg.level;
  plan.competing.assign(cg.competing.begin(), cg.competing.end());
  Op op;
  op.code = OpCode::kGroup;
  op.level = cg.level;
  op.aux = g;
  prog_->ops.push_back(op);
}

void Planner::PlanCheck(int c) {
  const check::CheckedCheck& cc = pkg_.checks[c];
  const Level level = cc.def->applies_to == Entity::kHousehold ? Level::kHousehold : Level::kPerson;
  CheckPlan& plan = prog_->checks[c];
  plan.level = level;
  plan.reg = Lift(Lower(cc.when.root), level);
  plan.field = cc.def->field.empty() ? -1 : pkg_.schema.IndexOf(cc.def->applies_to, cc.def->field);
}

void Planner::PlanIndicator(int i) {
  const check::CheckedIndicator& ci = pkg_.indicators[i];
  const Level level = ci.def->population == Entity::kHousehold ? Level::kHousehold : Level::kPerson;
  IndicatorPlan& plan = prog_->indicators[i];
  plan.level = level;
  if (ci.filter.ok()) plan.filter_reg = Lift(Lower(ci.filter.root), level);
  plan.numerator_reg = Lift(Lower(ci.numerator.root), level);
}

}  // namespace

std::unique_ptr<Program> BuildProgram(const check::CheckedPackage& package) {
  Planner planner(package);
  return planner.Run();
}

}  // namespace ansinh::plan
