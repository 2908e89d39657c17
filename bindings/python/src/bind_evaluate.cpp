// Evaluation from Python. A batch runs on a helper thread (which uses
// options.threads workers) with the GIL released; the calling thread wakes
// every 50 ms, takes the GIL, polls PyErr_CheckSignals (Ctrl-C sets the
// cancel flag and raises KeyboardInterrupt once the workers stopped) and
// reports progress to a Python callable.
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "ansinh/error.hpp"
#include "bindings.hpp"
#include "py_values.hpp"

namespace ansinh::python {

When ParseWhen(const std::string& kind, const std::string& text) {
  if (kind == "as_of") {
    const auto d = Date::Parse(text);
    if (!d) throw UsageError("as_of " + text + " is not a date: write YYYY-MM-DD, e.g. 2024-07-01",
                             "as_of " + text + " không phải một ngày: viết YYYY-MM-DD, ví dụ 2024-07-01");
    return When::AsOf(*d);
  }
  if (kind == "period") {
    const auto m = YearMonth::Parse(text);
    if (!m) throw UsageError("period " + text + " is not a month: write YYYY-MM, e.g. 2024-07",
                             "period " + text + " không phải một tháng: viết YYYY-MM, ví dụ 2024-07");
    return When::Month(*m);
  }
  throw UsageError("give exactly one of as_of (a day) or period (a month)",
                   "cho đúng một trong hai: as_of (một ngày) hoặc period (một tháng)");
}

Detail ParseDetailArg(const std::string& detail) {
  const std::optional<Detail> d = ParseDetail(detail);
  if (!d) throw UsageError("detail must be 'summary', 'reasons' or 'full', not '" + detail + "'",
                           "detail phải là 'summary', 'reasons' hoặc 'full', không phải '" + detail + "'");
  return *d;
}

namespace {

// Runs Evaluate on a helper thread and waits for it with the GIL released.
class BatchRun {
 public:
  BatchRun(const RuleSet& rules, const Records& records, const When& when, EvaluateOptions options,
           py::object progress)
      : rules_(rules), records_(records), when_(when), options_(std::move(options)), progress_(std::move(progress)) {
    options_.cancel = &cancel_;
    options_.progress = [this](size_t finished) {
      size_t seen = done_.load(std::memory_order_relaxed);
      while (seen < finished && !done_.compare_exchange_weak(seen, finished)) {
      }
    };
  }

  DecisionBatch Run() {
    bool interrupted = false;
    py::object callback_error;
    {
      py::gil_scoped_release release;
      std::thread worker([this] { Work(); });
      std::unique_lock<std::mutex> lock(mutex_);
      while (!cv_.wait_for(lock, std::chrono::milliseconds(50), [this] { return finished_; })) {
        lock.unlock();
        {
          py::gil_scoped_acquire acquire;
          if (!interrupted && PyErr_CheckSignals() != 0) {
            interrupted = true;  // the KeyboardInterrupt stays set in this thread until raised below
            cancel_.store(true);
          } else if (!interrupted && !progress_.is_none()) {
            Report(&interrupted);
          }
        }
        lock.lock();
      }
      lock.unlock();
      worker.join();
    }
    if (interrupted) throw py::error_already_set();
    if (error_) std::rethrow_exception(error_);
    if (!progress_.is_none()) {
      progress_(done_.load());
    }
    return std::move(result_);
  }

 private:
  void Work() {
    try {
      result_ = Evaluate(rules_, *records_.batch, when_, options_);
    } catch (...) {
      error_ = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
    cv_.notify_all();
  }

  // Calls progress(done); an exception from it stops the batch and is raised.
  void Report(bool* interrupted) {
    try {
      progress_(done_.load());
    } catch (py::error_already_set& e) {
      e.restore();
      *interrupted = true;
      cancel_.store(true);
    }
  }

  const RuleSet& rules_;
  const Records& records_;
  When when_;
  EvaluateOptions options_;
  py::object progress_;
  std::atomic<bool> cancel_{false};
  std::atomic<size_t> done_{0};
  std::mutex mutex_;
  std::condition_variable cv_;
  bool finished_ = false;
  DecisionBatch result_;
  std::exception_ptr error_;
};

std::shared_ptr<Decisions> RunBatch(const RuleSet& rules, const Records& records, const std::string& when_kind,
                                    const std::string& when_text, unsigned threads, bool reasons, bool explain,
                                    const py::object& lang, py::object progress, const std::string& detail) {
  if (records.rules != rules) {
    throw UsageError("the records were converted for another rule set");
  }
  EvaluateOptions options;
  options.threads = threads;
  auto out = std::make_shared<Decisions>(rules);
  out->detail = ParseDetailArg(detail);
  options.reasons = reasons || explain || out->detail == Detail::kReasons;  // near misses need it
  options.explain = explain;
  out->lang = ParseLanguage(lang, rules);
  out->explain = explain;
  const When when = ParseWhen(when_kind, when_text);
  BatchRun run(rules, records, when, options, std::move(progress));
  out->batch = run.Run();
  return out;
}

PyDecision EvaluateOne(const RuleSet& rules, py::handle household, const std::string& when_kind,
                       const std::string& when_text, bool explain, const py::object& lang,
                       const std::string& detail, bool strict) {
  const Detail level = ParseDetailArg(detail);
  const When when = ParseWhen(when_kind, when_text);
  const Language language = ParseLanguage(lang, rules);
  RecordBatch batch(rules);
  {
    RecordOptions record_options;
    record_options.strict = strict;
    RecordBuilder b(batch, record_options);
    ValueSetter().AddHousehold(b, household, RecordOrigin{});
  }
  EvaluateOptions options;
  options.explain = explain;
  options.reasons = level != Detail::kSummary || explain;
  DecisionBatch decisions;
  {
    py::gil_scoped_release release;
    decisions = Evaluate(rules, batch, when, options);
  }
  return PyDecision{decisions[0], language, explain, level};
}

}  // namespace

void BindEvaluate(py::module_& m) {
  m.def("_run", &RunBatch, py::arg("rules"), py::arg("records"), py::arg("when_kind"), py::arg("when_text"),
        py::arg("threads") = 0, py::arg("reasons") = true, py::arg("explain") = false, py::arg("lang") = py::none(),
        py::arg("progress") = py::none(), py::arg("detail") = "full",
        "Evaluates converted records on `threads` threads (0 = all cores) with the GIL released. "
        "Ctrl-C cancels; progress(done) is called from this thread about every 50 ms.");
  m.def(
      "_release_memory",
      [] {
#if defined(__GLIBC__)
        py::gil_scoped_release release;
        malloc_trim(0);  // glibc keeps freed batch memory in its arenas otherwise
#endif
      },
      "Returns memory freed by a finished batch to the operating system (glibc).");
  m.def("_evaluate_one", &EvaluateOne, py::arg("rules"), py::arg("household"), py::arg("when_kind"),
        py::arg("when_text"), py::arg("explain") = false, py::arg("lang") = py::none(), py::arg("detail") = "full",
        py::arg("strict") = false, "Evaluates one household dict (strict: an unknown field is an error).");
}

}  // namespace ansinh::python
