// BuildReport / BuildDiff: stream records through the builders.
#include <algorithm>
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

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

namespace {

// Two threads or more: each worker takes the next run of records (RecordReader::NextConcurrent:
// JSON Lines and CSV records converted on the workers) into a free slot and evaluates it there on one
// thread; this thread adds the slots to the report in input order, so the report (its lists are in
// input order) is the one thread's. A slot holds chunk / threads households (at least 256), and
// there are `threads` + 2 of them: in memory about (threads + 2) / threads chunks.
void AddInParallel(RecordReader& reader, const RuleSet& rules, const When& when, const ReportOptions& options,
                   unsigned threads, ReportBuilder& builder) {
  struct Slot {
    explicit Slot(const RuleSet& r) : records(r) {}
    RecordBatch records;
    DecisionBatch decisions;
    std::exception_ptr error;  // of the evaluation
  };
  std::vector<std::unique_ptr<Slot>> slots;
  for (unsigned i = 0; i < threads + 2; ++i) slots.push_back(std::make_unique<Slot>(rules));
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<Slot*> free;
  for (auto& slot : slots) free.push_back(slot.get());
  std::map<size_t, Slot*> done;  // evaluated, by place
  size_t running = threads;
  bool stop = false;
  std::exception_ptr read_error;
  EvaluateOptions eval = ForReport(options);
  eval.threads = 1;  // the workers are the parallelism
  const size_t run = std::max<size_t>(256, Chunk(options) / threads);
  auto work = [&] {
    for (;;) {
      Slot* slot = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return stop || !free.empty(); });
        if (stop) break;
        slot = free.back();
        free.pop_back();
      }
      size_t place = 0;
      bool got = false;
      try {
        const std::optional<size_t> given = reader.NextConcurrent(slot->records, run);
        got = given.has_value();
        place = given.value_or(0);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!read_error) read_error = std::current_exception();
      }
      if (!got) {  // the end, or the reader's error: no worker reads another run
        std::lock_guard<std::mutex> lock(mutex);
        free.push_back(slot);
        stop = true;
        break;
      }
      slot->error = nullptr;
      try {
        slot->decisions = Evaluate(rules, slot->records, when, eval);
      } catch (...) {
        slot->error = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mutex);
        done.emplace(place, slot);
      }
      changed.notify_all();
    }
    {
      std::lock_guard<std::mutex> lock(mutex);
      --running;
    }
    changed.notify_all();
  };
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < threads; ++i) workers.emplace_back(work);
  auto finish = [&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stop = true;
    }
    changed.notify_all();
    for (std::thread& t : workers) t.join();
  };
  try {
    for (size_t next = 0;; ++next) {
      Slot* slot = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return done.count(next) != 0 || running == 0; });
        const auto it = done.find(next);
        if (it == done.end()) break;  // every worker has stopped and this place never came: the end
        slot = it->second;
        done.erase(it);
      }
      if (slot->error) std::rethrow_exception(slot->error);
      builder.Add(slot->records, slot->decisions);
      slot->decisions = DecisionBatch();
      {
        std::lock_guard<std::mutex> lock(mutex);
        free.push_back(slot);
      }
      changed.notify_all();
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
  if (read_error) std::rethrow_exception(read_error);
}

}  // namespace

Report BuildReport(const RuleSet& rules, const std::vector<std::string>& paths, const When& when,
                   const ReportOptions& options) {
  RecordReader reader(rules, paths, options.read);
  ReportBuilder builder(rules, when, options);
  const unsigned threads = options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  if (threads >= 2) {
    AddInParallel(reader, rules, when, options, threads, builder);
    return std::move(builder).Finish();
  }
  RecordBatch batch(rules);
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
