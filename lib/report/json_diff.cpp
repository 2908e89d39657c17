// RenderJson(Diff): the whole diff as one JSON document.
#include "ansinh/diff.hpp"
#include "common/json_writer.hpp"
#include "report/columns.hpp"
#include "report/json_common.hpp"

ANSINH_BEGIN_NAMESPACE

namespace {

using internal::JsonWriter;

void Optional(JsonWriter& w, const std::optional<int64_t>& v) {
  if (v) {
    w.Int(*v);
  } else {
    w.Null();
  }
}

void Optional(JsonWriter& w, const std::optional<BenefitStatus>& s) {
  if (s) {
    w.String(ToString(*s));
  } else {
    w.Null();
  }
}

void Benefits(JsonWriter& w, const Diff& d) {
  w.BeginArray();
  for (const DiffBenefitLine& l : d.benefits) {
    w.BeginObject().Key("id").String(l.id).Key("label");
    report::WriteLabel(w, l.label);
    w.Key("unit").String(l.unit == BenefitUnit::kMoney ? "money" : "percent");
    w.Key("frequency").String(l.frequency == Frequency::kMonthly ? "monthly" : "once");
    w.Key("in_a").Bool(l.in_a).Key("in_b").Bool(l.in_b);
    w.Key("beneficiaries_a").Uint(l.beneficiaries_a);
    w.Key("beneficiaries_b").Uint(l.beneficiaries_b);
    w.Key("gained").Uint(l.gained).Key("lost").Uint(l.lost);
    w.Key("up").Uint(l.up).Key("down").Uint(l.down);
    w.Key("status_changed").Uint(l.status_changed);
    w.Key("monthly_a").Int(l.monthly_a).Key("monthly_b").Int(l.monthly_b);
    w.Key("once_a").Int(l.once_a).Key("once_b").Int(l.once_b);
    w.EndObject();
  }
  w.EndArray();
}

void Areas(JsonWriter& w, const std::vector<DiffAreaLine>& lines) {
  w.BeginArray();
  for (const DiffAreaLine& l : lines) {
    w.BeginObject().Key("key").String(l.key).Key("label");
    report::WriteLabel(w, l.label);
    report::WriteFigures(w, l, report::DiffAreaColumns());
    w.EndObject();
  }
  w.EndArray();
}

void Changes(JsonWriter& w, const Diff& d) {
  w.BeginArray();
  for (const HouseholdChange& h : d.changes) {
    w.BeginObject().Key("household_id").String(h.household_id).Key("area").String(h.area);
    w.Key("commune").String(h.commune).Key("ok_a").Bool(h.ok_a).Key("ok_b").Bool(h.ok_b);
    w.Key("monthly_a").Int(h.monthly_a).Key("monthly_b").Int(h.monthly_b).Key("changes").BeginArray();
    for (const BenefitChange& c : h.changes) {
      w.BeginObject().Key("person_id");
      if (c.person_id.empty()) {
        w.Null();
      } else {
        w.String(c.person_id);
      }
      w.Key("benefit").String(c.benefit).Key("change").String(ToString(c.kind));
      w.Key("status_a");
      Optional(w, c.status_a);
      w.Key("status_b");
      Optional(w, c.status_b);
      w.Key("amount_a");
      Optional(w, c.amount_a);
      w.Key("amount_b");
      Optional(w, c.amount_b);
      w.Key("unit").String(c.unit == BenefitUnit::kMoney ? "money" : "percent");
      w.Key("frequency").String(c.frequency == Frequency::kMonthly ? "monthly" : "once").EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
}

}  // namespace

std::string RenderJson(const Diff& d, const RenderOptions&) {
  JsonWriter w(true);
  w.BeginObject().Key("a");
  report::WritePackage(w, d.a);
  w.Key("b");
  report::WritePackage(w, d.b);
  w.Key("when").String(d.when.ToString());
  w.Key("households").Uint(d.households).Key("persons").Uint(d.persons);
  w.Key("changed_households").Uint(d.changed_households);
  w.Key("gaining_households").Uint(d.gaining_households);
  w.Key("losing_households").Uint(d.losing_households);
  w.Key("gaining_persons").Uint(d.gaining_persons);
  w.Key("losing_persons").Uint(d.losing_persons);
  w.Key("error_changed_households").Uint(d.error_changed_households);
  w.Key("monthly_a").Int(d.monthly_a).Key("monthly_b").Int(d.monthly_b);
  w.Key("monthly_change").Int(d.monthly_b - d.monthly_a);
  w.Key("annual_a").Int(d.annual_a).Key("annual_b").Int(d.annual_b);
  w.Key("annual_change").Int(d.annual_b - d.annual_a);
  w.Key("once_a").Int(d.once_a).Key("once_b").Int(d.once_b);
  w.Key("benefits");
  Benefits(w, d);
  w.Key("by_area");
  Areas(w, d.by_area);
  w.Key("by_commune");
  Areas(w, d.by_commune);
  w.Key("indicators").BeginArray();
  for (const DiffIndicatorLine& l : d.indicators) {
    w.BeginObject().Key("a");
    report::WriteIndicator(w, l.a, false);
    w.Key("b");
    report::WriteIndicator(w, l.b, false);
    w.EndObject();
  }
  w.EndArray().Key("changes");
  Changes(w, d);
  w.EndObject();
  return w.Take() + "\n";
}

ANSINH_END_NAMESPACE
