// Public evaluation entry points: one household, or a batch on N threads.
#include <algorithm>
#include <atomic>
#include <thread>

#include "ansinh/decision.hpp"
#include "ansinh/error.hpp"
#include "eval/chunk_evaluator.hpp"
#include "eval/decision_data.hpp"
#include "records/batch.hpp"

namespace ansinh {

using internal::DecisionData;

When When::AsOf(Date date) {
  When w;
  w.is_period = false;
  w.as_of = date;
  w.period = YearMonth(date.year(), date.month());
  return w;
}

When When::Month(YearMonth month) {
  When w;
  w.is_period = true;
  w.period = month;
  w.as_of = month.first_day();
  return w;
}

std::string When::ToString() const { return is_period ? period.ToString() : as_of.ToString(); }

const char* ToString(BenefitStatus status) noexcept {
  switch (status) {
    case BenefitStatus::kEligible: return "eligible";
    case BenefitStatus::kNotEligible: return "not_eligible";
    case BenefitStatus::kUndetermined: return "undetermined";
    case BenefitStatus::kSuperseded: return "superseded";
    case BenefitStatus::kNotInForce: return "not_in_force";
  }
  return "not_eligible";
}

namespace {

// Decisions for households that were not evaluated (cancelled): ids and an error.
void AddUnevaluated(const internal::BatchData& batch, size_t begin, size_t count, DecisionData& out) {
  for (size_t h = begin; h < begin + count; ++h) {
    internal::HouseholdRow row;
    row.id = out.AddText(batch.HouseholdId(h));
    row.ok = false;
    out.origins.push_back(batch.origins[h]);
    row.issue_begin = static_cast<uint32_t>(out.issues.size());
    RecordIssue issue;
    issue.code = "R_CANCELLED";
    issue.message = "evaluation was cancelled before this record";
    issue.message_vi = "việc tính toán đã bị dừng trước hồ sơ này";
    out.issues.push_back(issue);
    row.issue_count = 1;
    row.member_begin = static_cast<uint32_t>(out.members.size());
    row.outcome_begin = static_cast<uint32_t>(out.outcomes.size());
    row.var_begin = static_cast<uint32_t>(out.variables.size());
    row.indicator_begin = static_cast<uint32_t>(out.indicators.size());
    out.households.push_back(row);
  }
}

}  // namespace

DecisionBatch Evaluate(const RuleSet& rules, const RecordBatch& records, const When& when,
                       const EvaluateOptions& options) {
  const internal::BatchData& batch = records.data();
  if (batch.schema != &rules.impl().schema) {
    throw UsageError("the records were read for another rule set: build the RecordBatch with the same RuleSet");
  }
  auto data = std::make_shared<DecisionData>();
  data->rules = rules;
  data->when = when;
  data->reasons = options.reasons;
  data->explain = options.explain;
  const size_t n = batch.households;
  const size_t chunk = std::max<size_t>(1, options.chunk_households);
  const size_t chunks = (n + chunk - 1) / chunk;
  unsigned threads = options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  threads = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(1, chunks)));
  std::atomic<size_t> done{0};
  auto cancelled = [&] { return options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed); };
  auto run_chunk = [&](eval::ChunkEvaluator& ev, size_t c, DecisionData& out) {
    const size_t begin = c * chunk, count = std::min(chunk, n - begin);
    if (cancelled()) {
      AddUnevaluated(batch, begin, count, out);
    } else {
      ev.Evaluate(batch, begin, count, out);
    }
    const size_t finished = done.fetch_add(count) + count;
    if (options.progress) options.progress(finished);
  };
  if (threads <= 1) {
    eval::ChunkEvaluator ev(rules.impl(), when, options);
    for (size_t c = 0; c < chunks; ++c) run_chunk(ev, c, *data);
    return DecisionBatch(std::move(data));
  }
  std::vector<DecisionData> parts(chunks);
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      eval::ChunkEvaluator ev(rules.impl(), when, options);
      for (size_t c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) run_chunk(ev, c, parts[c]);
    });
  }
  for (std::thread& t : pool) t.join();
  for (DecisionData& part : parts) data->Append(std::move(part));
  return DecisionBatch(std::move(data));
}

Decision Evaluate(const RuleSet& rules, const Household& household, const When& when,
                  const EvaluateOptions& options) {
  RecordBatch batch(rules);
  batch.Add(household);
  EvaluateOptions one = options;
  one.threads = 1;
  DecisionBatch decisions = Evaluate(rules, batch, when, one);
  return Decision(decisions[0]);
}

size_t DecisionBatch::size() const noexcept { return data_ ? data_->households.size() : 0; }

namespace internal {

void DecisionData::Append(DecisionData&& part) {
  if (households.empty() && text_arena.empty()) {
    RuleSet keep = rules;
    When w = when;
    const bool r = reasons, e = explain;
    *this = std::move(part);
    rules = keep;
    when = w;
    reasons = r;
    explain = e;
    return;
  }
  const uint32_t members0 = static_cast<uint32_t>(members.size());
  const uint32_t outcomes0 = static_cast<uint32_t>(outcomes.size());
  const uint32_t details0 = static_cast<uint32_t>(details.size());
  const uint32_t missing0 = static_cast<uint32_t>(missing.size());
  const uint32_t values0 = static_cast<uint32_t>(values.size());
  const uint32_t prov0 = static_cast<uint32_t>(provisional.size());
  const uint32_t issues0 = static_cast<uint32_t>(issues.size());
  const uint32_t vars0 = static_cast<uint32_t>(variables.size());
  const uint32_t ind0 = static_cast<uint32_t>(indicators.size());
  const uint64_t text0 = text_arena.size();
  auto shift_text = [text0](int64_t ref) {
    return static_cast<int64_t>(static_cast<uint64_t>(ref) + (text0 << 24));
  };
  for (HouseholdRow r : part.households) {
    r.id = shift_text(r.id);
    r.member_begin += members0;
    r.outcome_begin += outcomes0;
    r.issue_begin += issues0;
    r.var_begin += vars0;
    r.indicator_begin += ind0;
    households.push_back(r);
  }
  for (MemberRow m : part.members) {
    m.id = shift_text(m.id);
    m.outcome_begin += outcomes0;
    m.var_begin += vars0;
    m.indicator_begin += ind0;
    members.push_back(m);
  }
  for (BenefitOutcome o : part.outcomes) {
    if (o.detail != UINT32_MAX) o.detail += details0;
    outcomes.push_back(o);
  }
  for (OutcomeDetail d : part.details) {
    d.missing_begin += missing0;
    d.values_begin += values0;
    d.provisional_begin += prov0;
    if (d.error >= 0) d.error = shift_text(d.error);
    details.push_back(d);
  }
  missing.insert(missing.end(), part.missing.begin(), part.missing.end());
  for (CapturedValue v : part.values) {
    if (v.state == 1 && IsStringRegister(rules, v.reg)) v.raw = shift_text(v.raw);  // text refs move too
    values.push_back(v);
  }
  provisional.insert(provisional.end(), part.provisional.begin(), part.provisional.end());
  for (RecordIssue& i : part.issues) issues.push_back(std::move(i));
  for (RecordOrigin& o : part.origins) origins.push_back(std::move(o));
  variables.insert(variables.end(), part.variables.begin(), part.variables.end());
  indicators.insert(indicators.end(), part.indicators.begin(), part.indicators.end());
  text_arena += part.text_arena;
}

}  // namespace internal
}  // namespace ansinh
