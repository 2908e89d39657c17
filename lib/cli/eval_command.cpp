// `ansinh eval <package> <records...>`: decisions for every record, streamed.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>
#include <vector>

#include "ansinh/decimal.hpp"
#include "ansinh/reader.hpp"
#include "ansinh/report.hpp"
#include "cli/common.hpp"
#include "cli/xlsx_export.hpp"

namespace ansinh::cli {

void RegisterEval(CLI::App& app, Options& o) {
  CLI::App* c = app.add_subcommand("eval", "Evaluate household records: one decision per record, in input order");
  c->add_option("package", o.rules, "Rule package folder")->required();
  c->add_option("records", o.records,
                "Records: a .json/.jsonl/.yaml file, or households.csv persons.csv")->required();
  c->add_option("--as-of", o.as_of, "Evaluate as of this day (YYYY-MM-DD)");
  c->add_option("--period", o.period, "Evaluate for this month (YYYY-MM), by each benefit's month rule");
  c->add_option("--format", o.format, "jsonl (default), json, csv, text or xlsx (Excel: needs --output)")
      ->check(CLI::IsMember({"jsonl", "json", "csv", "text", "xlsx"}));
  c->add_option("--lang", o.lang, "Language of reasons in csv/text and of xlsx: vi (default) or en")->check(CLI::IsMember({"vi", "en"}));
  c->add_option("--detail", o.detail,
                 "summary (eligible and undetermined benefits, no reasons: the batch format), reasons (plus "
                 "reasons and near misses) or full (every benefit, every reason: the default)")
      ->check(CLI::IsMember({"summary", "reasons", "full"}));
  c->add_flag("--explain", o.explain, "Include each condition, its value and the values it read");
  c->add_option("--threads", o.threads, "Worker threads (default: all cores)");
  c->add_option("--output,-o", o.output, "Write to this file instead of standard output");
  c->add_flag("--csv-raw", o.csv_raw,
              "csv: write cells as they are (by default a cell starting with =, +, -, @ gets a leading ' so that "
              "spreadsheets do not run it as a formula)");
  c->add_flag("--csv-bom", o.csv_bom,
              "csv: start with a UTF-8 byte-order mark, so that Excel on Windows reads the Vietnamese text right");
  c->add_option("--root", o.roots, "Folder that `extends` may resolve into (repeatable)");
  AddRecordsFormat(c, o);
  c->add_flag("--allow-outside", o.allow_outside,
              "Follow symbolic links that lead out of the package folder (refused by default: E_LINK_OUTSIDE)");
  c->add_flag("--strict", o.quiet, "Exit with 1 when any record has errors");
}

namespace {

// The summary CSV has no superseded_by, reference or reason column (docs/cli.md).
void CsvHeader(std::string& out, Detail detail) {
  out += detail == Detail::kSummary
             ? "household_id,person_id,benefit,status,amount,unit,frequency,group,missing,provisional\n"
             : "household_id,person_id,benefit,status,amount,unit,frequency,group,superseded_by,missing,provisional,"
               "reference,reason\n";
}

void CsvRows(std::string& out, const DecisionView& d, Language lang, Detail detail, bool guard) {
  auto CsvField = [guard](std::string_view value) { return CsvCell(value, guard); };
  const RuleSet& rules = d.rules();
  const bool summary = detail == Detail::kSummary;
  const std::string hid = CsvField(d.household_id());
  if (!d.ok()) {
    std::string messages;
    for (const RecordIssue& e : d.errors()) {
      messages += (messages.empty() ? "" : "; ") + e.code + (e.field.empty() ? "" : " " + e.field) + ": " +
                  (lang == Language::kVi ? e.message_vi : e.message);
    }
    out += hid + (summary ? ",,,error,,,,,," : ",,,error,,,,,,,,,") + CsvField(messages) + "\n";
    return;
  }
  std::string missing, person_cell;  // reused for every row of the decision
  auto rows = [&](std::string_view person, OutcomeRange outcomes) {
    person_cell.clear();
    AppendCsvCell(&person_cell, person, guard);
    for (const BenefitOutcome o : outcomes) {
      if (!Listed(o, detail)) continue;
      const BenefitInfo& info = rules.benefits()[o.benefit];
      out += hid;
      out += ',';
      out += person_cell;
      out += ',';
      out += info.id;
      out += ',';
      out += ToString(o.status);
      out += ',';
      if (o.has_amount) out += std::to_string(o.amount);
      out += info.unit == BenefitUnit::kMoney ? ",money," : ",percent,";
      out += info.frequency == Frequency::kMonthly ? "monthly," : "once,";
      out += info.group;
      out += ',';
      if (!summary) {
        if (o.superseded_by >= 0) out += rules.benefits()[o.superseded_by].id;
        out += ',';
      }
      if (o.status == BenefitStatus::kUndetermined) {
        missing.clear();
        for (const std::string& m : d.missing(o)) {
          if (!missing.empty()) missing += ';';
          missing += m;
        }
        AppendCsvCell(&out, missing, guard);
      }
      out += o.provisional ? ",true" : ",false";
      if (!summary) {
        out += ',';
        AppendCsvCell(&out, info.reference, guard);
        out += ',';
        AppendCsvCell(&out, d.reason(o, lang), guard);
      }
      out += '\n';
    }
  };
  rows("", d.benefits());
  for (size_t m = 0; m < d.member_count(); ++m) rows(d.member_id(m), d.member_benefits(m));
}

// `--format xlsx` with two threads or more: the records are read on a thread of their own, continuously, into a
// fixed ring of batches (memory bounded by the ring, not the file); the caller takes each filled
// batch in input order and gives it back when done. The reader's exception (an unreadable file)
// reaches the caller at the batch where it happened, after every batch read before it.
class ReadAhead {
 public:
  ReadAhead(RecordReader& reader, const RuleSet& rules, size_t slots, size_t households)
      : reader_(reader), households_(households) {
    for (size_t i = 0; i < slots; ++i) {
      batches_.push_back(std::make_unique<RecordBatch>(rules));
      free_.push_back(batches_.back().get());
    }
    thread_ = std::thread([this] { Run(); });
  }
  ~ReadAhead() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  // The next batch in input order, nullptr at the end; rethrows the reader's exception.
  RecordBatch* Next() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return !filled_.empty(); });
    const Filled f = filled_.front();
    filled_.pop_front();
    if (f.error) std::rethrow_exception(f.error);
    return f.batch;
  }
  void Release(RecordBatch* batch) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      free_.push_back(batch);
    }
    changed_.notify_all();
  }

 private:
  struct Filled {
    RecordBatch* batch;  // nullptr: the end (or the error)
    std::exception_ptr error;
  };

  void Run() {
    for (;;) {
      RecordBatch* batch = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [this] { return stop_ || !free_.empty(); });
        if (stop_) return;
        batch = free_.back();
        free_.pop_back();
      }
      Filled f{batch, nullptr};
      try {
        if (!reader_.Next(*batch, households_)) f.batch = nullptr;
      } catch (...) {
        f = Filled{nullptr, std::current_exception()};
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        filled_.push_back(f);
      }
      changed_.notify_all();
      if (f.batch == nullptr) return;
    }
  }

  RecordReader& reader_;
  const size_t households_;
  std::vector<std::unique_ptr<RecordBatch>> batches_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<RecordBatch*> free_;
  std::deque<Filled> filled_;
  bool stop_ = false;
  std::thread thread_;
};


