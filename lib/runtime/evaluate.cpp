// Public evaluation entry points: one household, or a batch on N threads.
#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>
#include <type_traits>

#include "runtime/access.hpp"
#include "ansinh/decision.hpp"
#include "ansinh/error.hpp"
#include "eval/chunk_evaluator.hpp"
#include "eval/decision_data.hpp"
#include "records/batch.hpp"
#include "runtime/rule_set_impl.hpp"

ANSINH_BEGIN_NAMESPACE

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

const char* ToString(Detail detail) noexcept {
  switch (detail) {
    case Detail::kSummary: return "summary";
    case Detail::kReasons: return "reasons";
    case Detail::kFull: return "full";
  }
  return "full";
}

std::optional<Detail> ParseDetail(std::string_view text) noexcept {
  if (text == "summary") return Detail::kSummary;
  if (text == "reasons") return Detail::kReasons;
  if (text == "full") return Detail::kFull;
  return std::nullopt;
}

bool Listed(const BenefitOutcome& o, Detail detail) noexcept {
  switch (detail) {
    case Detail::kFull: return true;
    case Detail::kReasons:
      if (o.status == BenefitStatus::kNotEligible && o.near_miss) return true;
      [[fallthrough]];
    case Detail::kSummary: return o.status == BenefitStatus::kEligible || o.status == BenefitStatus::kUndetermined;
  }
  return true;
}

namespace {

// Sizes every column of `out` for the whole batch, carving them all out of
// one arena allocation (a single household's decision is one allocation, not forty).
void Allocate(const RuleSet& rules, const internal::BatchData& batch, DecisionData& out) {
  const internal::RuleSetImpl& impl = internal::ImplOf(rules);
  const size_t nh = batch.households, np = batch.persons;
  out.households.resize(nh);
  out.members.resize(np);
  size_t bytes = 0;
  auto reserve = [&bytes](size_t count, size_t size) { bytes += (count * size + 7) & ~size_t{7}; };
  for (const BenefitInfo& b : impl.benefits) {
    const size_t n = b.applies_to == Entity::kHousehold ? nh : np;
    reserve(n, 1);
    reserve(n, 8);
    reserve(n, 4);
    if (out.dense_details) reserve(n, 4);
  }
  for (const VariableInfo& v : impl.variables) reserve(v.entity == Entity::kHousehold ? nh : np, sizeof(internal::VarValue));
  for (const IndicatorInfo& i : impl.indicators) reserve(i.population == Entity::kHousehold ? nh : np, 1);
  out.arena = internal::MakeBigBuffer(bytes);
  std::byte* at = out.arena.get();
  auto carve = [&at](auto& column, size_t count) {
    using T = std::remove_reference_t<decltype(*column.data())>;
    column.Bind(reinterpret_cast<T*>(at), count);
    at += (count * sizeof(T) + 7) & ~size_t{7};
  };
  for (size_t b = 0; b < impl.benefits.size(); ++b) {
    const bool household = impl.benefits[b].applies_to == Entity::kHousehold;
    internal::OutcomeColumn col;
    col.benefit = static_cast<uint32_t>(b);
    const size_t n = household ? nh : np;
    carve(col.status, n);
    carve(col.amount, n);
    carve(col.superseded_by, n);
    if (out.dense_details) carve(col.detail, n);
    (household ? out.household_outcomes : out.person_outcomes).push_back(col);
  }
  for (const VariableInfo& v : impl.variables) {
    auto& list = v.entity == Entity::kHousehold ? out.household_vars : out.person_vars;
    list.emplace_back();
    carve(list.back(), v.entity == Entity::kHousehold ? nh : np);
  }
  for (const IndicatorInfo& i : impl.indicators) {
    auto& list = i.population == Entity::kHousehold ? out.household_indicators : out.person_indicators;
    list.emplace_back();
    carve(list.back(), i.population == Entity::kHousehold ? nh : np);
  }
}

// The parts of a rule set the evaluator reads.
eval::EvalRules EvalRulesOf(const internal::RuleSetImpl& impl) {
  return {*impl.program, impl.checks, impl.parameters, impl.benefits};
}

// The evaluator and record batch a thread reuses for single calls and
// one-thread batches, so that evaluating one household does not rebuild
// buffers each time. Keeps the last RuleSet alive while the thread lives.
struct ThreadCache {
  std::optional<RuleSet> rules;
  std::unique_ptr<eval::ChunkEvaluator> evaluator;
  std::unique_ptr<RecordBatch> batch;
  bool busy = false;  // an evaluation on this thread is using it (a progress callback may evaluate again)
};
thread_local ThreadCache t_cache;

ThreadCache& CacheFor(const RuleSet& rules) {
  if (!t_cache.rules || &internal::ImplOf(*t_cache.rules) != &internal::ImplOf(rules)) {
    t_cache = ThreadCache{};
    t_cache.rules = rules;
  }
  return t_cache;
}

// The evaluator of one evaluation on this thread: the thread's cached one, or, when that is in use
// (an evaluation from inside a progress callback of another), one of its own.
class EvaluatorLease {
 public:
  EvaluatorLease(const RuleSet& rules, const When& when, const EvaluateOptions& options) {
    if (t_cache.busy) {
      own_ = std::make_unique<eval::ChunkEvaluator>(EvalRulesOf(internal::ImplOf(rules)), when, options);
      ev_ = own_.get();
      return;
    }
    ThreadCache& c = CacheFor(rules);
    if (!c.evaluator) c.evaluator = std::make_unique<eval::ChunkEvaluator>(EvalRulesOf(internal::ImplOf(rules)), when, options);
    c.evaluator->Reset(when, options);
    c.busy = true;
    ev_ = c.evaluator.get();
  }
  ~EvaluatorLease() {
    if (!own_) t_cache.busy = false;
  }
  EvaluatorLease(const EvaluatorLease&) = delete;
  EvaluatorLease& operator=(const EvaluatorLease&) = delete;
  eval::ChunkEvaluator& get() noexcept { return *ev_; }

