// benefits: ids, conditions, amounts and effective periods (with versions).
#include <algorithm>
#include <set>

#include "yaml/sections.hpp"

namespace ansinh::yaml {

namespace {

struct Period {
  Date from;
  std::optional<Date> to;
  NodeRef to_ref;
};

std::optional<Period> ReadPeriod(Reader& reader, const NodeRef& ref, std::string_view what) {
  std::optional<std::vector<MapEntry>> entries = reader.Map(ref, "'effective' of " + std::string(what) + " ({from: YYYY-MM-DD, to: YYYY-MM-DD})");
  if (!entries) return std::nullopt;
  reader.CheckKeys(*entries, {"from", "to"}, "'effective'");
  Period p;
  const MapEntry* from = reader.Require(*entries, ref, "from", "'effective'", "from: YYYY-MM-DD");
  std::optional<Date> from_date = from ? reader.DateValue(from->value, "'from'") : std::nullopt;
  if (const MapEntry* to = Reader::Find(*entries, "to")) {
    if (!to->value.node.IsNull()) p.to = reader.DateValue(to->value, "'to'");
    p.to_ref = to->value;
    if (from_date && p.to && *p.to < *from_date) {
      reader.Error(DiagnosticCode::kBadPeriod, to->value,
                   {"the period ends on " + p.to->ToString() + ", before it starts on " + from_date->ToString() +
                        "; 'to' is the last day in force and must not be before 'from'",
                    "thời gian hiệu lực kết thúc ngày " + p.to->ToString() + ", trước ngày bắt đầu " +
                        from_date->ToString() + "; 'to' là ngày cuối còn hiệu lực, không được trước 'from'"});
      return std::nullopt;
    }
  }
  if (!from_date) return std::nullopt;
  p.from = *from_date;
  return p;
}

std::optional<model::Condition> ReadCondition(Reader& reader, const NodeRef& item) {
  std::optional<std::vector<MapEntry>> entries = reader.Map(item, "a condition (`- name: expression`)");
  if (!entries) return std::nullopt;
  model::Condition c;
  if (const MapEntry* name = Reader::Find(*entries, "name")) {  // long form
    reader.CheckKeys(*entries, {"name", "label", "test"}, "a condition");
    std::optional<std::string> id = reader.Identifier(name->value, "condition name");
    const MapEntry* test = reader.Require(*entries, item, "test", "condition '" + id.value_or("") + "'", "test: <expression>");
    if (const MapEntry* label = Reader::Find(*entries, "label")) c.label = reader.LabelValue(label->value, "'label'").value_or(Label{});
    std::optional<model::ExprText> expr = test ? reader.Expr(test->value, "'test'") : std::nullopt;
    if (!id || !expr) return std::nullopt;
    c.name = *id;
    c.loc = name->value.loc;
    c.test = std::move(*expr);
    return c;
  }
  if (entries->size() != 1) {
    reader.Error(DiagnosticCode::kWrongType, item,
                 {"write one condition per `- name: expression` line, or the long form {name, label, test}",
                  "mỗi dòng `- tên: biểu thức` ghi một điều kiện, hoặc viết dạng đầy đủ {name, label, test}"});
    return std::nullopt;
  }
  const MapEntry& e = entries->front();
  std::optional<std::string> id = reader.Identifier(e.key_ref, "condition name");
  std::optional<model::ExprText> expr = reader.Expr(e.value, "condition '" + e.key + "'");
  if (!id || !expr) return std::nullopt;
  c.name = *id;
  c.loc = e.key_ref.loc;
  c.test = std::move(*expr);
  return c;
}

std::vector<model::Condition> ReadConditions(Reader& reader, const NodeRef& ref) {
  std::vector<model::Condition> out;
  if (!ref.node.IsSequence()) {
    reader.Error(DiagnosticCode::kWrongType, ref,
                 {"'when' must be a list of named conditions, one `- name: expression` per line, not " +
                      std::string(KindName(ref.node)),
                  "'when' phải là danh sách các điều kiện có tên, mỗi dòng một `- tên: biểu thức`, không phải " +
                      std::string(KindNameVi(ref.node))});
    return out;
  }
  for (const YAML::Node& item : ref.node) {
    std::optional<model::Condition> c = ReadCondition(reader, reader.Ref(item));
    if (!c) continue;
    auto same = std::find_if(out.begin(), out.end(), [&](const model::Condition& o) { return o.name == c->name; });
    if (same != out.end()) {
      reader.Error(DiagnosticCode::kDuplicateId, c->loc, static_cast<uint32_t>(c->name.size()),
                   {"condition '" + c->name + "' appears twice (first on line " + std::to_string(same->loc.line) +
                        "); give each condition its own name",
                    "điều kiện '" + c->name + "' xuất hiện hai lần (lần đầu ở dòng " + std::to_string(same->loc.line) +
                        "); đặt cho mỗi điều kiện một tên riêng"});
      continue;
    }
    out.push_back(std::move(*c));
  }
  return out;
}

void ReadRounding(Reader& reader, const NodeRef& ref, model::Rounding& out) {
  std::optional<std::vector<MapEntry>> entries = reader.Map(ref, "'rounding' ({unit: 1, mode: half_up})");
  if (!entries) return;
  reader.CheckKeys(*entries, {"unit", "mode"}, "'rounding'");
  if (const MapEntry* u = Reader::Find(*entries, "unit")) {
    std::optional<int64_t> unit = reader.Integer(u->value, "'unit'");
    if (unit && *unit <= 0) {
      reader.Error(DiagnosticCode::kBadNumber, u->value,
                   {"the rounding unit must be a positive whole number, e.g. 1 or 1000",
                    "đơn vị làm tròn phải là số nguyên dương, ví dụ 1 hoặc 1000"});
    } else if (unit) {
      out.unit = *unit;
    }
  }
  static const std::vector<std::pair<std::string, RoundingMode>> kModes = {
      {"half_up", RoundingMode::kHalfUp}, {"half_even", RoundingMode::kHalfEven},
      {"down", RoundingMode::kDown},      {"up", RoundingMode::kUp}};
  if (const MapEntry* m = Reader::Find(*entries, "mode")) out.mode = reader.Choice(m->value, "'mode'", kModes).value_or(out.mode);
}

// `for: [child, war_invalid]`: the conditions that say whom the benefit is for
// (checked against the version's conditions by the checker).
std::vector<model::TargetRef> ReadTarget(Reader& reader, const NodeRef& ref) {
  std::vector<model::TargetRef> out;
  std::vector<NodeRef> items;
  if (ref.node.IsScalar()) {
    items.push_back(ref);
  } else {
    items = reader.List(ref, "'for' (the conditions that say whom the benefit is for)").value_or(std::vector<NodeRef>{});
  }
  for (const NodeRef& item : items) {
    std::optional<std::string> name = reader.Identifier(item, "condition name in 'for'");
    if (!name) continue;
    if (std::any_of(out.begin(), out.end(), [&](const model::TargetRef& t) { return t.name == *name; })) {
      reader.Error(DiagnosticCode::kDuplicateId, item,
                   {"'" + *name + "' is listed twice in 'for'", "'" + *name + "' được liệt kê hai lần trong 'for'"});
      continue;
    }
    out.push_back(model::TargetRef{*name, item.loc});
  }
  return out;
}

// Sorted by start; reports E_OVERLAPPING_PERIODS for versions that overlap.
void CheckVersions(Reader& reader, std::vector<model::BenefitVersion>& versions, const std::string& what) {
  std::stable_sort(versions.begin(), versions.end(),
                   [](const model::BenefitVersion& a, const model::BenefitVersion& b) { return a.from < b.from; });
  for (size_t i = 1; i < versions.size(); ++i) {
    const model::BenefitVersion& prev = versions[i - 1];
    const model::BenefitVersion& cur = versions[i];
    if (prev.to && *prev.to < cur.from) continue;
    std::string message = "the version of " + what + " from " + cur.from.ToString() +
                          " overlaps the version from " + prev.from.ToString() + " (line " +
                          std::to_string(prev.loc.line) + "), ";
    std::string message_vi = "phiên bản của " + WhatVi(what) + " từ " + cur.from.ToString() +
                             " chồng thời gian với phiên bản từ " + prev.from.ToString() + " (dòng " +
                             std::to_string(prev.loc.line) + "), ";
    const std::string day_before = Date::FromDays(cur.from.days() - 1).ToString();
    message += prev.to ? "which ends on " + prev.to->ToString() + "; versions must follow each other"
                       : "which has no end; give it `to: " + day_before + "`";
    message_vi += prev.to ? "phiên bản đó kết thúc ngày " + prev.to->ToString() + "; các phiên bản phải nối tiếp nhau"
                          : "phiên bản đó không có ngày kết thúc; hãy ghi cho nó `to: " + day_before + "`";
    reader.Error(DiagnosticCode::kOverlappingPeriods, cur.loc, 1, {std::move(message), std::move(message_vi)});
  }
}

// What the versions of a benefit take from the benefit when they leave it out.
struct VersionDefaults {
  std::vector<model::Condition> when;
  std::vector<model::TargetRef> target;
  std::optional<model::ExprText> amount;
  bool has_amount = false;  // `amount` is written (even if invalid)
  std::string reference;
};

// A benefit without `versions`: its own `effective`, `when` and `amount`.
void ReadOnlyVersion(Reader& reader, const std::vector<MapEntry>& entries, const NodeRef& map,
                     VersionDefaults& defaults, model::BenefitDef& b, const std::string& what) {
  if (!defaults.has_amount) reader.Require(entries, map, "amount", what, "amount: <expression>");
  const MapEntry* effective = reader.Require(entries, map, "effective", what, "effective: {from: YYYY-MM-DD}");
  std::optional<Period> p = effective ? ReadPeriod(reader, effective->value, what) : std::nullopt;
  if (!p) return;
  model::BenefitVersion v;
  v.loc = effective->key_ref.loc;  // where its period is written, as for an entry of `versions`
  v.from = p->from;
  v.to = p->to;
  v.reference = defaults.reference;
  v.when = std::move(defaults.when);
  v.target = std::move(defaults.target);
  if (defaults.amount) v.amount = std::move(*defaults.amount);
  b.versions.push_back(std::move(v));
}

// One entry of `versions`.
void ReadVersion(Reader& reader, const NodeRef& item, const VersionDefaults& defaults, model::BenefitDef& b,
                 const std::string& what) {
  std::optional<std::vector<MapEntry>> entries = reader.Map(item, "a version ({effective, reference, for, when, amount})");
  if (!entries) return;
  reader.CheckKeys(*entries, {"effective", "reference", "for", "when", "amount"}, "a version");
  model::BenefitVersion v;
  v.loc = item.loc;
  const MapEntry* effective = reader.Require(*entries, item, "effective", "the version", "effective: {from: YYYY-MM-DD}");
  std::optional<Period> p = effective ? ReadPeriod(reader, effective->value, what) : std::nullopt;
  v.reference = defaults.reference;
  if (const MapEntry* r = Reader::Find(*entries, "reference")) v.reference = reader.Text(r->value, "'reference'").value_or(v.reference);
  const MapEntry* when = Reader::Find(*entries, "when");
  v.when = when ? ReadConditions(reader, when->value) : defaults.when;
  const MapEntry* target = Reader::Find(*entries, "for");
  v.target = target ? ReadTarget(reader, target->value) : defaults.target;
  if (const MapEntry* a = Reader::Find(*entries, "amount")) {
    if (auto expr = reader.Expr(a->value, "'amount'")) v.amount = std::move(*expr);
  } else if (defaults.amount) {
    v.amount = *defaults.amount;
  } else if (!defaults.has_amount) {
    reader.Error(DiagnosticCode::kMissingKey, item,
                 {"this version of " + what + " has no 'amount', and the benefit gives none; add `amount: <expression>`",
                  "phiên bản này của " + WhatVi(what) + " không có 'amount', chế độ cũng không ghi; thêm `amount: <biểu thức>`"});
  }
  if (!p) return;
  v.from = p->from;
  v.to = p->to;
  b.versions.push_back(std::move(v));
}

void ReadVersions(Reader& reader, const std::vector<MapEntry>& entries, const NodeRef& map, model::BenefitDef& b,
                  const std::string& what) {
  VersionDefaults defaults;
  defaults.reference = b.reference;
  if (const MapEntry* w = Reader::Find(entries, "when")) defaults.when = ReadConditions(reader, w->value);
  if (const MapEntry* t = Reader::Find(entries, "for")) defaults.target = ReadTarget(reader, t->value);
  if (const MapEntry* a = Reader::Find(entries, "amount")) {
    defaults.has_amount = true;
    defaults.amount = reader.Expr(a->value, "'amount'");
  }
  const MapEntry* versions = Reader::Find(entries, "versions");
  if (versions == nullptr) return ReadOnlyVersion(reader, entries, map, defaults, b, what);
  if (const MapEntry* effective = Reader::Find(entries, "effective")) {
    reader.Error(DiagnosticCode::kBadValue, effective->key_ref,
                 {what + " has 'versions': give 'effective' in each version instead of here",
                  WhatVi(what) + " có 'versions': ghi 'effective' trong từng phiên bản thay vì ở đây"});
  }
  for (const NodeRef& item : reader.List(versions->value, "'versions'").value_or(std::vector<NodeRef>{})) {
    ReadVersion(reader, item, defaults, b, what);
  }
}

// `group: g` or `adds_to: g`.
void ReadGroupRef(Reader& reader, const std::vector<MapEntry>& entries, model::BenefitDef& b, const std::string& what) {
  const MapEntry* group = Reader::Find(entries, "group");
  const MapEntry* adds_to = Reader::Find(entries, "adds_to");
  if (group != nullptr && adds_to != nullptr) {
    reader.Error(DiagnosticCode::kBadValue, adds_to->key_ref,
                 {what + " has both 'group' and 'adds_to'; keep 'group' to compete in a group, or 'adds_to' "
                         "to be paid on top of its winner",
                  WhatVi(what) + " ghi cả 'group' và 'adds_to'; giữ 'group' để so trong nhóm, hoặc 'adds_to' "
                                 "để được trả thêm ngoài chế độ thắng của nhóm"});
  } else if (const MapEntry* g = group ? group : adds_to) {
    b.group = reader.Identifier(g->value, "group id").value_or("");
    b.adds_to_group = g == adds_to;
    b.group_loc = g->value.loc;
  }
}

// `exclusive: {among: household, between: <expression>, prefer: <expression>, reference: "..."}`.
void ReadExclusive(Reader& reader, const std::vector<MapEntry>& entries, model::BenefitDef& b) {
  const MapEntry* e = Reader::Find(entries, "exclusive");
  if (e == nullptr) return;
  std::optional<std::vector<MapEntry>> keys = reader.Map(e->value, "'exclusive'");
  if (!keys) return;
  reader.CheckKeys(*keys, {"among", "between", "prefer", "reference"}, "'exclusive'");
  b.exclusive_loc = e->key_ref.loc;
  if (const MapEntry* among = reader.Require(*keys, e->value, "among", "'exclusive'", "among: household")) {
    b.exclusive_among = reader.ChoiceWord(among->value, "'among'", {"household"}).value_or("");
  }
  if (const MapEntry* w = Reader::Find(*keys, "between")) {
    b.exclusive_between = reader.Expr(w->value, "'between'").value_or(model::ExprText{});
  }
  if (const MapEntry* p = Reader::Find(*keys, "prefer")) {
    b.exclusive_prefer = reader.Expr(p->value, "'prefer'").value_or(model::ExprText{});
  }
  if (const MapEntry* r = Reader::Find(*keys, "reference")) {
    b.exclusive_reference = reader.Text(r->value, "'reference'").value_or("");
  }
}

// unit, frequency, rounding, month_rule.
void ReadPayment(Reader& reader, const std::vector<MapEntry>& entries, model::BenefitDef& b) {
  static const std::vector<std::pair<std::string, BenefitUnit>> kUnits = {{"money", BenefitUnit::kMoney},
                                                                          {"percent", BenefitUnit::kPercent}};
  static const std::vector<std::pair<std::string, Frequency>> kFrequencies = {{"monthly", Frequency::kMonthly},
                                                                              {"once", Frequency::kOnce}};
  if (const MapEntry* u = Reader::Find(entries, "unit")) b.unit = reader.Choice(u->value, "'unit'", kUnits).value_or(b.unit);
  if (const MapEntry* f = Reader::Find(entries, "frequency")) {
    b.frequency = reader.Choice(f->value, "'frequency'", kFrequencies).value_or(b.frequency);
  }
  if (const MapEntry* r = Reader::Find(entries, "rounding")) ReadRounding(reader, r->value, b.rounding);
  if (const MapEntry* m = Reader::Find(entries, "month_rule")) {
    b.month_rule = reader.Choice(m->value, "'month_rule'", MonthRuleChoices());
  }
}

void ReadBenefit(Reader& reader, const NodeRef& item, PackageItems& items) {
  std::optional<std::vector<MapEntry>> entries = reader.Map(item, "a benefit");
  if (!entries) return;
  reader.CheckKeys(*entries, {"id", "label", "reference", "applies_to", "group", "adds_to", "exclusive", "unit",
                              "frequency", "rounding", "effective", "for", "when", "amount", "versions", "month_rule",
                              "override"},
                   "a benefit");
  model::BenefitDef b;
  b.loc = item.loc;
  const MapEntry* id = reader.Require(*entries, item, "id", "a benefit", "id: <benefit_id>");
  std::optional<std::string> name = id ? reader.Identifier(id->value, "benefit id") : std::nullopt;
  if (name) {
    b.id = *name;
    b.loc = id->value.loc;
  }
  const std::string what = name ? "benefit '" + *name + "'" : "the benefit";
  if (const MapEntry* l = Reader::Find(*entries, "label")) b.label = reader.LabelValue(l->value, "'label'").value_or(Label{});
  if (const MapEntry* r = Reader::Find(*entries, "reference")) b.reference = reader.Text(r->value, "'reference'").value_or("");
  if (const MapEntry* a = reader.Require(*entries, item, "applies_to", what, "applies_to: person")) {
    b.applies_to = reader.Choice(a->value, "'applies_to'", EntityChoices()).value_or(b.applies_to);
  }
  ReadGroupRef(reader, *entries, b, what);
  ReadExclusive(reader, *entries, b);
  ReadPayment(reader, *entries, b);
  b.override_ = ReadOverride(reader, *entries);
  ReadVersions(reader, *entries, item, b, what);
  CheckVersions(reader, b.versions, what);
  if (name) items.benefits.push_back(std::move(b));
}

}  // namespace

void ReadBenefits(Reader& reader, const NodeRef& section, PackageItems& items) {
  std::optional<std::vector<NodeRef>> list = reader.List(section, "'benefits'");
  for (const NodeRef& item : list.value_or(std::vector<NodeRef>{})) ReadBenefit(reader, item, items);
}

}  // namespace ansinh::yaml
