// parameters: values that change over time (scalar, table or brackets).
#include <algorithm>

#include "yaml/sections.hpp"

namespace ansinh::yaml {

namespace {

// True if map `node` has the key `key` (without reporting anything).
bool HasKey(const YAML::Node& node, std::string_view key) {
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) return true;
  }
  return false;
}

struct ParamContext {
  const model::ParamDef& param;
  std::string what;  // "parameter 'x'"
};

std::optional<Decimal> CellNumber(Reader& reader, const NodeRef& ref, const ParamContext& ctx, bool& is_null) {
  is_null = ref.node.IsNull();
  if (is_null) return std::nullopt;
  // `560.000` is a decimal to YAML and would be 560 VND: refused for money.
  if (ctx.param.type == ValueType::kMoney && reader.ThousandsSeparated(ref)) return std::nullopt;
  std::optional<Decimal> d = reader.Number(ref, "a value of " + ctx.what);
  if (d && ctx.param.type != ValueType::kDecimal && !d->is_integer()) {
    reader.Error(DiagnosticCode::kBadNumber, ref,
                 {"'" + d->ToString() + "' is not a whole number, but " + ctx.what + " has type " +
                      ToString(ctx.param.type) + "; write a whole number or declare `type: decimal`",
                  "'" + d->ToString() + "' không phải số nguyên, nhưng " + WhatVi(ctx.what) + " có kiểu " +
                      ToString(ctx.param.type) + "; viết một số nguyên hoặc khai báo `type: decimal`"});
    return std::nullopt;
  }
  if (d && ctx.param.type == ValueType::kMoney && !ctx.param.signed_values && *d < Decimal::FromInteger(0)) {
    reader.Error(DiagnosticCode::kNegativeValue, ref,
                 {"'" + d->ToString() + "' is a negative amount of money for " + ctx.what +
                      "; correct the sign, or declare `signed: true` if this parameter can be below zero "
                      "(a deduction)",
                  "'" + d->ToString() + "' là số tiền âm cho " + WhatVi(ctx.what) +
                      "; sửa dấu, hoặc khai báo `signed: true` nếu tham số này được phép âm (một khoản trừ)"});
    return std::nullopt;
  }
  return d;
}

void ReadCells(Reader& reader, const NodeRef& ref, const ParamContext& ctx, model::ParamStep& step) {
  const bool brackets = ctx.param.kind == model::ParamKind::kBrackets;
  std::optional<std::vector<MapEntry>> entries = reader.Map(
      ref, std::string("a ") + (brackets ? "brackets" : "table") + " value of " + ctx.what +
               (brackets ? " ({lower bound: value, ...})" : " ({enum value: value, ...})"));
  if (!entries) return;
  for (const MapEntry& e : *entries) {
    model::ParamCell cell;
    cell.key = e.key;
    cell.loc = e.key_ref.loc;
    if (brackets) {
      std::optional<Decimal> bound = reader.Number(e.key_ref, "a bracket's lower bound");
      if (!bound) continue;
      cell.bound = *bound;
      auto same = std::find_if(step.cells.begin(), step.cells.end(),
                               [&](const model::ParamCell& c) { return c.bound == cell.bound; });
      if (same != step.cells.end()) {
        reader.Error(DiagnosticCode::kDuplicateKey, e.key_ref,
                     {"lower bound " + bound->ToString() + " is given twice (first as '" + same->key +
                          "' on line " + std::to_string(same->loc.line) + "); remove one",
                      "cận dưới " + bound->ToString() + " được ghi hai lần (lần đầu là '" + same->key +
                          "' ở dòng " + std::to_string(same->loc.line) + "); bỏ một"});
        continue;
      }
    } else if (e.key.empty()) {
      reader.Error(DiagnosticCode::kBadValue, e.key_ref,
                   {"a table key cannot be empty; write an enum value",
                    "khóa của bảng không được để trống; ghi một giá trị lựa chọn"});
      continue;
    }
    bool is_null = false;
    cell.value = CellNumber(reader, e.value, ctx, is_null);
    step.cells.push_back(std::move(cell));
  }
  if (brackets) {
    std::stable_sort(step.cells.begin(), step.cells.end(),
                     [](const model::ParamCell& a, const model::ParamCell& b) { return a.bound < b.bound; });
  }
}

void ReadStepValue(Reader& reader, const NodeRef& ref, const ParamContext& ctx, model::ParamStep& step) {
  if (ctx.param.kind == model::ParamKind::kScalar) {
    if (ref.node.IsMap()) {
      reader.Error(DiagnosticCode::kWrongType, ref,
                   {"the value of scalar " + ctx.what + " must be a number or null, not a map; "
                    "declare `kind: table` or `kind: brackets` for a map of values",
                    "giá trị của " + WhatVi(ctx.what) + " (tham số đơn) phải là một số hoặc null, không phải "
                    "ánh xạ; khai báo `kind: table` hoặc `kind: brackets` nếu có nhiều giá trị"});
      return;
    }
    bool is_null = false;
    step.scalar = CellNumber(reader, ref, ctx, is_null);
    return;
  }
  if (ref.node.IsNull()) {  // the whole table is not known from this date (e.g. a decree not yet read)
    step.all_null = true;
    return;
  }
  ReadCells(reader, ref, ctx, step);
}

