#include "runtime/brief_json.hpp"

#include <vector>

#include "common/json_writer.hpp"

namespace ansinh::internal {
namespace {

void PersonId(JsonWriter& w, const DecisionView& d, int32_t member) {
  if (member < 0) {
    w.Null();
  } else {
    w.String(d.member_id(static_cast<size_t>(member)));
  }
}

void Entry(JsonWriter& w, const DecisionView& d, const BriefEntry& e, Language lang) {
  const BenefitInfo& info = d.rules().benefits()[e.outcome.benefit];
  w.BeginObject();
  w.Key("person_id");
  PersonId(w, d, e.member);
  w.Key("benefit").String(info.id);
  w.Key("label").String(info.label.Get(lang));
  w.Key("status").String(ToString(e.outcome.status));
  w.Key("amount");
  if (e.outcome.has_amount) {
    w.Int(e.outcome.amount);
  } else {
    w.Null();
  }
  w.Key("unit").String(info.unit == BenefitUnit::kMoney ? "money" : "percent");
  w.Key("provisional").Bool(e.outcome.provisional);
  w.Key("missing").BeginArray();
  for (const std::string& m : d.missing(e.outcome)) w.String(m);
  w.EndArray();
  w.Key("reason").String(d.reason(e.outcome, lang));
  w.EndObject();
}

void Entries(JsonWriter& w, const DecisionView& d, const std::vector<BriefEntry>& entries, Language lang) {
  w.BeginArray();
  for (const BriefEntry& e : entries) Entry(w, d, e, lang);
  w.EndArray();
}

}  // namespace

void AppendBriefJson(const DecisionView& d, Detail detail, Language lang, std::string* out) {
  const Brief b = MakeBrief(d, detail);
  JsonWriter w(std::move(*out), false);
  w.BeginObject();
  w.Key("household_id").String(d.household_id());
  w.Key("status").String(d.ok() ? "ok" : "error");
  w.Key("errors").BeginArray();
  for (const RecordIssue& i : d.errors()) {
    w.BeginObject();
    w.Key("code").String(i.code);
    w.Key("field").String(i.field);
    w.Key("message").String(lang == Language::kVi ? i.message_vi : i.message);
    w.EndObject();
  }
  w.EndArray();
  w.Key("total_monthly").Int(b.total_monthly);
  w.Key("total_provisional").Bool(b.total_provisional);
  w.Key("receives");
  Entries(w, d, b.receives, lang);
  w.Key("undetermined");
  Entries(w, d, b.undetermined, lang);
  w.Key("questions").BeginArray();
  for (const BriefQuestion& q : b.questions) {
    w.BeginObject();
    w.Key("path").String(q.path);
    w.Key("person_id");
    PersonId(w, d, q.member);
    w.Key("field");
    if (q.field != nullptr) {
      w.String(q.field->name);
    } else {
      w.Null();
    }
    w.Key("label").String(q.field != nullptr ? q.field->label.Get(lang) : q.path);
    w.Key("decides");
    Entries(w, d, q.decides, lang);
    w.EndObject();
  }
  w.EndArray();
  w.Key("awaiting_text");
  Entries(w, d, b.awaiting_text, lang);
  w.Key("near_misses");
  Entries(w, d, b.near_misses, lang);
  w.Key("others");
  Entries(w, d, b.others, lang);
  w.EndObject();
  *out = w.Take();
}

}  // namespace ansinh::internal
