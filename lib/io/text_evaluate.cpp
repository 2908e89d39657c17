#include "io/text_evaluate.hpp"

#include <memory>
#include <optional>
#include <vector>

#include "ansinh/error.hpp"
#include "io/record_source.hpp"
#include "runtime/access.hpp"
#include "runtime/brief_json.hpp"
#include "runtime/rule_set_impl.hpp"

namespace ansinh::internal {
namespace {

// As `ansinh eval` reads a file: chunks of this many households.
constexpr size_t kChunk = 8192;

std::unique_ptr<RecordSource> OpenText(const RuleSet& rules, std::string_view text, RecordFormat format,
                                       const ReadOptions& read, const std::string& name) {
  const CompiledSchema& schema = ImplOf(rules).schema;
  switch (format) {
    case RecordFormat::kAuto:
    case RecordFormat::kJson: return MakeJsonSource(schema, MemoryInput{name, text}, read);
    case RecordFormat::kJsonLines: return MakeJsonLinesSource(schema, MemoryInput{name, text}, read);
    default: break;
  }
  throw UsageError("records given as text are JSON (an object, an array of objects) or JSON Lines",
                   "hồ sơ đưa dạng văn bản phải là JSON (một đối tượng, một mảng đối tượng) hoặc JSON Lines");
}

// Clears `batch` and fills it with up to `max` households of `source`; false when none was left.
bool Fill(RecordSource& source, RecordBatch& batch, const ReadOptions& read, size_t max) {
  batch.Clear();
  BatchBuilder builder(&DataOf(batch), ToBuildLimits(read));
  size_t n = 0;
  while (n < max && source.ReadOne(builder)) ++n;
  return n > 0;
}

// The record batch a thread reuses from one call to the next (the service
// answers every request with one call): its columns keep their capacity, so
// reading a household does not grow a hundred vectors from nothing each time.
// Bound to one rule set (a reload brings a new one; the old is then let go).
RecordBatch& ThreadBatch(const RuleSet& rules) {
  struct Cache {
    std::optional<RuleSet> rules;
    std::unique_ptr<RecordBatch> batch;
  };
  thread_local Cache cache;
  if (!cache.rules || &ImplOf(*cache.rules) != &ImplOf(rules)) {
    cache = Cache{};
    cache.rules = rules;
    cache.batch = std::make_unique<RecordBatch>(rules);
  }
  return *cache.batch;
}

}  // namespace

TextEvaluateCounts EvaluateText(const RuleSet& rules, std::string_view text, const When& when,
                                const TextEvaluateOptions& options, std::string* out) {
  std::unique_ptr<RecordSource> source = OpenText(rules, text, options.format, options.read, options.name);
  // The options of RunEval (lib/cli/eval_command.cpp), field by field.
  EvaluateOptions evaluate;
  evaluate.explain = options.explain;
  evaluate.threads = options.threads;
  evaluate.reasons = options.detail != Detail::kSummary || options.explain;
  JsonOptions json;
  json.explain = options.explain;
  json.detail = options.detail;
  const bool array = options.layout == DecisionLayout::kJsonArray;
  TextEvaluateCounts counts;
  if (array) *out += "[\n";
  RecordBatch& batch = ThreadBatch(rules);
  while (Fill(*source, batch, options.read, kChunk)) {
    const DecisionBatch decisions = Evaluate(rules, batch, when, evaluate);
    for (size_t i = 0; i < decisions.size(); ++i) {
      const DecisionView d = decisions[i];
      if (array && counts.households > 0) *out += ",\n";
      AppendJson(d, json, out);
      if (!array) *out += '\n';
      counts.errors += d.ok() ? 0 : 1;
      ++counts.households;
    }
  }
  if (array) *out += counts.households == 0 ? "]\n" : "\n]\n";
  return counts;
}

TextExplanation ExplainText(const RuleSet& rules, std::string_view text, const When& when,
                            const TextExplainOptions& options) {
  std::unique_ptr<RecordSource> source = OpenText(rules, text, options.format, options.read, options.name);
  // As RunExplain (lib/cli/explain_command.cpp): the first household with the
  // id asked for; without an id, the text must hold exactly one.
  EvaluateOptions evaluate;
  evaluate.explain = true;
  std::vector<std::string> seen;
  RecordBatch batch(rules);
  while (Fill(*source, batch, options.read, 4096)) {
    for (size_t i = 0; i < batch.size(); ++i) {
      const std::string id(batch.household_id(i));
      if (seen.size() < 6) seen.push_back(id);
      if (!options.household.empty() && id != options.household) continue;
      if (options.household.empty() && (batch.size() > 1 || seen.size() > 1)) {
        throw UsageError("the records hold several households: choose one by its id (e.g. " + seen.front() + ")",
                         "hồ sơ có nhiều hộ: chọn một hộ theo mã (ví dụ " + seen.front() + ")");
      }
      const DecisionBatch all = Evaluate(rules, batch, when, evaluate);
      TextOptions text_options;
      text_options.lang = options.lang;
      text_options.trace = options.trace;
      text_options.detail = options.detail;
      TextExplanation result;
      result.text = ToText(all[i], text_options);
      AppendBriefJson(all[i], options.detail, options.lang, &result.brief_json);
      result.ok = all[i].ok();
      return result;
    }
  }
  if (seen.empty()) throw UsageError("the records hold no household", "hồ sơ không có hộ nào");
  std::string ids;
  for (const std::string& s : seen) ids += (ids.empty() ? "" : ", ") + s;
  throw UsageError("no household '" + options.household + "' in the records (first ids: " + ids + ")",
                   "không có hộ '" + options.household + "' trong hồ sơ (các mã đầu tiên: " + ids + ")");
}

}  // namespace ansinh::internal
