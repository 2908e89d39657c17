// schema: and variables: — typed facts of households and persons.
#include <set>

#include "yaml/sections.hpp"
#include "yaml/yaml_values.hpp"

namespace ansinh::yaml {

namespace {

constexpr size_t kMaxSetValues = 64;

const std::vector<std::pair<std::string, ValueType>>& TypeChoices() {
  static const std::vector<std::pair<std::string, ValueType>> kChoices = {
      {"bool", ValueType::kBool},       {"int", ValueType::kInt},   {"money", ValueType::kMoney},
      {"decimal", ValueType::kDecimal}, {"date", ValueType::kDate}, {"enum", ValueType::kEnum},
      {"set", ValueType::kSet},         {"string", ValueType::kString}};
  return kChoices;
}

// One enum/set value (a list item, or a key of the map form).
void AddValue(Reader& reader, const NodeRef& at, const std::string& value, Label label,
              std::set<std::string>& seen, TypedValues& out, Label not_encoded = {}) {
  if (value.empty()) {
    reader.Error(DiagnosticCode::kBadValue, at,
                 {"an enum value cannot be empty; write a word such as 'rural'",
                  "giá trị lựa chọn không được để trống; ghi một từ như 'rural'"});
    return;
  }
  if (!seen.insert(value).second) {
    reader.Error(DiagnosticCode::kDuplicateId, at,
                 {"value '" + value + "' is listed twice; remove one", "giá trị '" + value + "' được liệt kê hai lần; bỏ một"});
    return;
  }
  out.values.push_back(value);
  out.value_labels.push_back(std::move(label));
  out.value_not_encoded.push_back(std::move(not_encoded));
  out.value_locs.push_back(at.loc);
}

// The label of a value in the map form: a text, {vi, en}, or {vi, en, not_encoded: {vi, en}}.
Label ValueLabel(Reader& reader, const MapEntry& e, Label& not_encoded) {
  if (!e.value.node.IsMap()) return reader.LabelValue(e.value, "the label of '" + e.key + "'").value_or(Label{});
  const std::vector<MapEntry> entries = reader.source().Entries(e.value.node, reader.sink());
  reader.CheckKeys(entries, {"vi", "en", "not_encoded"}, "the label of '" + e.key + "'");
  Label label;
  for (const MapEntry& k : entries) {
    if (k.key == "not_encoded") {
      not_encoded = reader.LabelValue(k.value, "'not_encoded'").value_or(Label{});
      if (not_encoded.vi.empty() && not_encoded.en.empty()) {
        reader.Error(DiagnosticCode::kBadValue, k.value,
                     {"'not_encoded' says why no benefit covers '" + e.key + "': write the reason, {vi: ..., en: ...}",
                      "'not_encoded' nói vì sao không chế độ nào tính '" + e.key + "': ghi lý do, {vi: ..., en: ...}"});
      }
    } else if (k.key == "vi" || k.key == "en") {
      if (std::optional<std::string> text = reader.Text(k.value, "'" + k.key + "'")) {
        (k.key == "vi" ? label.vi : label.en) = std::move(*text);
      }
    }
  }
  return label;
}

void ReadValues(Reader& reader, const NodeRef& ref, TypedValues& out) {
  std::set<std::string> seen;
  if (ref.node.IsMap()) {
    for (const MapEntry& e : reader.source().Entries(ref.node, reader.sink())) {
      Label label, not_encoded;
      if (!e.value.node.IsNull()) label = ValueLabel(reader, e, not_encoded);
      AddValue(reader, e.key_ref, e.key, std::move(label), seen, out, std::move(not_encoded));
    }
  } else if (ref.node.IsSequence()) {
    for (const YAML::Node& item : ref.node) {
      const NodeRef item_ref = reader.Ref(item);
      if (std::optional<std::string> v = reader.Text(item_ref, "an enum value")) {
        AddValue(reader, item_ref, *v, Label{}, seen, out);
      }
    }
  } else {
    reader.Error(DiagnosticCode::kWrongType, ref,
                 {"'values' must be a list [a, b] or a map {a: label, b: label}, not " + std::string(KindName(ref.node)),
                  "'values' phải là một danh sách [a, b] hoặc một ánh xạ {a: nhãn, b: nhãn}, không phải " +
                      std::string(KindNameVi(ref.node))});
    return;
  }
  if (out.values.empty() && seen.empty()) {
    reader.Error(DiagnosticCode::kBadValue, ref,
                 {"'values' is empty; list the allowed values, e.g. [rural, urban]",
                  "'values' đang trống; liệt kê các giá trị được phép, ví dụ [rural, urban]"});
  }
  if (out.type == ValueType::kSet && out.values.size() > kMaxSetValues) {
    reader.Error(DiagnosticCode::kLimit, ref,
                 {"a set may have at most " + std::to_string(kMaxSetValues) + " values; use an enum or split it",
                  "một tập hợp có tối đa " + std::to_string(kMaxSetValues) + " giá trị; dùng enum hoặc tách ra"});
  }
}

// Checks a field or variable name written as a map key.
bool CheckName(Reader& reader, const MapEntry& e, std::string_view what, bool is_field, Entity entity) {
  if (!IsIdentifier(e.key)) {
    reader.Identifier(e.key_ref, what);
    return false;
  }
  if (is_field && (e.key == "id" || (entity == Entity::kHousehold && e.key == "members"))) {
    reader.Error(DiagnosticCode::kBadIdentifier, e.key_ref,
                 {"'" + e.key + "' is built in (every record has it); remove it from the schema",
                  "'" + e.key + "' là trường có sẵn (hồ sơ nào cũng có); bỏ nó khỏi lược đồ"});
    return false;
  }
  return true;
}

void ReadField(Reader& reader, const MapEntry& e, Entity entity, PackageItems& items) {
  if (!CheckName(reader, e, "field name", true, entity)) return;
  const std::string what = "field '" + e.key + "'";
  std::optional<std::vector<MapEntry>> entries = reader.Map(e.value, what);
  if (!entries) return;
  reader.CheckKeys(*entries, {"type", "values", "label", "default", "unit", "description", "override"}, what);
  model::FieldDef f;
  f.name = e.key;
  f.entity = entity;
  f.loc = e.key_ref.loc;
  TypedValues typed;
  ReadType(reader, *entries, e.value, what, typed);
  f.type = typed.type;
  f.values = std::move(typed.values);
  f.value_labels = std::move(typed.value_labels);
  f.value_not_encoded = std::move(typed.value_not_encoded);
  f.value_locs = std::move(typed.value_locs);
  for (const MapEntry& k : *entries) {
    if (k.key == "label") {
      f.label = reader.LabelValue(k.value, "'label'").value_or(Label{});
    } else if (k.key == "description") {
      f.description = reader.LabelValue(k.value, "'description'").value_or(Label{});
    } else if (k.key == "unit") {
      f.unit = reader.Text(k.value, "'unit'").value_or("");
    } else if (k.key == "default" && !k.value.node.IsNull()) {
      ValueResult v = ToInputValue(k.value.node);
      if (v.ok) {
        f.default_value = v.value.ToString();
        f.default_input = std::move(v.value);
        f.default_loc = k.value.loc;
      } else {
        reader.Error(DiagnosticCode::kWrongType, k.value,
                     {"'default' of " + what + ": " + v.error, "'default' của " + WhatVi(what) + ": " + v.error_vi});
      }
    }
  }
  f.override_ = ReadOverride(reader, *entries);
  items.fields.push_back(std::move(f));
}

}  // namespace

bool ReadType(Reader& reader, const std::vector<MapEntry>& entries, const NodeRef& map, std::string_view what,
              TypedValues& out) {
  const MapEntry* type = reader.Require(entries, map, "type", what,
                                        "type: <bool | int | money | decimal | date | enum | set | string>");
  const MapEntry* values = Reader::Find(entries, "values");
  if (type == nullptr) return false;
  std::optional<ValueType> t = reader.Choice(type->value, "'type'", TypeChoices());
  if (!t) return false;
  out.type = *t;
  const bool has_values = out.type == ValueType::kEnum || out.type == ValueType::kSet;
  if (has_values && values == nullptr) {
    reader.Error(DiagnosticCode::kMissingKey, type->value,
                 {std::string(what) + " is an " + ToString(out.type) + " but has no 'values'; add `values: [a, b]`",
                  WhatVi(what) + " có kiểu " + ToString(out.type) + " nhưng không có 'values'; thêm `values: [a, b]`"});
  } else if (!has_values && values != nullptr) {
    reader.Error(DiagnosticCode::kBadValue, values->key_ref,
                 {"'values' is only for enum and set; remove it, or write `type: enum`",
                  "'values' chỉ dùng cho enum và set; bỏ nó đi, hoặc ghi `type: enum`"});
  } else if (values != nullptr) {
    ReadValues(reader, values->value, out);
  }
  return true;
}

void ReadSchema(Reader& reader, const NodeRef& section, PackageItems& items) {
  std::optional<std::vector<MapEntry>> entities = reader.Map(section, "'schema'");
  if (!entities) return;
  reader.CheckKeys(*entities, {"household", "person"}, "'schema'");
  for (const MapEntry& entity : *entities) {
    if (entity.key != "household" && entity.key != "person") continue;
    const Entity kind = entity.key == "person" ? Entity::kPerson : Entity::kHousehold;
    if (entity.value.node.IsNull()) continue;
    std::optional<std::vector<MapEntry>> fields = reader.Map(entity.value, "'schema." + entity.key + "'");
    if (!fields) continue;
    for (const MapEntry& f : *fields) ReadField(reader, f, kind, items);
  }
}

void ReadVariables(Reader& reader, const NodeRef& section, PackageItems& items) {
  std::optional<std::vector<MapEntry>> vars = reader.Map(section, "'variables'");
  if (!vars) return;
  for (const MapEntry& e : *vars) {
    if (!CheckName(reader, e, "variable name", false, Entity::kHousehold)) continue;
    const std::string what = "variable '" + e.key + "'";
    std::optional<std::vector<MapEntry>> entries = reader.Map(e.value, what);
    if (!entries) continue;
    reader.CheckKeys(*entries, {"entity", "type", "values", "label", "reference", "formula", "override"}, what);
    model::VariableDef v;
    v.name = e.key;
    v.loc = e.key_ref.loc;
    TypedValues typed;
    ReadType(reader, *entries, e.value, what, typed);
    v.type = typed.type;
    v.values = std::move(typed.values);
    v.value_labels = std::move(typed.value_labels);
    for (size_t i = 0; i < typed.value_not_encoded.size(); ++i) {
      const Label& n = typed.value_not_encoded[i];
      if (!n.vi.empty() || !n.en.empty()) {
        reader.Error(DiagnosticCode::kBadValue, typed.value_locs[i], static_cast<uint32_t>(v.values[i].size()),
                     {"'not_encoded' is for the values of a schema field (what a record may name), not of a variable",
                      "'not_encoded' dành cho giá trị của một trường trong lược đồ (điều hồ sơ có thể ghi), "
                      "không dành cho biến"});
      }
    }
    if (const MapEntry* en = reader.Require(*entries, e.value, "entity", what, "entity: household")) {
      if (auto entity = reader.Choice(en->value, "'entity'", EntityChoices())) v.entity = *entity;
    }
    if (const MapEntry* f = reader.Require(*entries, e.value, "formula", what, "formula: <expression>")) {
      if (auto formula = reader.Expr(f->value, "'formula'")) v.formula = std::move(*formula);
    }
    if (const MapEntry* l = Reader::Find(*entries, "label")) v.label = reader.LabelValue(l->value, "'label'").value_or(Label{});
    if (const MapEntry* r = Reader::Find(*entries, "reference")) v.reference = reader.Text(r->value, "'reference'").value_or("");
    v.override_ = ReadOverride(reader, *entries);
    items.variables.push_back(std::move(v));
  }
}

}  // namespace ansinh::yaml
