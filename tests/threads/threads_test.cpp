// The batch evaluator from several threads on one shared RuleSet (issue 8):
// built and run under ThreadSanitizer by tools/test.sh (build-tsan), and in
// every other build as an ordinary test. Decisions must not depend on the
// thread count or on what other threads do at the same time.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "runtime/access.hpp"
#include "../reliability/reliability_util.hpp"
#include "scale.hpp"
#include "ansinh/decision.hpp"
#include "ansinh/reader.hpp"
#include "ansinh/testing.hpp"
#include "records/batch.hpp"
#include "test_paths.hpp"

using namespace reliability;

namespace {

const ansinh::RuleSet& Vn() {
  static const ansinh::RuleSet rules = LoadRepositoryRules("rules/vn");
  return rules;
}

const ansinh::When kMonth = ansinh::When::Month(ansinh::YearMonth(2026, 11));

std::string Render(const ansinh::DecisionBatch& decisions, bool explain = false) {
  std::string out;
  ansinh::JsonOptions json;
  json.explain = explain;
  for (size_t i = 0; i < decisions.size(); ++i) out += ansinh::ToJson(decisions[i], json) + "\n";
  return out;
}

// 1,500 synthetic households plus the examples that are invalid on purpose;
// 500 under a sanitizer (tests/scale.hpp: the same chunks, threads and
// cancellation, at 5-15 times the cost per record under TSan).
std::string Registry(const Scratch& dir) {
  std::string text;
  const size_t records = ansinh_tests::kSanitized ? 500 : 1500;
  for (size_t i = 0; i < records; ++i) text += SyntheticRecord(i) + "\n";
  for (const std::string& line : ReadLines(ANSINH_SOURCE_DIR + "/examples/registry.jsonl")) {
    const std::string id = JsonStringField(line, "id");
    if (id >= "CL-0400" && id <= "CL-0407") text += line + "\n";  // invalid on purpose (examples/README.md)
  }
  return dir.Write("registry.jsonl", text);
}

// What one thread does: read `path` in chunks and evaluate each on `threads` threads.
std::string ReadAndEvaluate(const std::string& path, unsigned threads, size_t chunk, bool explain) {
  ansinh::RecordReader reader(Vn(), {path});
  ansinh::RecordBatch batch(Vn());
  ansinh::EvaluateOptions options;
  options.threads = threads;
  options.chunk_households = 37;
  options.explain = explain;
  std::string out;
  while (reader.Next(batch, chunk)) out += Render(ansinh::Evaluate(Vn(), batch, kMonth, options), explain);
  return out;
}

}  // namespace

TEST_CASE("multi-threaded Evaluate gives the single-threaded decisions", "[threads]") {
  Scratch dir;
  const ansinh::RecordBatch batch = ansinh::ReadAll(Vn(), {Registry(dir)});
  ansinh::EvaluateOptions one;
  one.chunk_households = 50;
  const std::string expected = Render(ansinh::Evaluate(Vn(), batch, kMonth, one));
  for (unsigned threads : {2u, 4u, 0u}) {
    ansinh::EvaluateOptions many = one;
    many.threads = threads;
    std::atomic<size_t> calls{0}, last{0};
    many.progress = [&](size_t done) {
      ++calls;
      size_t seen = last.load();
      while (done > seen && !last.compare_exchange_weak(seen, done)) {
      }
    };
    CHECK(Render(ansinh::Evaluate(Vn(), batch, kMonth, many)) == expected);
    CHECK(calls.load() >= batch.size() / 50);
    CHECK(last.load() == batch.size());
  }
}

TEST_CASE("RecordReader + Evaluate from several threads on one RuleSet", "[threads]") {
  Scratch dir;
  const std::string path = Registry(dir);
  const std::string expected = ReadAndEvaluate(path, 1, 500, false);
  const std::string expected_explained = ReadAndEvaluate(path, 1, 500, true);
  std::vector<std::string> results(4);
  std::vector<std::thread> pool;
  for (size_t t = 0; t < results.size(); ++t) {
    // Different chunk sizes, inner thread counts and trace settings at the same time.
    pool.emplace_back([&, t] { results[t] = ReadAndEvaluate(path, 1 + t % 3, 100 + 150 * t, t % 2 == 1); });
  }
  for (std::thread& th : pool) th.join();
  for (size_t t = 0; t < results.size(); ++t) {
    INFO("thread " << t);
    CHECK(results[t] == (t % 2 == 1 ? expected_explained : expected));
  }
}

// Several threads sharing one reader (RecordReader::NextConcurrent), each evaluating the runs it
// gets: put back in place order, the decisions of one thread reading with Next.
TEST_CASE("RecordReader::NextConcurrent + Evaluate on several threads", "[threads]") {
  Scratch dir;
  const std::string path = Registry(dir);
  const std::string expected = ReadAndEvaluate(path, 1, 64, false);
  for (unsigned threads : {2u, 4u}) {
    INFO("threads " << threads);
    ansinh::RecordReader reader(Vn(), {path});
    std::mutex mutex;
    std::map<size_t, std::string> runs;
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        ansinh::RecordBatch batch(Vn());
        ansinh::EvaluateOptions options;
        options.threads = 1;
        while (const std::optional<size_t> place = reader.NextConcurrent(batch, 64)) {
          std::string text = Render(ansinh::Evaluate(Vn(), batch, kMonth, options));
          std::lock_guard<std::mutex> lock(mutex);
          runs.emplace(*place, std::move(text));
        }
      });
    }
    for (std::thread& th : pool) th.join();
    std::string got;
    size_t next = 0;
    for (auto& [place, text] : runs) {
      CHECK(place == next++);
      got += text;
    }
    CHECK(got == expected);
  }
}

