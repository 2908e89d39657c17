// Type conversions between expression values: literals to enum values, int to
// money/decimal, one enum onto another; and type names for messages.
#include <algorithm>

#include "check/expr_checker.hpp"

namespace ansinh::check {

using expr::Node;

bool operator==(const Type& a, const Type& b) noexcept {
  return a.base == b.base && a.list == b.list &&
         ((a.base != ValueType::kEnum && a.base != ValueType::kSet) || a.enum_id == b.enum_id);
}

namespace {

// A text literal, or an `if` choosing between text literals (typed by context).
bool IsLiteralText(const IrNode* node) {
  if (node->type.base != ValueType::kString || node->type.list) return false;
  if (node->kind == IrKind::kConst) return true;
  if (node->kind == IrKind::kIf) return IsLiteralText(node->args[1]) && IsLiteralText(node->args[2]);
  return false;
}

}  // namespace

std::string ExprChecker::TypeName(const Type& t) const {
  std::string base;
  switch (t.base) {
    case ValueType::kBool: base = "yes/no (true or false)"; break;
    case ValueType::kInt: base = "a whole number"; break;
    case ValueType::kMoney: base = "money"; break;
    case ValueType::kDecimal: base = "a decimal number"; break;
    case ValueType::kDate: base = "a date"; break;
    case ValueType::kString: base = "a text"; break;
    case ValueType::kEnum:
    case ValueType::kSet: {
      if (t.enum_id < 0 || t.enum_id >= static_cast<int>(pkg_.enums.size())) {
        base = t.base == ValueType::kSet ? "a set" : "an enum value";
        break;
      }
      const EnumDef& e = pkg_.enums[t.enum_id];
      std::string values;
      for (size_t i = 0; i < e.values.size() && i < 6; ++i) values += (i ? ", " : "") + e.values[i];
      if (e.values.size() > 6) values += ", ...";
      base = std::string(t.base == ValueType::kSet ? "a set of " : "a value of ") + e.name + " (" + values + ")";
      break;
    }
  }
  return t.list ? "a list of " + base : base;
}

std::string ExprChecker::TypeNameVi(const Type& t) const {
  std::string base;
  switch (t.base) {
    case ValueType::kBool: base = "có/không (true hoặc false)"; break;
    case ValueType::kInt: base = "một số nguyên"; break;
    case ValueType::kMoney: base = "tiền"; break;
    case ValueType::kDecimal: base = "một số thập phân"; break;
    case ValueType::kDate: base = "một ngày"; break;
    case ValueType::kString: base = "một văn bản"; break;
    case ValueType::kEnum:
    case ValueType::kSet: {
      if (t.enum_id < 0 || t.enum_id >= static_cast<int>(pkg_.enums.size())) {
        base = t.base == ValueType::kSet ? "một tập hợp" : "một giá trị lựa chọn";
        break;
      }
      const EnumDef& e = pkg_.enums[t.enum_id];
      std::string values;
      for (size_t i = 0; i < e.values.size() && i < 6; ++i) values += (i ? ", " : "") + e.values[i];
      if (e.values.size() > 6) values += ", ...";
      base = std::string(t.base == ValueType::kSet ? "một tập hợp giá trị của " : "một giá trị của ") + e.name + " (" +
             values + ")";
      break;
    }
  }
  return t.list ? "danh sách gồm " + base : base;
}

IrNode* ExprChecker::CastToScaled(IrNode* node, ValueType target) {
  if (node->kind == IrKind::kConst) {
    int64_t scaled = 0;
    if (__builtin_mul_overflow(node->const_value, Decimal::kScale, &scaled)) {
      ErrorAt(DiagnosticCode::kBadNumber, node->begin, node->end,
              {"this number is too large for money or decimals", "số này quá lớn cho tiền hoặc số thập phân"});
      return node;
    }
    node->const_value = scaled;
    node->type.base = target;
    return node;
  }
  IrNode* cast = pkg_.arena.New();
  cast->kind = IrKind::kCast;
  cast->type = Type{target};
  cast->level = node->level;
  cast->begin = node->begin;
  cast->end = node->end;
  cast->args.push_back(node);
  return cast;
}

IrNode* ExprChecker::MapEnum(IrNode* node, int target_enum, const Node& src) {
  const EnumDef& from = pkg_.enums[node->type.enum_id];
  const EnumDef& to = pkg_.enums[target_enum];
  IrNode* map = pkg_.arena.New();
  map->kind = IrKind::kEnumMap;
  map->type = Type{ValueType::kEnum, target_enum};
  map->level = node->level;
  map->begin = node->begin;
  map->end = node->end;
  bool any = false;
  for (const std::string& v : from.values) {
    auto it = std::find(to.values.begin(), to.values.end(), v);
    const int64_t index = it == to.values.end() ? -1 : it - to.values.begin();
    any = any || index >= 0;
    map->list_values.push_back(index);
  }
  if (!any) {
    Error(DiagnosticCode::kTypeMismatch, src,
          {"'" + Source(src) + "' (" + TypeName(node->type) + ") can never equal " + TypeName(map->type),
           "'" + Source(src) + "' (" + TypeNameVi(node->type) + ") không bao giờ bằng " + TypeNameVi(map->type)});
    return nullptr;
  }
  map->args.push_back(node);
  return map;
}

IrNode* ExprChecker::Coerce(IrNode* node, const Type& target, const Node& src, const internal::Message& context) {
  if (node == nullptr) return nullptr;
  if (node->type == target) return node;
  const ValueType from = node->type.base;
  // Text literals become enum values (checked against the enum).
  if (target.base == ValueType::kEnum && !target.list && IsLiteralText(node)) {
    if (node->kind == IrKind::kIf) {
      IrNode* a = Coerce(node->args[1], target, src, context);
      IrNode* b = Coerce(node->args[2], target, src, context);
      if (a == nullptr || b == nullptr) return nullptr;
      node->args[1] = a;
      node->args[2] = b;
      node->type = target;
      return node;
    }
    const EnumDef& e = pkg_.enums[target.enum_id];
    auto it = std::find(e.values.begin(), e.values.end(), node->text);
    if (it == e.values.end()) {
      std::string values;
      for (const auto& v : e.values) values += (values.empty() ? "" : ", ") + v;
      ErrorAt(DiagnosticCode::kUnknownEnumValue, node->begin, node->end,
              internal::WithSuggestion(
                  internal::Message{"\"" + node->text + "\" is not a value of " + e.name + " (" + values + ").",
                                    "\"" + node->text + "\" không phải một giá trị của " + e.name + " (" + values + ")."},
                  node->text, e.values));
      return nullptr;
    }
    node->type = target;
    node->const_value = it - e.values.begin();
    return node;
  }
  if (target.base == ValueType::kEnum && from == ValueType::kEnum && !node->type.list && !target.list) {
    return MapEnum(node, target.enum_id, src);
  }
  if (target.scaled() && from == ValueType::kInt && !node->type.list) {
    return CastToScaled(node, target.base);
  }
  if (target.scaled() && node->type.scaled() && !node->type.list) {
    // money and decimal share the representation; the declared type wins.
    if (node->kind == IrKind::kConst) {
      node->type.base = target.base;
      return node;
    }
    IrNode* cast = CastToScaled(node, target.base);
    return cast;
  }
  std::string what = Source(src);
  internal::Message message{
      "expected " + TypeName(target) + " to " + context.en + ", but '" + what + "' is " + TypeName(node->type),
      "cần " + TypeNameVi(target) + " cho " + context.vi + ", nhưng '" + what + "' là " + TypeNameVi(node->type)};
  if (target.base == ValueType::kBool && node->type.base != ValueType::kBool) {
    const std::string example = (what.empty() ? std::string("x") : what) + " == ...";
    message.en += ": write a condition, e.g. " + example;
    message.vi += ": hãy viết một điều kiện, ví dụ " + example;
  }
  Error(DiagnosticCode::kTypeMismatch, src, message);
  return nullptr;
}

bool ExprChecker::Unify(IrNode*& a, IrNode*& b, const Node& na, const Node& nb, const internal::Message& context) {
  if (a->type == b->type) return true;
  const Type ta = a->type, tb = b->type;
  // An enum against a text literal: check the literal against the enum.
  if (ta.base == ValueType::kEnum && IsLiteralText(b)) return (b = Coerce(b, ta, nb, context)) != nullptr;
  if (tb.base == ValueType::kEnum && IsLiteralText(a)) return (a = Coerce(a, tb, na, context)) != nullptr;
  if (ta.base == ValueType::kEnum && tb.base == ValueType::kEnum && !ta.list && !tb.list) {
    return (a = MapEnum(a, tb.enum_id, na)) != nullptr;
  }
  if (ta.numeric() && tb.numeric()) {
    if (ta.base == ValueType::kInt) {
      a = CastToScaled(a, tb.base);
      return true;
    }
    if (tb.base == ValueType::kInt) {
      b = CastToScaled(b, ta.base);
      return true;
    }
    // money vs decimal: same representation; the result is money.
    if (ta.base == ValueType::kMoney) {
      b = Coerce(b, ta, nb, context);
    } else {
      a = Coerce(a, tb, na, context);
    }
    return a != nullptr && b != nullptr;
  }
  if (ta.base == ValueType::kString && tb.base == ValueType::kString && !ta.list && !tb.list) return true;
  // Underline both operands: the problem is their pairing, not one side.
  const uint32_t begin = std::min(na.begin, nb.begin), end = std::max(na.end, nb.end);
  ErrorAt(DiagnosticCode::kTypeMismatch, begin, end,
          {"cannot " + context.en + " '" + Source(na) + "' (" + TypeName(ta) + ") and '" + Source(nb) + "' (" +
               TypeName(tb) + ")",
           "'" + Source(na) + "' (" + TypeNameVi(ta) + ") và '" + Source(nb) + "' (" + TypeNameVi(tb) +
               ") khác loại, không dùng được cho " + context.vi});
  return false;
}

}  // namespace ansinh::check
