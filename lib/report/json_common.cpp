// JSON pieces shared by RenderJson(Report) and RenderJson(Diff).
#include "report/json_common.hpp"

namespace ansinh::report {

using internal::JsonWriter;

void WriteLabel(JsonWriter& w, const Label& label) {
  w.BeginObject().Key("vi").String(label.vi).Key("en").String(label.en).EndObject();
}

void WritePackage(JsonWriter& w, const PackageInfo& info) {
  w.BeginObject().Key("id").String(info.id).Key("name");
  WriteLabel(w, info.name);
  w.Key("version").String(info.version).Key("hash").String(info.hash).EndObject();
}

void WriteStrings(JsonWriter& w, const std::vector<std::string>& items) {
  w.BeginArray();
  for (const std::string& s : items) w.String(s);
  w.EndArray();
}

void WriteCounts(JsonWriter& w, const std::vector<KeyCount>& counts) {
  w.BeginArray();
  for (const KeyCount& k : counts) w.BeginObject().Key("key").String(k.key).Key("count").Uint(k.count).EndObject();
  w.EndArray();
}

void WriteIssues(JsonWriter& w, const std::vector<RecordIssue>& issues) {
  w.BeginArray();
  for (const RecordIssue& i : issues) {
    w.BeginObject().Key("code").String(i.code).Key("field").String(i.field);
    w.Key("message").String(i.message).Key("message_vi").String(i.message_vi).EndObject();
  }
  w.EndArray();
}

namespace {
void WriteListed(JsonWriter& w, const std::vector<ListedHousehold>& list) {
  w.BeginArray();
  for (const ListedHousehold& h : list) {
    w.BeginObject().Key("household_id").String(h.id).Key("members");
    WriteStrings(w, h.members);
    w.EndObject();
  }
  w.EndArray();
}
}  // namespace

void WriteIndicator(JsonWriter& w, const IndicatorLine& i, bool lists) {
  const IndicatorInfo& info = i.info;
  w.BeginObject().Key("id").String(info.id).Key("label");
  WriteLabel(w, info.label);
  w.Key("reference").String(info.reference).Key("population").String(ToString(info.population));
  w.Key("filter").String(info.filter).Key("numerator_expression").String(info.numerator);
  w.Key("target");
  if (info.target_share || info.target_count) {
    w.BeginObject().Key("op").String(info.target_op);
    if (info.target_share) w.Key("share").Raw(info.target_share->ToString());
    if (info.target_count) w.Key("count").Int(*info.target_count);
    w.Key("by");
    if (info.target_by) {
      w.String(info.target_by->ToString());
    } else {
      w.Null();
    }
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("numerator").Uint(i.numerator);
  w.Key("denominator").Uint(i.denominator);
  w.Key("share");
  if (i.share) {
    w.Raw(i.share->ToString());
  } else {
    w.Null();
  }
  w.Key("met");
  if (i.met) {
    w.Bool(*i.met);
  } else {
    w.Null();
  }
  w.Key("gap").Int(i.gap);
  w.Key("unknown").Uint(i.unknown);
  w.Key("population_unknown").Uint(i.population_unknown);
  w.Key("against_households").Uint(i.against_households);
  w.Key("to_check_households").Uint(i.to_check_households);
  if (lists) {
    w.Key("against");
    WriteListed(w, i.against);
    w.Key("to_check");
    WriteListed(w, i.to_check);
  }
  w.EndObject();
}

}  // namespace ansinh::report