// One `date: value` or `date: {value, reference, status, note}` line.
void ReadStep(Reader& reader, const MapEntry& e, const ParamContext& ctx, model::ParamDef& param) {
  model::ParamStep step;
  step.loc = e.key_ref.loc;
  std::optional<Date> from = reader.DateValue(e.key_ref, "a date key of " + ctx.what);
  if (!from) return;
  step.from = *from;
  // The long form has at least one of its keys; a table's short form has enum values as keys.
  bool long_form = false;
  for (const char* key : {"value", "reference", "status", "note"}) {
    long_form = long_form || (e.value.node.IsMap() && HasKey(e.value.node, key));
  }
  if (!long_form) {
    ReadStepValue(reader, e.value, ctx, step);
    param.steps.push_back(std::move(step));
    return;
  }
  const std::string what = "the " + from->ToString() + " value of " + ctx.what;
  std::optional<std::vector<MapEntry>> entries = reader.Map(e.value, what);
  if (!entries) return;
  reader.CheckKeys(*entries, {"value", "reference", "status", "note"}, what);
  if (const MapEntry* v = reader.Require(*entries, e.value, "value", what, "value: <number or null>")) {
    ReadStepValue(reader, v->value, ctx, step);
  }
  if (const MapEntry* r = Reader::Find(*entries, "reference")) step.reference = reader.Text(r->value, "'reference'").value_or("");
  if (const MapEntry* n = Reader::Find(*entries, "note")) step.note = reader.Text(n->value, "'note'").value_or("");
  if (const MapEntry* s = Reader::Find(*entries, "status")) {
    static const std::vector<std::pair<std::string, bool>> kStatus = {{"confirmed", false}, {"provisional", true}};
    step.provisional = reader.Choice(s->value, "'status'", kStatus).value_or(false);
  }
  param.steps.push_back(std::move(step));
}

void ReadParameter(Reader& reader, const MapEntry& e, PackageItems& items) {
  if (!IsIdentifier(e.key)) {
    reader.Identifier(e.key_ref, "parameter name");
    return;
  }
  model::ParamDef p;
  p.name = e.key;
  p.loc = e.key_ref.loc;
  const ParamContext ctx{p, "parameter '" + e.key + "'"};
  std::optional<std::vector<MapEntry>> entries = reader.Map(e.value, ctx.what);
  if (!entries) return;
  reader.CheckKeys(*entries, {"label", "type", "kind", "unit", "reference", "month_rule", "informational", "values",
                                 "override", "signed"},
                   ctx.what);
  static const std::vector<std::pair<std::string, ValueType>> kTypes = {
      {"money", ValueType::kMoney}, {"decimal", ValueType::kDecimal}, {"int", ValueType::kInt}};
  static const std::vector<std::pair<std::string, model::ParamKind>> kKinds = {
      {"scalar", model::ParamKind::kScalar}, {"table", model::ParamKind::kTable},
      {"brackets", model::ParamKind::kBrackets}};
  if (const MapEntry* t = Reader::Find(*entries, "type")) p.type = reader.Choice(t->value, "'type'", kTypes).value_or(p.type);
  if (const MapEntry* k = Reader::Find(*entries, "kind")) p.kind = reader.Choice(k->value, "'kind'", kKinds).value_or(p.kind);
  if (const MapEntry* l = Reader::Find(*entries, "label")) p.label = reader.LabelValue(l->value, "'label'").value_or(Label{});
  if (const MapEntry* u = Reader::Find(*entries, "unit")) p.unit = reader.Text(u->value, "'unit'").value_or("");
  if (const MapEntry* r = Reader::Find(*entries, "reference")) p.reference = reader.Text(r->value, "'reference'").value_or("");
  if (const MapEntry* m = Reader::Find(*entries, "month_rule")) p.month_rule = reader.Choice(m->value, "'month_rule'", MonthRuleChoices());
  if (const MapEntry* i = Reader::Find(*entries, "informational")) {
    p.informational = reader.Bool(i->value, "'informational'").value_or(false);
  }
  if (const MapEntry* sg = Reader::Find(*entries, "signed")) p.signed_values = reader.Bool(sg->value, "'signed'").value_or(false);
  p.override_ = ReadOverride(reader, *entries);
  if (const MapEntry* v = reader.Require(*entries, e.value, "values", ctx.what, "values: {2024-07-01: 500000}")) {
    std::optional<std::vector<MapEntry>> steps = reader.Map(v->value, "'values' of " + ctx.what + " ({date: value, ...})");
    if (steps && steps->empty()) {
      reader.Error(DiagnosticCode::kBadValue, v->key_ref,
                   {"'values' of " + ctx.what + " is empty; give at least one `YYYY-MM-DD: value`",
                    "'values' của " + WhatVi(ctx.what) + " đang trống; ghi ít nhất một dòng `YYYY-MM-DD: giá trị`"});
    }
    for (const MapEntry& s : steps.value_or(std::vector<MapEntry>{})) ReadStep(reader, s, ctx, p);
  }
  std::stable_sort(p.steps.begin(), p.steps.end(),
                   [](const model::ParamStep& a, const model::ParamStep& b) { return a.from < b.from; });
  for (model::ParamStep& s : p.steps) {
    if (s.reference.empty()) s.reference = p.reference;
  }
  items.parameters.push_back(std::move(p));
}

}  // namespace

void ReadParameters(Reader& reader, const NodeRef& section, PackageItems& items) {
  std::optional<std::vector<MapEntry>> params = reader.Map(section, "'parameters'");
  if (!params) return;
  for (const MapEntry& e : *params) ReadParameter(reader, e, items);
}

}  // namespace ansinh::yaml
