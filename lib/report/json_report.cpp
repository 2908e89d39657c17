// RenderJson(Report): the whole report as one JSON document (stable keys,
// integers for counts and VND, exact decimals for shares).
#include "ansinh/report.hpp"
#include "common/json_writer.hpp"
#include "report/columns.hpp"
#include "report/json_common.hpp"

ANSINH_BEGIN_NAMESPACE

namespace {

using internal::JsonWriter;
using report::WriteLabel;

void Costs(JsonWriter& w, const std::vector<CostLine>& lines) {
  w.BeginArray();
  for (const CostLine& c : lines) {
    w.BeginObject().Key("id").String(c.id).Key("label");
    WriteLabel(w, c.label);
    w.Key("applies_to").String(ToString(c.applies_to));
    w.Key("unit").String(c.unit == BenefitUnit::kMoney ? "money" : "percent");
    w.Key("frequency").String(c.frequency == Frequency::kMonthly ? "monthly" : "once");
    w.Key("beneficiaries").Uint(c.beneficiaries);
    w.Key("households").Uint(c.households);
    w.Key("superseded").Uint(c.superseded);
    w.Key("undetermined").Uint(c.undetermined);
    w.Key("provisional").Uint(c.provisional);
    w.Key("monthly").Int(c.monthly).Key("annual").Int(c.annual).Key("once").Int(c.once);
    w.EndObject();
  }
  w.EndArray();
}

void Breakdown(JsonWriter& w, const std::vector<BreakdownRow>& rows, const std::vector<CostLine>& benefits) {
  w.BeginArray();
  for (const BreakdownRow& row : rows) {
    w.BeginObject().Key("key").String(row.key).Key("label");
    WriteLabel(w, row.label);
    report::WriteFigures(w, row, report::BreakdownColumns());
    w.Key("by_benefit").BeginObject();
    for (size_t b = 0; b < row.by_benefit.size() && b < benefits.size(); ++b) {
      if (row.by_benefit[b] > 0) w.Key(benefits[b].id).Uint(row.by_benefit[b]);
    }
    w.EndObject().EndObject();
  }
  w.EndArray();
}

void Problems(JsonWriter& w, const Report& r) {
  w.Key("status_differences").BeginObject();
  w.Key("available").Bool(r.has_status).Key("compared").Uint(r.status_compared);
  w.Key("households").Uint(r.status_difference_households);
  w.Key("pairs").BeginArray();
  for (const StatusPair& p : r.status_pairs) {
    w.BeginObject().Key("recognized").String(p.recognized).Key("computed").String(p.computed);
    w.Key("households").Uint(p.households).EndObject();
  }
  w.EndArray().Key("listed").BeginArray();
  for (const StatusDifference& d : r.status_differences) {
    w.BeginObject().Key("household_id").String(d.household_id).Key("recognized").String(d.recognized);
    w.Key("computed").String(d.computed).Key("possible_error");
    w.String(d.possible_inclusion_error ? "inclusion" : "exclusion").EndObject();
  }
  w.EndArray().EndObject();
  w.Key("errors").BeginObject().Key("households").Uint(r.error_households);
  w.Key("codes");
  report::WriteCounts(w, r.error_codes);
  w.Key("listed").BeginArray();
  for (const ErrorHousehold& e : r.errors) {
    w.BeginObject().Key("household_id").String(e.household_id).Key("file").String(e.origin.file);
    w.Key("line").Uint(e.origin.line).Key("issues");
    report::WriteIssues(w, e.errors);
    w.EndObject();
  }
  w.EndArray().EndObject();
  w.Key("undetermined").BeginObject().Key("households").Uint(r.undetermined_households);
  w.Key("outcomes").Uint(r.undetermined_outcomes).Key("missing_fields");
  report::WriteCounts(w, r.missing_fields);
  w.Key("missing_parameters");
  report::WriteCounts(w, r.missing_parameters);
  w.Key("missing_figures").BeginArray();
  for (const MissingFigure& f : r.missing_figures) {
    w.BeginObject().Key("parameter").String(f.parameter).Key("label");
    WriteLabel(w, f.label);
    w.Key("missing_from");
    if (f.missing_from) w.String(f.missing_from->ToString()); else w.Null();
    w.Key("outcomes").Uint(f.outcomes).Key("households").Uint(f.households);
    w.Key("priced_on");
    if (f.priced_on) w.String(f.priced_on->ToString()); else w.Null();
    w.Key("priced").Uint(f.priced).Key("monthly").Int(f.monthly);
    w.EndObject();
  }
  w.EndArray();
  w.Key("listed").BeginArray();
  for (const UndeterminedHousehold& u : r.undetermined) {
    w.BeginObject().Key("household_id").String(u.household_id).Key("benefits");
    report::WriteStrings(w, u.benefits);
    w.Key("missing");
    report::WriteStrings(w, u.missing);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

}  // namespace

std::string RenderJson(const Report& r, const RenderOptions&) {
  JsonWriter w(true);
  w.BeginObject();
  w.Key("package");
  report::WritePackage(w, r.package);
  w.Key("when").String(r.when.ToString());
  w.Key("households").Uint(r.households);
  w.Key("persons").Uint(r.persons);
  w.Key("evaluated_households").Uint(r.evaluated_households);
  w.Key("warning_households").Uint(r.warning_households);
  w.Key("beneficiary_households").Uint(r.beneficiary_households);
  w.Key("beneficiaries").Uint(r.beneficiaries);
  w.Key("monthly").Int(r.monthly).Key("annual").Int(r.annual).Key("once").Int(r.once);
  w.Key("provisional").Bool(r.provisional);
  w.Key("estimated_status").BeginObject();
  w.Key("households").Uint(r.estimated_status_households);
  w.Key("beneficiary_households").Uint(r.estimated_status_beneficiary_households);
  w.Key("monthly").Int(r.estimated_status_monthly).EndObject();
  w.Key("benefits");
  Costs(w, r.benefits);
  w.Key("groups");
  Costs(w, r.groups);
  w.Key("indicators").BeginArray();
  for (const IndicatorLine& i : r.indicators) report::WriteIndicator(w, i, true);
  w.EndArray();
  w.Key("by_area");
  Breakdown(w, r.by_area, r.benefits);
  w.Key("by_commune");
  Breakdown(w, r.by_commune, r.benefits);
  w.Key("by_status");
  Breakdown(w, r.by_status, r.benefits);
  Problems(w, r);
  w.EndObject();
  return w.Take() + "\n";
}

ANSINH_END_NAMESPACE
