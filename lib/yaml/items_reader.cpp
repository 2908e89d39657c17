// groups:, checks: and indicators:.
#include "yaml/sections.hpp"

namespace ansinh::yaml {

namespace {

// Record check ids become record issue codes: R_PREGNANT_MALE.
bool IsCheckId(std::string_view s) {
  if (s.empty() || !(s[0] >= 'A' && s[0] <= 'Z')) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

void ReadGroup(Reader& reader, const MapEntry& e, PackageItems& items) {
  std::optional<std::string> id = reader.Identifier(e.key_ref, "group id");
  if (!id) return;
  const std::string what = "group '" + *id + "'";
  std::optional<std::vector<MapEntry>> entries = reader.Map(e.value, what);
  if (!entries) return;
  reader.CheckKeys(*entries, {"label", "policy", "reference", "order", "override"}, what);
  model::GroupDef g;
  g.id = *id;
  g.loc = e.key_ref.loc;
  if (const MapEntry* l = Reader::Find(*entries, "label")) g.label = reader.LabelValue(l->value, "'label'").value_or(Label{});
  if (const MapEntry* r = Reader::Find(*entries, "reference")) g.reference = reader.Text(r->value, "'reference'").value_or("");
  if (const MapEntry* p = Reader::Find(*entries, "policy")) g.policy = reader.ChoiceWord(p->value, "'policy'", {"highest"}).value_or(g.policy);
  if (const MapEntry* o = Reader::Find(*entries, "order")) {
    for (const NodeRef& item : reader.List(o->value, "'order'").value_or(std::vector<NodeRef>{})) {
      if (std::optional<std::string> b = reader.Identifier(item, "benefit id")) {
        g.order.push_back(*b);
        g.order_locs.push_back(item.loc);
      }
    }
  }
  g.override_ = ReadOverride(reader, *entries);
  items.groups.push_back(std::move(g));
}

void ReadCheck(Reader& reader, const NodeRef& item, PackageItems& items) {
  std::optional<std::vector<MapEntry>> entries = reader.Map(item, "a check");
  if (!entries) return;
  reader.CheckKeys(*entries, {"id", "applies_to", "severity", "field", "when", "message", "override"}, "a check");
  model::CheckDef c;
  c.loc = item.loc;
  std::optional<std::string> id;
  if (const MapEntry* i = reader.Require(*entries, item, "id", "a check", "id: R_SOME_PROBLEM")) {
    id = reader.Text(i->value, "check id");
    if (id && !IsCheckId(*id)) {
      reader.Error(DiagnosticCode::kBadIdentifier, i->value,
                   {"'" + *id + "' is not a valid check id: it becomes a record issue code, so use UPPER_SNAKE_CASE "
                    "ASCII (letters, digits, '_', starting with a letter), e.g. 'R_PREGNANT_MALE'",
                    "'" + *id + "' không phải mã kiểm tra hợp lệ: mã này thành mã lỗi hồ sơ, nên viết CHỮ_HOA không "
                    "dấu (chữ cái, chữ số, '_', bắt đầu bằng chữ cái), ví dụ 'R_PREGNANT_MALE'"});
      id.reset();
    }
    if (id) c.loc = i->value.loc;
  }
  const std::string what = id ? "check '" + *id + "'" : "the check";
  if (const MapEntry* a = reader.Require(*entries, item, "applies_to", what, "applies_to: person")) {
    c.applies_to = reader.Choice(a->value, "'applies_to'", EntityChoices()).value_or(c.applies_to);
  }
  static const std::vector<std::pair<std::string, Severity>> kSeverities = {{"warning", Severity::kWarning},
                                                                            {"error", Severity::kError}};
  if (const MapEntry* s = Reader::Find(*entries, "severity")) c.severity = reader.Choice(s->value, "'severity'", kSeverities).value_or(c.severity);
  if (const MapEntry* f = Reader::Find(*entries, "field")) c.field = reader.Identifier(f->value, "field name").value_or("");
  if (const MapEntry* w = reader.Require(*entries, item, "when", what, "when: <condition that is true when the record is wrong>")) {
    if (auto expr = reader.Expr(w->value, "'when'")) c.when = std::move(*expr);
  }
  if (const MapEntry* m = reader.Require(*entries, item, "message", what, "message: {vi: ..., en: ...}")) {
    c.message = reader.LabelValue(m->value, "'message'").value_or(Label{});
  }
  c.override_ = ReadOverride(reader, *entries);
  if (id) {
    c.id = *id;
    items.checks.push_back(std::move(c));
  }
}

void ReadTarget(Reader& reader, const NodeRef& ref, model::IndicatorDef& ind) {
  std::optional<std::vector<MapEntry>> entries = reader.Map(ref, "'target' ({op: \">=\", share: 0.9, by: 2030-12-31})");
  if (!entries) return;
  reader.CheckKeys(*entries, {"op", "share", "count", "by"}, "'target'");
  if (const MapEntry* op = Reader::Find(*entries, "op")) ind.target_op = reader.ChoiceWord(op->value, "'op'", {">=", ">", "<=", "<"}).value_or(ind.target_op);
  const MapEntry* share = Reader::Find(*entries, "share");
  const MapEntry* count = Reader::Find(*entries, "count");
  if (share != nullptr && count != nullptr) {
    reader.Error(DiagnosticCode::kBadValue, count->key_ref,
                 {"a target has either 'share' or 'count', not both; remove one",
                  "mục tiêu ghi 'share' hoặc 'count', không ghi cả hai; bỏ một"});
  } else if (share == nullptr && count == nullptr) {
    reader.Error(DiagnosticCode::kMissingKey, ref,
                 {"'target' has no 'share' or 'count'; add `share: 0.9` or `count: 0`",
                  "'target' không có 'share' hay 'count'; thêm `share: 0.9` hoặc `count: 0`"});
  } else if (share != nullptr) {
    std::optional<Decimal> s = reader.Number(share->value, "'share'");
    if (s && (*s < Decimal() || *s > Decimal::FromInteger(1))) {
      reader.Error(DiagnosticCode::kBadNumber, share->value,
                   {"'share' is a fraction between 0 and 1, e.g. 0.96 for 96%",
                    "'share' là một tỷ lệ từ 0 đến 1, ví dụ 0.96 cho 96%"});
    } else {
      ind.target_share = s;
    }
  } else {
    std::optional<int64_t> n = reader.Integer(count->value, "'count'");
    if (n && *n < 0) {
      reader.Error(DiagnosticCode::kBadNumber, count->value, {"'count' cannot be negative", "'count' không được âm"});
    } else {
      ind.target_count = n;
    }
  }
  if (const MapEntry* by = Reader::Find(*entries, "by")) ind.target_by = reader.DateValue(by->value, "'by'");
}

void ReadIndicator(Reader& reader, const NodeRef& item, PackageItems& items) {
  std::optional<std::vector<MapEntry>> entries = reader.Map(item, "an indicator");
  if (!entries) return;
  reader.CheckKeys(*entries, {"id", "label", "reference", "population", "filter", "numerator", "target", "override"},
                   "an indicator");
  model::IndicatorDef ind;
  ind.loc = item.loc;
  std::optional<std::string> id;
  if (const MapEntry* i = reader.Require(*entries, item, "id", "an indicator", "id: <indicator_id>")) {
    id = reader.Identifier(i->value, "indicator id");
    if (id) ind.loc = i->value.loc;
  }
  const std::string what = id ? "indicator '" + *id + "'" : "the indicator";
  if (const MapEntry* l = Reader::Find(*entries, "label")) ind.label = reader.LabelValue(l->value, "'label'").value_or(Label{});
  if (const MapEntry* r = Reader::Find(*entries, "reference")) ind.reference = reader.Text(r->value, "'reference'").value_or("");
  if (const MapEntry* p = reader.Require(*entries, item, "population", what, "population: person")) {
    ind.population = reader.Choice(p->value, "'population'", EntityChoices()).value_or(ind.population);
  }
  if (const MapEntry* f = Reader::Find(*entries, "filter")) {
    if (auto expr = reader.Expr(f->value, "'filter'")) ind.filter = std::move(*expr);
  }
  if (const MapEntry* n = reader.Require(*entries, item, "numerator", what, "numerator: <condition>")) {
    if (auto expr = reader.Expr(n->value, "'numerator'")) ind.numerator = std::move(*expr);
  }
  if (const MapEntry* t = Reader::Find(*entries, "target")) ReadTarget(reader, t->value, ind);
  ind.override_ = ReadOverride(reader, *entries);
  if (id) {
    ind.id = *id;
    items.indicators.push_back(std::move(ind));
  }
}

}  // namespace

void ReadGroups(Reader& reader, const NodeRef& section, PackageItems& items) {
  std::optional<std::vector<MapEntry>> groups = reader.Map(section, "'groups'");
  for (const MapEntry& e : groups.value_or(std::vector<MapEntry>{})) ReadGroup(reader, e, items);
}

void ReadChecks(Reader& reader, const NodeRef& section, PackageItems& items) {
  std::optional<std::vector<NodeRef>> checks = reader.List(section, "'checks'");
  for (const NodeRef& item : checks.value_or(std::vector<NodeRef>{})) ReadCheck(reader, item, items);
}

void ReadIndicators(Reader& reader, const NodeRef& section, PackageItems& items) {
  std::optional<std::vector<NodeRef>> list = reader.List(section, "'indicators'");
  for (const NodeRef& item : list.value_or(std::vector<NodeRef>{})) ReadIndicator(reader, item, items);
}

}  // namespace ansinh::yaml
