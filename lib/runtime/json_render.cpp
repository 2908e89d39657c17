// The stable JSON form of a decision (docs/decision-format.md) and the
// readable text form for case workers.
#include "ansinh/decimal.hpp"
#include "ansinh/decision.hpp"
#include "common/json_writer.hpp"
#include "eval/decision_data.hpp"
#include "runtime/access.hpp"
#include "runtime/render.hpp"
#include "runtime/rule_set_impl.hpp"

ANSINH_BEGIN_NAMESPACE

using internal::JsonWriter;

namespace {

void ValueJson(JsonWriter& w, const OutputValue& v) {
  if (!v.known) {
    w.Null();
    return;
  }
  switch (v.type) {
    case ValueType::kBool: w.Bool(v.raw != 0); break;
    case ValueType::kInt: w.Int(v.raw); break;
    case ValueType::kMoney:
    case ValueType::kDecimal: w.Raw(Decimal::FromMillionths(v.raw).ToString()); break;
    case ValueType::kDate: w.String(Date::FromDays(static_cast<int32_t>(v.raw)).ToString()); break;
    case ValueType::kEnum:
    case ValueType::kString: w.String(v.text); break;
    case ValueType::kSet:
      w.BeginArray();
      for (const std::string& item : v.items) w.String(item);
      w.EndArray();
      break;
  }
}

void LabelJson(JsonWriter& w, const Label& l) {
  w.BeginObject();
  w.Key("vi").String(l.vi);
  w.Key("en").String(l.en);
  w.EndObject();
}

void IssuesJson(JsonWriter& w, Span<RecordIssue> issues) {
  w.BeginArray();
  for (const RecordIssue& i : issues) {
    w.BeginObject();
    w.Key("code").String(i.code);
    w.Key("field").String(i.field);
    w.Key("message").String(i.message);
    w.Key("message_vi").String(i.message_vi);
    w.EndObject();
  }
  w.EndArray();
}

// The variables of a decision's household (member < 0) or member, straight from its columns:
// the same JSON as writing d.variables(member), without a vector and a copy per value.
void VariablesJson(JsonWriter& w, const DecisionView& d, int member) {
  const internal::DecisionData& data = internal::Access::Data(d);
  const size_t index = internal::Access::Index(d);
  const internal::HouseholdRow& r = data.households[index];
  w.BeginObject();
  if (r.ok) {
    const internal::RuleSetImpl& impl = internal::ImplOf(*data.rules);
    const Entity want = member < 0 ? Entity::kHousehold : Entity::kPerson;
    const size_t entity = member < 0 ? index : r.member_begin + static_cast<size_t>(member);
    const auto& columns = member < 0 ? data.household_vars : data.person_vars;
    static thread_local OutputValue value;
    size_t k = 0;
    for (size_t v = 0; v < impl.variables.size(); ++v) {
      if (impl.variables[v].entity != want) continue;
      internal::VariableOutputInto(impl, v, columns[k++][entity], &value);
      w.Key(impl.variables[v].name);
      ValueJson(w, value);
    }
  }
  w.EndObject();
}

void ConditionJson(JsonWriter& w, const ExplainedCondition& c) {
  w.BeginObject();
  w.Key("name").String(c.name);
  w.Key("label");
  LabelJson(w, c.label);
  w.Key("source").String(c.source);
  w.Key("location").String(ToString(c.location));
  w.Key("value");
  ValueJson(w, c.result);
  w.Key("reads").BeginArray();
  for (const ExplainedRead& r : c.reads) {
    w.BeginObject();
    w.Key("name").String(r.name);
    w.Key("value");
    ValueJson(w, r.value);
    if (!r.unit.empty()) w.Key("unit").String(r.unit);  // declared: "months", "percent", "VND/month"
    if (r.parameter) {
      w.Key("in_force_from").String(r.parameter->from.ToString());
      w.Key("reference").String(r.parameter->reference);
      w.Key("provisional").Bool(r.parameter->provisional);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// The keys every level writes first: benefit, status, amount, unit, frequency, group
// (the constant ones from fragments compiled at load, in compact output).
void OutcomeHeadJson(JsonWriter& w, const BenefitInfo& info, const BenefitOutcome& o,
                     const internal::RuleSetImpl::BenefitJson* compiled) {
  if (compiled != nullptr) {
    w.MembersKey(compiled->heads[static_cast<size_t>(o.status)]);  // "benefit", "status", "amount":
    if (o.has_amount) w.Int(o.amount);
    else w.Null();
    w.Members(compiled->unit_group);
    return;
  }
  w.Key("benefit").String(info.id);
  w.Key("status").String(ToString(o.status));
  w.Key("amount");
  if (o.has_amount) w.Int(o.amount);
  else w.Null();
  w.Key("unit").String(info.unit == BenefitUnit::kMoney ? "money" : "percent");
  w.Key("frequency").String(info.frequency == Frequency::kMonthly ? "monthly" : "once");
  w.Key("group");
  if (info.group.empty()) w.Null();
  else w.String(info.group);
}

const internal::RuleSetImpl::BenefitJson* Compiled(const DecisionView& d, const BenefitOutcome& o, bool pretty) {
  const auto& all = internal::ImplOf(d.rules()).benefit_json;
  return pretty || o.benefit >= all.size() ? nullptr : &all[o.benefit];
}

// The members after "reference" of an outcome neither superseded, undetermined nor provisional,
// and the start of its reasons.
constexpr std::string_view kPlainTail = R"("superseded_by":null,"missing":[],"provisional":false,"reason":{"vi":")";

// The keys after "reference", before "reason": superseded_by (and superseded_by_member),
// missing, provisional (and provisional_values).
void OutcomeTailJson(JsonWriter& w, const DecisionView& d, const BenefitOutcome& o) {
  w.Key("superseded_by");
  if (o.superseded_by >= 0) w.String(d.rules().benefits()[o.superseded_by].id);
  else w.Null();
  if (o.superseded_by_member >= 0) w.Key("superseded_by_member").String(d.member_id(o.superseded_by_member));
  w.Key("missing").BeginArray();
  if (o.status == BenefitStatus::kUndetermined) {  // (empty otherwise: DecisionView::missing)
    for (const std::string& m : d.missing(o)) w.String(m);
  }
  w.EndArray();
  w.Key("provisional").Bool(o.provisional);
  if (o.provisional) {
    w.Key("provisional_values").BeginArray();
    for (const ParameterUse& p : d.provisional_uses(o)) {
      w.BeginObject();
      w.Key("parameter").String(p.parameter);
      w.Key("from").String(p.from.ToString());
      w.Key("value").String(p.value);
      w.Key("reference").String(p.reference);
      w.EndObject();
    }
    w.EndArray();
  }
}

// A listed benefit at Detail::kSummary: what is received or undetermined, no prose.
void SummaryBenefitJson(JsonWriter& w, const DecisionView& d, const BenefitOutcome& o, bool pretty) {
  w.BeginObject();
  OutcomeHeadJson(w, d.rules().benefits()[o.benefit], o, Compiled(d, o, pretty));
  w.Key("missing").BeginArray();
  if (o.status == BenefitStatus::kUndetermined) {
    for (const std::string& m : d.missing(o)) w.String(m);
  }
  w.EndArray();
  w.Key("provisional").Bool(o.provisional);
  w.EndObject();
}

void BenefitsJson(JsonWriter& w, const DecisionView& d, OutcomeRange outcomes, bool explain, Detail detail,
                  bool pretty) {
  const RuleSet& rules = d.rules();
  static thread_local std::string scratch;  // one reason at a time, reused (no allocation per reason)
  w.BeginArray();
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (detail == Detail::kSummary) {  // most outcomes are not listed: test the status byte before building one
      const auto status = static_cast<BenefitStatus>(internal::Access::RawStatus(outcomes, i) & internal::kStatusMask);
      if (status != BenefitStatus::kEligible && status != BenefitStatus::kUndetermined) continue;
    }
    const BenefitOutcome o = outcomes[i];
    if (!Listed(o, detail)) continue;
    if (detail == Detail::kSummary) {
      SummaryBenefitJson(w, d, o, pretty);
      continue;
    }
    const BenefitInfo& info = rules.benefits()[o.benefit];
    w.BeginObject();
    const internal::RuleSetImpl::BenefitJson* compiled = Compiled(d, o, pretty);
    if (compiled != nullptr && !explain) {
      // Compact, no explanation: constant runs as fragments compiled at load, the reasons
      // written straight into the output (internal::AppendReasonsJson).
      const bool plain_tail = o.superseded_by < 0 && o.superseded_by_member < 0 &&
                              o.status != BenefitStatus::kUndetermined && !o.provisional;
      if (plain_tail && !o.has_amount) {
        w.Members(compiled->no_amount[static_cast<size_t>(o.status)]);  // (the most common outcome)
      } else {
        w.MembersKey(compiled->heads[static_cast<size_t>(o.status)]);  // "benefit", "status", "amount":
        if (o.has_amount) w.Int(o.amount);
        else w.Null();
        w.Members(compiled->unit_group_reference);
      }
      if (plain_tail) {
        if (o.has_amount) w.Members(kPlainTail);
      } else {
        OutcomeTailJson(w, d, o);
        w.Members(R"("reason":{"vi":")");
      }
      std::string& out = w.out();
      internal::AppendReasonsJson(out, internal::Access::Data(d), internal::Access::Index(d), o);  // vi","en":"en
      out += R"("})";
      w.EndObject();
      continue;
    }
    OutcomeHeadJson(w, info, o, compiled);
    if (auto ex = explain ? d.explanation(o) : std::nullopt) w.Key("reference").String(ex->reference);
    else if (compiled != nullptr) w.Members(compiled->reference);
    else w.Key("reference").String(info.reference);
    OutcomeTailJson(w, d, o);
    w.Key("reason").BeginObject();
    for (const Language lang : {Language::kVi, Language::kEn}) {
      scratch.clear();
      internal::AppendReason(scratch, internal::Access::Data(d), internal::Access::Index(d), o, lang);
      w.Key(lang == Language::kVi ? "vi" : "en").String(scratch);
    }
    w.EndObject();
    if (explain) {
      if (auto ex = d.explanation(o)) {
        w.Key("explanation").BeginObject();
        w.Key("decided_on").String(ex->decided_on.ToString());
        w.Key("conditions").BeginArray();
        for (const ExplainedCondition& c : ex->conditions) ConditionJson(w, c);
        w.EndArray();
        if (ex->amount) {
          w.Key("amount");
          ConditionJson(w, *ex->amount);
        }
        w.EndObject();
      }
    }
    w.EndObject();
  }
  w.EndArray();
}

