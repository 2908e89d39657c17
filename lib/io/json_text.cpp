#include "io/json_text.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <vector>

#include "common/json_writer.hpp"
#include "io/record_source.hpp"
#include "records/batch.hpp"
#include "runtime/access.hpp"
#include "runtime/rule_set_impl.hpp"

namespace ansinh::internal {
namespace {

// Accepts every event: the SAX parse of nlohmann::json only to learn where
// (and why) a text simdjson refused stops being JSON.
struct Locator : nlohmann::json_sax<nlohmann::json> {
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    failed = true;
    offset = position;
    message = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> "syntax error ..."
    const size_t colon = message.find(": ");
    if (colon != std::string::npos) message.erase(0, colon + 2);
    return false;
  }
  bool failed = false;
  size_t offset = 0;
  std::string message;
};

JsonTextError At(std::string_view text, size_t offset, std::string code, std::string message) {
  JsonTextError e;
  e.line = 1;
  size_t line_start = 0;
  if (offset > text.size()) offset = text.size();
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++e.line;
      line_start = i + 1;
    }
  }
  e.column = offset - line_start + 1;
  e.code = std::move(code);
  e.message = std::move(message);
  return e;
}

size_t FirstNonSpace(std::string_view text) {
  size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  return i;
}

// Reads and checks `text`; fills result.error when it is not a JSON object or
// array of objects. `array` tells which.
bool Prepare(const RuleSet& rules, std::string_view text, const JsonTextOptions& options, RecordBatch& batch,
             JsonTextResult& result, bool* array) {
  if (auto error = CheckJsonText(text)) {
    result.error = std::move(error);
    return false;
  }
  const size_t start = FirstNonSpace(text);
  if (text[start] != '{' && text[start] != '[') {
    result.error = At(text, start, "J_NOT_RECORDS", "expected a household object or an array of them");
    return false;
  }
  *array = text[start] == '[';
  ReadJsonText(rules, options.name, text, options.read, batch);
  return true;
}

EvaluateOptions EvalOptions(const JsonTextOptions& options, bool explain) {
  EvaluateOptions eval;
  eval.threads = 1;
  eval.explain = explain;
  eval.reasons = options.detail != Detail::kSummary || explain;  // as `ansinh eval`: a summary shows no reason
  return eval;
}

void AppendEntry(JsonWriter& w, const DecisionView& d, const BriefEntry& e) {
  const BenefitInfo& info = d.rules().benefits()[e.outcome.benefit];
  w.BeginObject();
  w.Key("person_id");
  if (e.member >= 0) {
    w.String(d.member_id(static_cast<size_t>(e.member)));
  } else {
    w.Null();
  }
  w.Key("benefit").String(info.id);
  w.Key("label").BeginObject().Key("vi").String(info.label.vi).Key("en").String(info.label.en).EndObject();
  w.Key("status").String(ToString(e.outcome.status));
  w.Key("amount");
  if (e.outcome.has_amount) {
    w.Int(e.outcome.amount);
  } else {
    w.Null();
  }
  w.Key("unit").String(info.unit == BenefitUnit::kMoney ? "money" : "percent");
  w.Key("frequency").String(info.frequency == Frequency::kMonthly ? "monthly" : "once");
  w.Key("provisional").Bool(e.outcome.provisional);
  w.Key("missing").BeginArray();
  if (e.outcome.status == BenefitStatus::kUndetermined) {
    for (const std::string& m : d.missing(e.outcome)) w.String(m);
  }
  w.EndArray();
  w.Key("reason").BeginObject();
  w.Key("vi").String(d.reason(e.outcome, Language::kVi));
  w.Key("en").String(d.reason(e.outcome, Language::kEn));
  w.EndObject();
  w.EndObject();
}

void AppendEntries(JsonWriter& w, const DecisionView& d, std::string_view key, const std::vector<BriefEntry>& list) {
  w.Key(key).BeginArray();
  for (const BriefEntry& e : list) AppendEntry(w, d, e);
  w.EndArray();
}