// Households per batch, on one thread as on more (a batch's decisions are formatted into one
// piece of text; at `--detail full`, ~11 KB per household, a batch of 512 is ~6 MB: what the
// evaluation captured for it is still in the cache when it is formatted, and the text when it is
// written; 8,192 on one thread took 1.6x the CPU time of 512 at `full`, docs/performance.md), and
// with two threads or more, batches read ahead.
size_t PipelineBatch(Detail detail) { return detail == Detail::kSummary ? 2048 : 512; }
size_t PipelineSlots(unsigned threads) { return static_cast<size_t>(threads) + 2; }

// A batch's output: its decisions as text and its counts (Pipeline, RunEval).
struct Piece {
  std::string text;
  size_t households = 0, persons = 0, errors = 0, warnings = 0, undetermined = 0;
  std::vector<int64_t> totals;  // each household's total_monthly, summed in input order
  void Clear() {
    text.clear();
    totals.clear();
    households = persons = errors = warnings = undetermined = 0;
  }
};

// `ansinh eval` on two threads or more: each of `workers` threads takes the next run of records
// from the reader (RecordReader::NextConcurrent: the text taken one thread at a time, converted on
// the worker's own thread, its place in the input given with it), evaluates and formats it whole
// (`work`), and hands its Piece back by that place; Next gives the pieces in input order. No thread
// of its own for reading: with as many threads as cores, the reading and the work on other batches
// share the cores without a third thread taking turns with them. Work is by whole batches (no
// barrier inside one), the threads are started once, and at most workers + 2 batches are ahead of
// the one Next waits for, so memory is bounded by the batches, not the file. An exception of a
// worker reaches Next at the batch where it happened, after every batch before it; one of the
// reader (which ends every worker's reading), after every batch the reader gave.
class Pipeline {
 public:
  using Work = std::function<void(RecordBatch&, Piece*)>;
  Pipeline(RecordReader& reader, const RuleSet& rules, size_t households, unsigned workers, Work work)
      : reader_(reader), households_(households), work_(std::move(work)),
        in_flight_(static_cast<size_t>(workers) + 2), running_(workers) {
    for (unsigned i = 0; i < workers; ++i) batches_.push_back(std::make_unique<RecordBatch>(rules));
    for (unsigned i = 0; i < workers; ++i) threads_.emplace_back([this, i] { Run(*batches_[i]); });
  }
  ~Pipeline() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // The next batch's piece in input order (swapped into *out); false at the end.
  bool Next(Piece* out) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return done_.count(next_) != 0 || running_ == 0; });
    auto it = done_.find(next_);
    if (it == done_.end()) {  // every worker has stopped: the input's end, or the reader's error
      if (read_error_) std::rethrow_exception(read_error_);
      return false;
    }
    Done d = std::move(it->second);
    done_.erase(it);
    ++next_;
    lock.unlock();
    changed_.notify_all();  // a worker waiting for room may go on
    if (d.error) std::rethrow_exception(d.error);
    std::swap(*out, d.piece);
    return true;
  }
  // Gives a piece's buffers back for reuse (no allocation per batch once warm).
  void Recycle(Piece&& piece) {
    std::lock_guard<std::mutex> lock(mutex_);
    spare_.push_back(std::move(piece));
  }

 private:
  struct Done {
    Piece piece;
    std::exception_ptr error;
  };

  void Run(RecordBatch& batch) {
    for (;;) {
      Piece piece;
      {
        // Room: the places the reader gives are below the calls started, so below next_ + in_flight_.
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [this] { return stop_ || ended_ || started_ < next_ + in_flight_; });
        if (stop_ || ended_) break;
        ++started_;
        if (!spare_.empty()) {
          piece = std::move(spare_.back());
          spare_.pop_back();
        }
      }
      size_t place = 0;
      bool got = false;
      try {
        const std::optional<size_t> given = reader_.NextConcurrent(batch, households_);
        got = given.has_value();
        place = given.value_or(0);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!read_error_) read_error_ = std::current_exception();
      }
      if (!got) {  // the end, or the reader's error: no worker reads another batch
        std::lock_guard<std::mutex> lock(mutex_);
        ended_ = true;
        break;
      }
      Done d;
      piece.Clear();
      try {
        work_(batch, &piece);
      } catch (...) {
        d.error = std::current_exception();
      }
      d.piece = std::move(piece);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        done_.emplace(place, std::move(d));
      }
      changed_.notify_all();
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --running_;
    }
    changed_.notify_all();
  }

  RecordReader& reader_;
  const size_t households_;
  const Work work_;
  const size_t in_flight_;
  std::vector<std::unique_ptr<RecordBatch>> batches_;  // one per worker
  std::mutex mutex_;                                   // everything below
  std::condition_variable changed_;
  std::map<size_t, Done> done_;  // finished batches not yet taken by Next, by place
  std::vector<Piece> spare_;
  size_t started_ = 0;  // calls of NextConcurrent started
  size_t next_ = 0;     // the place Next waits for
  size_t running_;      // workers not yet stopped
  bool ended_ = false;  // the reader gave its end or its error
  bool stop_ = false;
  std::exception_ptr read_error_;
  std::vector<std::thread> threads_;
};

}  // namespace

