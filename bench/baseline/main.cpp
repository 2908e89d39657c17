// vn_core_baseline: reads a vn-core JSON Lines population into typed structs,
// evaluates the rules by hand-written C++ (timed, records in memory), writes the
// canonical output and prints the figures as one JSON object on stdout.
//
//   vn_core_baseline --data bench/data/vn_core_10k.jsonl --canonical out.txt --runs 7
//   vn_core_baseline --self-test
#include <CLI/CLI.hpp>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "vn_core.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// Evaluates the whole population once on `threads` threads (contiguous ranges).
void EvaluateAll(const vn_core::Rules& rules, const vn_core::Population& population,
                 unsigned threads, vn_core::Results* results) {
  const size_t n = population.households.size();
  if (threads <= 1) {
    vn_core::Evaluate(rules, population, 0, n, results);
    return;
  }
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    const size_t begin = n * t / threads;
    const size_t end = n * (t + 1) / threads;
    workers.emplace_back([&, begin, end] { vn_core::Evaluate(rules, population, begin, end, results); });
  }
  for (std::thread& worker : workers) worker.join();
}

// One timed run: repeats whole-population passes until at least `min_seconds`
// have passed; returns persons per second.
double TimedRun(const vn_core::Rules& rules, const vn_core::Population& population,
                unsigned threads, double min_seconds, vn_core::Results* results) {
  size_t passes = 0;
  const Clock::time_point start = Clock::now();
  Clock::time_point now = start;
  do {
    EvaluateAll(rules, population, threads, results);
    ++passes;
    now = Clock::now();
  } while (Seconds(start, now) < min_seconds);
  return static_cast<double>(passes) * static_cast<double>(population.persons.size()) /
         Seconds(start, now);
}

// Peak resident memory of this process so far, in MB.
double PeakRssMb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

bool WriteCanonical(const std::string& path, const vn_core::Rules& rules,
                    const vn_core::Population& population, const vn_core::Results& results) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return false;
  std::string buffer;
  bool ok = true;
  for (size_t h = 0; h < population.households.size(); ++h) {
    vn_core::AppendCanonical(rules, population, results, h, &buffer);
    if (buffer.size() > (1u << 20) || h + 1 == population.households.size()) {
      ok = ok && std::fwrite(buffer.data(), 1, buffer.size(), file) == buffer.size();
      buffer.clear();
    }
  }
  return std::fclose(file) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"vn-core hand-written C++ baseline (bench, issue 6)"};
  std::string data, canonical, as_of = "2026-01-01";
  unsigned runs = 7, threads = 1;
  double min_seconds = 0.2;
  int64_t base = 500'000;
  bool self_test = false;
  app.add_option("--data", data, "JSON Lines population");
  app.add_option("--canonical", canonical, "write the canonical output here");
  app.add_option("--as-of", as_of, "evaluation date")->capture_default_str();
  app.add_option("--base", base, "social assistance base level (VND)")->capture_default_str();
  app.add_option("--runs", runs, "timed runs (the median is reported); 0 = no timing")
      ->capture_default_str();
  app.add_option("--threads", threads, "threads for the timed runs")->capture_default_str();
  app.add_option("--min-seconds", min_seconds, "minimum length of one timed run")
      ->capture_default_str();
  app.add_flag("--self-test", self_test, "run the built-in checks and exit");
  CLI11_PARSE(app, argc, argv);

  if (self_test) {
    const int failures = vn_core::SelfTest();
    std::printf("baseline self-test: %d failed\n", failures);
    return failures == 0 ? 0 : 1;
  }
  if (data.empty()) {
    std::fprintf(stderr, "vn_core_baseline: --data is required (or --self-test)\n");
    return 2;
  }
  vn_core::Rules rules;
  rules.base = base;
  if (!vn_core::ParseYmd(as_of, &rules.as_of)) {
    std::fprintf(stderr, "vn_core_baseline: bad --as-of %s\n", as_of.c_str());
    return 2;
  }
  rules.Prepare();

  vn_core::Population population;
  std::string error;
  const Clock::time_point read_start = Clock::now();
  if (!vn_core::ReadJsonLines(data, &population, &error)) {
    std::fprintf(stderr, "vn_core_baseline: %s\n", error.c_str());
    return 1;
  }
  const double read_seconds = Seconds(read_start, Clock::now());

  vn_core::Results results;
  results.Resize(population);
  EvaluateAll(rules, population, 1, &results);  // the output checked by bench/verify.py
  if (!canonical.empty() && !WriteCanonical(canonical, rules, population, results)) {
    std::fprintf(stderr, "vn_core_baseline: cannot write %s\n", canonical.c_str());
    return 1;
  }

  std::vector<double> rates;
  for (unsigned r = 0; r < runs; ++r) {
    rates.push_back(TimedRun(rules, population, threads, min_seconds, &results));
  }
  std::printf(
      "{\"engine\":\"baseline\",\"households\":%zu,\"persons\":%zu,\"threads\":%u,"
      "\"runs\":%u,\"persons_per_s\":%s,\"read_jsonl_mb_per_s\":%.1f,\"read_seconds\":%.3f,"
      "\"peak_rss_mb\":%.1f}\n",
      population.households.size(), population.persons.size(), threads, runs,
      rates.empty() ? "null" : std::to_string(Median(rates)).c_str(),
      static_cast<double>(population.source_bytes) / 1e6 / read_seconds, read_seconds, PeakRssMb());
  return 0;
}
