// units: the administrative units of the package's area, as dated data.
#include "yaml/sections.hpp"

namespace ansinh::yaml {

namespace {

void ReadValidity(Reader& reader, const NodeRef& ref, model::UnitDef& unit) {
  std::optional<std::vector<MapEntry>> entries = reader.Map(ref, "'valid' ({from: 2025-07-01, to: 2030-12-31})");
  if (!entries) return;
  reader.CheckKeys(*entries, {"from", "to"}, "'valid'");
  if (const MapEntry* f = Reader::Find(*entries, "from")) unit.from = reader.DateValue(f->value, "'from'");
  if (const MapEntry* t = Reader::Find(*entries, "to")) unit.to = reader.DateValue(t->value, "'to'");
  if (unit.from && unit.to && *unit.to < *unit.from) {
    reader.Error(DiagnosticCode::kBadDate, ref,
                 {"'to' is before 'from': a unit is valid from its first to its last day",
                  "'to' trước 'from': một đơn vị có hiệu lực từ ngày đầu đến ngày cuối của nó"});
    unit.to.reset();
  }
}

void ReadUnit(Reader& reader, const NodeRef& item, PackageItems& items) {
  std::optional<std::vector<MapEntry>> entries = reader.Map(item, "a unit");
  if (!entries) return;
  reader.CheckKeys(*entries,
                   {"code", "name", "level", "parent", "valid", "successor", "status", "reference", "note", "override"},
                   "a unit");
  model::UnitDef unit;
  unit.loc = item.loc;
  bool has_code = false;
  if (const MapEntry* c = reader.Require(*entries, item, "code", "a unit", "code: \"29269\"")) {
    unit.code = reader.Text(c->value, "unit code").value_or("");
    has_code = !unit.code.empty();
    if (!has_code) reader.Error(DiagnosticCode::kBadValue, c->value, {"a unit code cannot be empty", "mã đơn vị không được để trống"});
    if (has_code) unit.loc = c->value.loc;
  }
  const std::string what = has_code ? "unit '" + unit.code + "'" : "the unit";
  if (const MapEntry* n = reader.Require(*entries, item, "name", what, "name: {vi: Xã Mỹ Cẩm, en: Mỹ Cẩm commune}")) {
    unit.name = reader.LabelValue(n->value, "'name'").value_or(Label{});
  }
  static const std::vector<std::pair<std::string, model::UnitLevel>> kLevels = {
      {"province", model::UnitLevel::kProvince},
      {"district", model::UnitLevel::kDistrict},
      {"commune", model::UnitLevel::kCommune}};
  if (const MapEntry* l = reader.Require(*entries, item, "level", what, "level: commune")) {
    unit.level = reader.Choice(l->value, "'level'", kLevels).value_or(unit.level);
  }
  if (const MapEntry* p = Reader::Find(*entries, "parent")) {
    unit.parent = reader.Text(p->value, "'parent'").value_or("");
    unit.parent_loc = p->value.loc;
  }
  if (const MapEntry* v = Reader::Find(*entries, "valid")) ReadValidity(reader, v->value, unit);
  if (const MapEntry* s = Reader::Find(*entries, "successor")) {
    unit.successor = reader.Text(s->value, "'successor'").value_or("");
    unit.successor_loc = s->value.loc;
  }
  if (const MapEntry* st = Reader::Find(*entries, "status")) {
    static const std::vector<std::pair<std::string, bool>> kStatus = {{"confirmed", false}, {"provisional", true}};
    unit.provisional = reader.Choice(st->value, "'status'", kStatus).value_or(false);
  }
  if (const MapEntry* r = Reader::Find(*entries, "reference")) unit.reference = reader.Text(r->value, "'reference'").value_or("");
  if (const MapEntry* n = Reader::Find(*entries, "note")) unit.note = reader.Text(n->value, "'note'").value_or("");
  unit.override_ = ReadOverride(reader, *entries);
  if (has_code) items.units.push_back(std::move(unit));
}

}  // namespace

void ReadUnits(Reader& reader, const NodeRef& section, PackageItems& items) {
  std::optional<std::vector<NodeRef>> list = reader.List(section, "'units'");
  for (const NodeRef& item : list.value_or(std::vector<NodeRef>{})) ReadUnit(reader, item, items);
}

}  // namespace ansinh::yaml