// MakeBrief as JSON, with the ToText of the same detail in both languages.
void AppendExplanation(JsonWriter& w, const DecisionView& d, Detail detail) {
  w.BeginObject();
  w.Key("household_id").String(d.household_id());
  w.Key("status").String(d.ok() ? "ok" : "error");
  w.Key("errors").BeginArray();
  for (const RecordIssue& e : d.errors()) {
    w.BeginObject().Key("code").String(e.code).Key("field").String(e.field);
    w.Key("message").BeginObject().Key("vi").String(e.message_vi).Key("en").String(e.message).EndObject();
    w.EndObject();
  }
  w.EndArray();
  const Brief b = MakeBrief(d, detail);
  w.Key("total_monthly").Int(b.total_monthly);
  w.Key("total_provisional").Bool(b.total_provisional);
  w.Key("members").BeginArray();
  for (size_t m = 0; m < d.member_count(); ++m) w.String(d.member_id(m));
  w.EndArray();
  AppendEntries(w, d, "receives", b.receives);
  AppendEntries(w, d, "undetermined", b.undetermined);
  w.Key("questions").BeginArray();
  for (const BriefQuestion& q : b.questions) {
    w.BeginObject();
    w.Key("path").String(q.path);
    w.Key("person_id");
    if (q.member >= 0) {
      w.String(d.member_id(static_cast<size_t>(q.member)));
    } else {
      w.Null();
    }
    w.Key("field");
    if (q.field != nullptr) {
      w.String(q.field->name);
    } else {
      w.Null();
    }
    w.Key("label").BeginObject();
    w.Key("vi").String(q.field != nullptr ? q.field->label.vi : q.path);
    w.Key("en").String(q.field != nullptr ? q.field->label.en : q.path);
    w.EndObject();
    AppendEntries(w, d, "decides", q.decides);
    w.EndObject();
  }
  w.EndArray();
  AppendEntries(w, d, "awaiting_text", b.awaiting_text);
  AppendEntries(w, d, "near_misses", b.near_misses);
  AppendEntries(w, d, "others", b.others);
  w.Key("text").BeginObject();
  TextOptions text;
  text.detail = detail;
  text.lang = Language::kVi;
  w.Key("vi").String(ToText(d, text));
  text.lang = Language::kEn;
  w.Key("en").String(ToText(d, text));
  w.EndObject();
  w.EndObject();
}

}  // namespace

std::optional<JsonTextError> CheckJsonText(std::string_view text) {
  if (FirstNonSpace(text) == text.size()) return At(text, text.size(), "J_EMPTY", "no JSON text: the body is empty");
  // simdjson first (fast, and the parser the record reader uses); its refusals
  // are located by nlohmann::json's parser, which also decides the cases
  // simdjson refuses for its own limits (a number beyond 64 bits, depth): those
  // are JSON, and the record reader reports them per field.
  thread_local simdjson::dom::parser parser;
  const simdjson::padded_string padded(text);
  if (!parser.parse(padded).error()) return std::nullopt;
  Locator locator;
  nlohmann::json::sax_parse(text.begin(), text.end(), &locator, nlohmann::json::input_format_t::json, true);
  if (!locator.failed) return std::nullopt;
  // nlohmann counts the offending byte as read: the error is at the byte before.
  return At(text, locator.offset > 0 ? locator.offset - 1 : 0, "J_SYNTAX", locator.message);
}

void ReadJsonText(const RuleSet& rules, std::string name, std::string_view text, const ReadOptions& options,
                  RecordBatch& batch) {
  const CompiledSchema& schema = ImplOf(rules).schema;
  std::unique_ptr<RecordSource> source = MakeJsonTextSource(schema, std::move(name), text, options);
  BatchBuilder builder(&DataOf(batch), ToBuildLimits(options));
  while (source->ReadOne(builder)) {
  }
}

JsonTextResult EvaluateJsonText(const RuleSet& rules, std::string_view text, const JsonTextOptions& options) {
  JsonTextResult result;
  RecordBatch batch(rules);
  bool array = false;
  if (!Prepare(rules, text, options, batch, result, &array)) return result;
  const DecisionBatch decisions = Evaluate(rules, batch, options.when, EvalOptions(options, options.explain));
  JsonOptions json;
  json.explain = options.explain;
  json.detail = options.detail;
  result.households = decisions.size();
  if (decisions.size() > 0) result.first_household_id = std::string(decisions[0].household_id());
  // The framing of `ansinh eval --format json` (lib/cli/eval_command.cpp) and of jsonl.
  if (array) result.json += "[\n";
  for (size_t i = 0; i < decisions.size(); ++i) {
    const DecisionView d = decisions[i];
    if (!d.ok()) ++result.record_errors;
    if (array && i > 0) result.json += ",\n";
    AppendJson(d, json, &result.json);
    if (!array) result.json += '\n';
  }
  if (array) result.json += decisions.size() == 0 ? "]\n" : "\n]\n";
  return result;
}

JsonTextResult ExplainJsonText(const RuleSet& rules, std::string_view text, const JsonTextOptions& options) {
  JsonTextResult result;
  RecordBatch batch(rules);
  bool array = false;
  if (!Prepare(rules, text, options, batch, result, &array)) return result;
  const DecisionBatch decisions = Evaluate(rules, batch, options.when, EvalOptions(options, true));
  result.households = decisions.size();
  if (decisions.size() > 0) result.first_household_id = std::string(decisions[0].household_id());
  JsonWriter w;
  if (array) w.BeginArray();
  for (size_t i = 0; i < decisions.size(); ++i) {
    if (!decisions[i].ok()) ++result.record_errors;
    AppendExplanation(w, decisions[i], options.detail);
  }
  if (array) w.EndArray();
  result.json = w.Take();
  result.json += '\n';
  return result;
}

}  // namespace ansinh::internal