int RunEval(const Options& o, std::ostream& out, std::ostream& err) {
  const When when = ParseWhen(o);
  CheckFormatOptions(o);
  RefuseOutputOverInput(o);
  std::optional<RuleSet> rules = LoadOrReport(o.rules, o, err);
  if (!rules) return 1;
  const std::string format = o.format.empty() ? "jsonl" : o.format;
  const Language lang = ParseLang(o.lang);
  const unsigned threads = o.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : o.threads;
  ReadOptions read = ParseReadOptions(o);
  // xlsx with two threads or more: the reader converts JSON Lines records on two (ReadOptions::threads);
  // the other formats read on one thread of the pipeline below.
  read.threads = format == "xlsx" ? std::min(threads, 2u) : 1u;
  RecordReader reader(*rules, o.records, read);
  Output output(o, out);
  std::ostream& os = output.stream();
  const Detail detail = o.detail.empty() ? Detail::kFull : *ParseDetail(o.detail);
  EvaluateOptions options;
  options.explain = o.explain;
  options.threads = o.threads;
  options.reasons = detail != Detail::kSummary || o.explain;  // a summary shows no reason
  JsonOptions json;
  json.explain = o.explain;
  json.detail = detail;
  TextOptions text;
  text.lang = lang;
  text.trace = o.explain;
  text.detail = detail;
  const bool progress = StderrIsTerminal();
  const auto start = std::chrono::steady_clock::now();
  size_t households = 0, persons = 0, errors = 0, warnings = 0, undetermined = 0;
  int64_t total = 0;
  bool first = true;
  // Output goes out in large blocks (one write per ~1 MB), not per record.
  std::string block;
  constexpr size_t kBlock = 1u << 20;
  auto flush = [&]() {
    os.write(block.data(), static_cast<std::streamsize>(block.size()));
    block.clear();
  };
  if (format == "json") block += "[\n";
  if (format == "csv") {
    if (o.csv_bom) block += kUtf8Bom;
    CsvHeader(block, detail);
  }
  std::unique_ptr<EvalWorkbook> workbook;
  if (format == "xlsx") {
    ReportOptions totals;
    totals.read = ParseReadOptions(o);
    totals.max_listed = 1048575;  // the record errors listed: as many as a sheet holds
    workbook = std::make_unique<EvalWorkbook>(*rules, when, lang, totals);
  }
  // One batch's decisions as text (jsonl, csv, text; json with ",\n" between its items) and its
  // counts. The same for one thread and for the pipeline below, so the output is the same.
  auto format_batch = [&](const DecisionBatch& decisions, Piece* p) {
    for (size_t i = 0; i < decisions.size(); ++i) {
      const DecisionView d = decisions[i];
      if (!d.ok()) ++p->errors;
      if (!d.warnings().empty()) ++p->warnings;
      p->totals.push_back(d.total_monthly());
      p->persons += d.member_count();
      for (size_t m = 0; m < d.member_count(); ++m) p->undetermined += d.member_benefits(m).count(BenefitStatus::kUndetermined);
      if (format == "jsonl") {
        AppendJson(d, json, &p->text);
        p->text += '\n';
      } else if (format == "csv") {
        CsvRows(p->text, d, lang, detail, !o.csv_raw);
      } else if (format == "json") {
        if (i > 0) p->text += ",\n";
        AppendJson(d, json, &p->text);
      } else if (format == "text") {
        p->text += ToText(d, text);
        p->text += '\n';
      }  // xlsx: the workbook takes the whole batch
    }
    p->households = decisions.size();
  };
  // A batch's text and counts, in input order.
  auto take = [&](Piece& p) {
    if (format == "json" && !p.text.empty()) {
      if (!first) block += ",\n";
      first = false;
    }
    if (p.text.size() >= kBlock) {  // a large piece goes out as it is, not copied into the block
      flush();
      // In writes of at most kBlock: the kernel stores a file's 1 MB writes for a fraction of the
      // system time of larger ones (1.1 GB in 5.6 MB writes: 0.3-1.3 s, in 1 MB writes: 0.28 s;
      // docs/performance.md).
      for (size_t at = 0; at < p.text.size(); at += kBlock) {
        os.write(p.text.data() + at, static_cast<std::streamsize>(std::min(kBlock, p.text.size() - at)));
      }
    } else {
      block += p.text;
      if (block.size() >= kBlock) flush();
    }
    households += p.households;
    persons += p.persons;
    errors += p.errors;
    warnings += p.warnings;
    undetermined += p.undetermined;
    for (const int64_t t : p.totals) {  // held at the int64 limit rather than wrapped (as each total is)
      if (__builtin_add_overflow(total, t, &total)) total = t > 0 ? INT64_MAX : INT64_MIN;
    }
    if (os.bad()) output.Finish();  // a write failed: stop now (throws InputError, exit 3)
    if (progress) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const long rate = static_cast<long>(households / (s > 0 ? s : 1));
      if (lang == Language::kVi) {
        err << "\r" << households << " hồ sơ, " << rate << "/giây, " << errors << " có lỗi" << std::flush;
      } else {
        err << "\r" << households << " records, " << rate << "/s, " << errors << " with errors" << std::flush;
      }
    }
  };
  if (threads >= 2 && format != "xlsx") {
    // Two threads or more: each of `threads` workers reads a batch (one at a time), evaluates and
    // formats it whole (Pipeline); this thread writes the batches' text in input order. Memory is
    // bounded by the batches in flight, not by the file.
    EvaluateOptions one = options;
    one.threads = 1;  // the workers are the parallelism
    Pipeline pipeline(reader, *rules, PipelineBatch(detail), threads, [&](RecordBatch& batch, Piece* p) {
      format_batch(Evaluate(*rules, batch, when, one), p);
    });
    Piece p;
    while (pipeline.Next(&p)) {
      take(p);
      pipeline.Recycle(std::move(p));
    }
  } else {
    // One thread (and xlsx, whose workbook takes the batches in order): read, evaluate, write.
    RecordBatch only_batch(*rules);
    std::unique_ptr<ReadAhead> ahead;
    if (threads >= 2) ahead = std::make_unique<ReadAhead>(reader, *rules, PipelineSlots(threads), PipelineBatch(detail));
    Piece p;
    for (;;) {
      RecordBatch* batch = ahead ? ahead->Next() : reader.Next(only_batch, PipelineBatch(detail)) ? &only_batch : nullptr;
      if (batch == nullptr) break;
      const DecisionBatch decisions = Evaluate(*rules, *batch, when, options);
      p.Clear();
      format_batch(decisions, &p);
      if (workbook) workbook->Add(*batch, decisions);
      if (ahead) ahead->Release(batch);
      take(p);
    }
  }
  if (format == "json") block += first ? "]\n" : "\n]\n";
  if (workbook) block += workbook->Finish();
  flush();
  output.Finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (progress) err << "\r";
  const bool at_least = total == INT64_MAX || total == INT64_MIN;
  if (lang == Language::kVi) {
    err << "ansinh eval: " << households << " hộ (" << persons << " người) trong " << static_cast<long>(seconds * 1000)
        << " ms: " << errors << " hộ có lỗi hồ sơ, " << warnings << " hộ có cảnh báo, " << undetermined
        << " chế độ của từng người chưa xác định; tổng hằng tháng " << (at_least ? "ít nhất " : "")
        << FormatGrouped(total, '.') << " đ\n";
  } else {
    err << "ansinh eval: " << households << " households (" << persons << " persons) in "
        << static_cast<long>(seconds * 1000) << " ms: " << errors << " with record errors, " << warnings
        << " with warnings, " << undetermined << " undetermined person benefits; total monthly "
        << (at_least ? "at least " : "") << FormatGrouped(total, ',') << " VND\n";
  }
  return o.quiet && errors > 0 ? 1 : 0;
}

}  // namespace ansinh::cli