// A progress callback runs on an evaluating thread; evaluating again from it (a batch, a single
// household) must neither disturb the evaluation it reports on nor get a wrong answer itself: that
// thread's cached evaluator is in use, so the inner evaluation gets one of its own.
TEST_CASE("a progress callback may evaluate again on its own thread", "[threads]") {
  Scratch dir;
  const std::string path = Registry(dir);
  const ansinh::RecordBatch batch = ansinh::ReadAll(Vn(), {path});
  ansinh::EvaluateOptions one;
  one.chunk_households = 37;
  const std::string expected = Render(ansinh::Evaluate(Vn(), batch, kMonth, one));
  const std::string small_path = dir.Write("small.jsonl", SyntheticRecord(7) + "\n" + SyntheticRecord(8) + "\n");
  const ansinh::RecordBatch small = ansinh::ReadAll(Vn(), {small_path});
  const std::string small_expected = Render(ansinh::Evaluate(Vn(), small, kMonth));
  ansinh::Household alone("ALONE");
  alone.AddMember("ALONE-1");
  const std::string alone_expected = ansinh::ToJson(ansinh::Evaluate(Vn(), alone, kMonth));
  // Another rule set too (the thread's cache holds one rule set at a time).
  const ansinh::RuleSet other = LoadRepositoryRules("bench/vn-core");
  const std::string other_expected = ansinh::ToJson(ansinh::Evaluate(other, alone, kMonth));
  for (unsigned threads : {1u, 2u}) {
    INFO("threads " << threads);
    ansinh::EvaluateOptions options = one;
    options.threads = threads;
    std::atomic<size_t> calls{0}, wrong{0};
    options.progress = [&](size_t) {
      ++calls;
      if (Render(ansinh::Evaluate(Vn(), small, kMonth)) != small_expected) ++wrong;
      if (ansinh::ToJson(ansinh::Evaluate(Vn(), alone, kMonth)) != alone_expected) ++wrong;
      if (ansinh::ToJson(ansinh::Evaluate(other, alone, kMonth)) != other_expected) ++wrong;
    };
    CHECK(Render(ansinh::Evaluate(Vn(), batch, kMonth, options)) == expected);
    CHECK(calls > 10);
    CHECK(wrong == 0);
  }
}

TEST_CASE("single households, explanations, texts and YAML tests concurrently", "[threads]") {
  const std::vector<std::string> lines = ExampleRecords();
  Scratch dir;
  const ansinh::RecordBatch batch = ansinh::ReadAll(Vn(), {dir.Write("few.jsonl", lines[0] + "\n" + lines[1] + "\n")});
  ansinh::EvaluateOptions options;
  options.explain = true;
  const ansinh::DecisionBatch shared = ansinh::Evaluate(Vn(), batch, kMonth, options);
  const std::string expected_text = ansinh::ToText(shared[0], ansinh::Language::kVi, true);
  const size_t expected_passed = ansinh::RunTests(Vn()).passed();
  std::atomic<int> failures{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < 3; ++t) {
    pool.emplace_back([&, t] {
      for (int k = 0; k < 3; ++k) {
        // Reading one shared DecisionBatch from many threads, and evaluating anew.
        if (ansinh::ToText(shared[0], ansinh::Language::kVi, true) != expected_text) ++failures;
        const ansinh::DecisionBatch mine = ansinh::Evaluate(Vn(), batch, kMonth, options);
        if (ansinh::ToJson(mine[1]) != ansinh::ToJson(shared[1])) ++failures;
      }
      if (t == 0 && ansinh::RunTests(Vn()).passed() != expected_passed) ++failures;
    });
  }
  for (std::thread& th : pool) th.join();
  CHECK(failures.load() == 0);
}

TEST_CASE("cancelling a multi-threaded batch still gives one decision per record", "[threads]") {
  Scratch dir;
  const ansinh::RecordBatch batch = ansinh::ReadAll(Vn(), {Registry(dir)});
  std::atomic<bool> cancel{false};
  ansinh::EvaluateOptions options;
  options.threads = 3;
  options.chunk_households = 20;
  options.cancel = &cancel;
  options.progress = [&](size_t done) {
    if (done >= 200) cancel.store(true);
  };
  const ansinh::DecisionBatch decisions = ansinh::Evaluate(Vn(), batch, kMonth, options);
  REQUIRE(decisions.size() == batch.size());
  size_t cancelled = 0;
  for (size_t i = 0; i < decisions.size(); ++i) {
    CHECK(decisions[i].household_id() == ansinh::internal::DataOf(batch).HouseholdId(i));
    for (const ansinh::RecordIssue& e : decisions[i].errors()) cancelled += e.code == "R_CANCELLED";
  }
  CHECK(cancelled > 0);
  CHECK(cancelled < batch.size());
}

TEST_CASE("loading the same package from several threads", "[threads]") {
  std::vector<std::string> hashes(3);
  std::vector<std::thread> pool;
  for (size_t t = 0; t < hashes.size(); ++t) {
    pool.emplace_back([&, t] { hashes[t] = LoadRepositoryRules("rules/vn/tra-vinh/cang-long").info().hash; });
  }
  for (std::thread& th : pool) th.join();
  CHECK(hashes[0] == hashes[1]);
  CHECK(hashes[1] == hashes[2]);
}