void WriteDecision(JsonWriter& w, const DecisionView& d, const JsonOptions& options) {
  const RuleSet& rules = d.rules();
  w.BeginObject();
  w.Key("household_id").String(d.household_id());
  if (d.when().is_period) {
    w.Key("period").String(d.when().period.ToString());
  } else {
    // The same day for a whole run: formatted once per thread, not once per decision.
    static thread_local std::pair<int32_t, std::string> as_of{INT32_MIN, ""};
    if (as_of.first != d.when().as_of.days()) as_of = {d.when().as_of.days(), d.when().as_of.ToString()};
    w.Key("as_of").String(as_of.second);
  }
  const std::string& rules_json = internal::ImplOf(rules).rules_json;
  if (!options.pretty && !rules_json.empty()) {
    w.Members(rules_json);
  } else {
    w.Key("rules").BeginObject();
    w.Key("id").String(rules.info().id);
    w.Key("version").String(rules.info().version);
    w.Key("hash").String(rules.info().hash);
    w.EndObject();
  }
  w.Key("status").String(d.ok() ? "ok" : "error");
  w.Key("errors");
  IssuesJson(w, d.errors());
  w.Key("warnings");
  IssuesJson(w, d.warnings());
  w.Key("variables");
  VariablesJson(w, d, -1);
  w.Key("benefits");
  BenefitsJson(w, d, d.benefits(), options.explain, options.detail, options.pretty);
  w.Key("members").BeginArray();
  for (size_t m = 0; m < d.member_count(); ++m) {
    w.BeginObject();
    w.Key("person_id").String(d.member_id(m));
    w.Key("variables");
    VariablesJson(w, d, static_cast<int>(m));
    w.Key("benefits");
    BenefitsJson(w, d, d.member_benefits(m), options.explain, options.detail, options.pretty);
    w.Key("total_monthly").Int(d.member_total_monthly(m));
    w.EndObject();
  }
  w.EndArray();
  w.Key("total_monthly").Int(d.total_monthly());
  w.EndObject();
}

}  // namespace

