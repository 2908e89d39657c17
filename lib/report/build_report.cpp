// BuildReport / BuildDiff: stream records through the builders.
#include <utility>

#include "ansinh/diff.hpp"
#include "ansinh/error.hpp"
#include "ansinh/reader.hpp"
#include "ansinh/report.hpp"

ANSINH_BEGIN_NAMESPACE

namespace {

EvaluateOptions ForReport(const ReportOptions& options) {
  EvaluateOptions eval;
  eval.reasons = false;  // reports need statuses, amounts and missing facts, not reasons
  eval.threads = options.threads;
  return eval;
}

size_t Chunk(const ReportOptions& options) { return options.chunk_households == 0 ? 8192 : options.chunk_households; }

}  // namespace

const char* ToString(ReportBy by) noexcept {
  switch (by) {
    case ReportBy::kBenefit: return "benefit";
    case ReportBy::kArea: return "area";
    case ReportBy::kCommune: return "commune";
    case ReportBy::kStatus: return "status";
  }
  return "benefit";
}

std::optional<ReportBy> ParseReportBy(std::string_view text) noexcept {
  for (ReportBy by : {ReportBy::kBenefit, ReportBy::kArea, ReportBy::kCommune, ReportBy::kStatus}) {
    if (text == ToString(by)) return by;
  }
  return std::nullopt;
}

Report BuildReport(const RuleSet& rules, const std::vector<std::string>& paths, const When& when,
                   const ReportOptions& options) {
  RecordReader reader(rules, paths, options.read);
  RecordBatch batch(rules);
  ReportBuilder builder(rules, when, options);
  const EvaluateOptions eval = ForReport(options);
  while (reader.Next(batch, Chunk(options))) builder.Add(batch, Evaluate(rules, batch, when, eval));
  return std::move(builder).Finish();
}

Report BuildReport(const RuleSet& rules, const RecordBatch& records, const When& when, const ReportOptions& options) {
  ReportBuilder builder(rules, when, options);
  builder.Add(records, Evaluate(rules, records, when, ForReport(options)));
  return std::move(builder).Finish();
}

Diff BuildDiff(const RuleSet& a, const RuleSet& b, const std::vector<std::string>& paths, const When& when,
               const ReportOptions& options) {
  // The records are read once per package: each package binds them to its own schema.
  RecordReader reader_a(a, paths, options.read);
  RecordReader reader_b(b, paths, options.read);
  RecordBatch batch_a(a);
  RecordBatch batch_b(b);
  DiffBuilder builder(a, b, when, options);
  const EvaluateOptions eval = ForReport(options);
  for (;;) {
    const bool more_a = reader_a.Next(batch_a, Chunk(options));
    const bool more_b = reader_b.Next(batch_b, Chunk(options));
    if (!more_a && !more_b) break;
    if (batch_a.size() != batch_b.size()) {
      throw InputError("the records were read differently for the two packages (" + std::to_string(batch_a.size()) +
                           " and " + std::to_string(batch_b.size()) + " households in one chunk)",
                       "hồ sơ được đọc khác nhau với hai gói luật (" + std::to_string(batch_a.size()) + " và " +
                           std::to_string(batch_b.size()) + " hộ trong một phần)");
    }
    builder.Add(batch_a, Evaluate(a, batch_a, when, eval), batch_b, Evaluate(b, batch_b, when, eval));
  }
  return std::move(builder).Finish();
}

Diff BuildDiff(const RuleSet& a, const RuleSet& b, const std::vector<Household>& households, const When& when,
               const ReportOptions& options) {
  RecordBatch batch_a(a);
  RecordBatch batch_b(b);
  for (size_t i = 0; i < households.size(); ++i) {
    RecordOrigin origin;
    origin.index = i;
    batch_a.Add(households[i], origin);
    batch_b.Add(households[i], origin);
  }
  DiffBuilder builder(a, b, when, options);
  const EvaluateOptions eval = ForReport(options);
  builder.Add(batch_a, Evaluate(a, batch_a, when, eval), batch_b, Evaluate(b, batch_b, when, eval));
  return std::move(builder).Finish();
}

ANSINH_END_NAMESPACE