 private:
  std::unique_ptr<eval::ChunkEvaluator> own_;
  eval::ChunkEvaluator* ev_ = nullptr;
};

// Households that were not evaluated (cancelled): ids and an error.
void MarkUnevaluated(const internal::BatchData& batch, size_t begin, size_t count, DecisionData& out,
                     uint32_t chunk) {
  internal::ChunkPool& pool = *out.pools[chunk];
  for (size_t h = begin; h < begin + count; ++h) {
    internal::HouseholdRow& row = out.households[h];
    row.chunk = chunk;
    row.id = pool.AddText(batch.HouseholdId(h));
    row.ok = false;
    row.origin_file = static_cast<uint32_t>(pool.origin_files.size());
    pool.origin_files.push_back(batch.origins[h].file);
    row.origin_line = batch.origins[h].line;
    row.origin_index = batch.origins[h].index;
    row.issue_begin = static_cast<uint32_t>(pool.issues.size());
    RecordIssue issue;
    issue.code = "R_CANCELLED";
    issue.message = "evaluation was cancelled before this record";
    issue.message_vi = "việc tính toán đã bị dừng trước hồ sơ này";
    pool.issues.push_back(issue);
    row.issue_count = 1;
    row.member_begin = batch.member_begin[h];
    row.member_count = batch.member_begin[h + 1] - batch.member_begin[h];
    for (uint32_t p = row.member_begin; p < row.member_begin + row.member_count; ++p) {
      out.members[p].id = pool.AddText(batch.PersonId(p));
      out.members[p].household = static_cast<uint32_t>(h);
    }
  }
}

}  // namespace

DecisionBatch Evaluate(const RuleSet& rules, const RecordBatch& records, const When& when,
                       const EvaluateOptions& options) {
  const internal::BatchData& batch = internal::DataOf(records);
  if (batch.schema != &internal::ImplOf(rules).schema) {
    throw UsageError("the records were read for another rule set: build the RecordBatch with the same RuleSet");
  }
  auto data = std::make_shared<DecisionData>();
  data->rules = rules;
  data->when = when;
  data->reasons = options.reasons;
  data->explain = options.explain;
  data->dense_details = options.reasons || options.explain;
  Allocate(rules, batch, *data);
  const size_t n = batch.households;
  const size_t chunk = std::max<size_t>(1, options.chunk_households);
  const size_t chunks = (n + chunk - 1) / chunk;
  data->pools.resize(chunks);
  for (auto& p : data->pools) p = std::make_unique<internal::ChunkPool>();
  unsigned threads = options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  threads = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(1, chunks)));
  std::atomic<size_t> done{0};
  auto cancelled = [&] { return options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed); };
  auto run_chunk = [&](eval::ChunkEvaluator& ev, size_t c) {
    const size_t begin = c * chunk, count = std::min(chunk, n - begin);
    if (cancelled()) {
      MarkUnevaluated(batch, begin, count, *data, static_cast<uint32_t>(c));
    } else {
      ev.Evaluate(batch, begin, count, *data, static_cast<uint32_t>(c));
    }
    const size_t finished = done.fetch_add(count) + count;
    if (options.progress) options.progress(finished);
  };
  if (threads <= 1) {
    EvaluatorLease ev(rules, when, options);
    for (size_t c = 0; c < chunks; ++c) run_chunk(ev.get(), c);
    return internal::Access::MakeDecisionBatch(std::move(data));
  }
  // Chunks write disjoint slices of the columns and their own pools: no merge. The calling thread
  // takes chunks too, with its cached evaluator (its buffers already in memory from earlier calls);
  // threads - 1 more start with evaluators of their own.
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    pool.emplace_back([&] {
      eval::ChunkEvaluator ev(EvalRulesOf(internal::ImplOf(rules)), when, options);
      for (size_t c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) run_chunk(ev, c);
    });
  }
  try {
    EvaluatorLease ev(rules, when, options);
    for (size_t c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) run_chunk(ev.get(), c);
  } catch (...) {
    next.store(chunks);  // the other threads take no more chunks
    for (std::thread& t : pool) t.join();
    throw;
  }
  for (std::thread& t : pool) t.join();
  return internal::Access::MakeDecisionBatch(std::move(data));
}

Decision Evaluate(const RuleSet& rules, const Household& household, const When& when,
                  const EvaluateOptions& options) {
  EvaluateOptions one = options;
  one.threads = 1;
  if (t_cache.busy) {  // from inside another evaluation's progress callback: nothing of the cache
    RecordBatch batch(rules);
    batch.Add(household);
    return Decision(Evaluate(rules, batch, when, one)[0]);
  }
  ThreadCache& cache = CacheFor(rules);
  if (!cache.batch) cache.batch = std::make_unique<RecordBatch>(rules);
  RecordBatch& batch = *cache.batch;
  batch.Clear();
  batch.Add(household);
  DecisionBatch decisions = Evaluate(rules, batch, when, one);
  return Decision(decisions[0]);
}

size_t DecisionBatch::size() const noexcept { return data_ ? data_->households.size() : 0; }

ANSINH_END_NAMESPACE