ANSINH_END_NAMESPACE

namespace ansinh::internal {

std::vector<RuleSetImpl::BenefitJson> CompileBenefitJson(const std::vector<BenefitInfo>& benefits) {
  std::vector<RuleSetImpl::BenefitJson> out;
  for (const BenefitInfo& info : benefits) {
    RuleSetImpl::BenefitJson b;
    JsonWriter w;
    w.BeginObject();
    w.Key("unit").String(info.unit == BenefitUnit::kMoney ? "money" : "percent");
    w.Key("frequency").String(info.frequency == Frequency::kMonthly ? "monthly" : "once");
    w.Key("group");
    if (info.group.empty()) w.Null();
    else w.String(info.group);
    b.unit_group = w.str().substr(1);
    w.Clear();
    w.BeginObject().Key("reference").String(info.reference);
    b.reference = w.str().substr(1);
    b.unit_group_reference = b.unit_group + "," + b.reference;
    static_assert(static_cast<size_t>(BenefitStatus::kNotInForce) + 1 == std::tuple_size<decltype(b.heads)>::value,
                  "one head per BenefitStatus");
    for (size_t s = 0; s < b.heads.size(); ++s) {
      w.Clear();
      w.BeginObject().Key("benefit").String(info.id);
      w.Key("status").String(ToString(static_cast<BenefitStatus>(s)));
      w.Key("amount");
      b.heads[s] = w.str().substr(1);
      b.no_amount[s] = b.heads[s] + "null," + b.unit_group_reference + "," + std::string(kPlainTail);
    }
    out.push_back(std::move(b));
  }
  return out;
}

std::string CompileRulesJson(const PackageInfo& info) {
  JsonWriter w;
  w.BeginObject().Key("rules").BeginObject();
  w.Key("id").String(info.id);
  w.Key("version").String(info.version);
  w.Key("hash").String(info.hash);
  w.EndObject();
  return w.str().substr(1);
}

}  // namespace ansinh::internal

ANSINH_BEGIN_NAMESPACE

std::string ToJson(const DecisionView& d, const JsonOptions& options) {
  JsonWriter w(options.pretty);
  WriteDecision(w, d, options);
  return w.Take();
}

void AppendJson(const DecisionView& d, const JsonOptions& options, std::string* out) {
  JsonWriter w(std::move(*out), options.pretty);
  WriteDecision(w, d, options);
  *out = w.Take();
}

ANSINH_END_NAMESPACE
