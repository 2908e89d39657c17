// vn_core_baseline: reads a vn-core JSON Lines population into typed structs,
// evaluates the rules by hand-written C++ (timed, records in memory), writes the
// canonical output and prints the figures as one JSON object on stdout.
//
//   vn_core_baseline --data bench/data/vn_core_10k.jsonl --canonical out.txt --runs 7
//   vn_core_baseline --self-test
#include <CLI/CLI.hpp>
#include <sys/resource.h>
#include <time.h>

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

// CPU time used by this process so far (all threads), in seconds.
double ProcessCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Persons evaluated per wall-clock second and per CPU second (the latter is
// robust to other work on a shared machine; for 1 thread it is per core).
struct Rate {
  double wall = 0;
  double cpu = 0;
};

// One timed run on `threads` threads: each thread repeats passes over its own
// contiguous share of the households until `min_seconds` have passed (no
// thread start-up inside the timing).
Rate TimedRun(const vn_core::Rules& rules, const vn_core::Population& population,
                unsigned threads, double min_seconds, vn_core::Results* results) {
  const size_t n = population.households.size();
  threads = std::max(1u, threads);
  std::vector<double> persons_done(threads, 0.0);
  std::vector<Clock::time_point> finished(threads);
  const double cpu_start = ProcessCpuSeconds();
  const Clock::time_point start = Clock::now();
  auto work = [&](unsigned t) {
    const size_t begin = n * t / threads;
    const size_t end = n * (t + 1) / threads;
    const vn_core::Household* households = population.households.data();
    const size_t persons =
        begin == end ? 0
                     : households[end - 1].first_member + households[end - 1].member_count -
                           households[begin].first_member;
    Clock::time_point now;
    do {
      vn_core::Evaluate(rules, population, begin, end, results);
      persons_done[t] += static_cast<double>(persons);
      now = Clock::now();
    } while (Seconds(start, now) < min_seconds);
    finished[t] = now;
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) workers.emplace_back(work, t);
  work(0);
  for (std::thread& worker : workers) worker.join();
  double total = 0;
  Clock::time_point last = start;
  for (unsigned t = 0; t < threads; ++t) {
    total += persons_done[t];
    last = std::max(last, finished[t]);
  }
  return Rate{total / Seconds(start, last), total / (ProcessCpuSeconds() - cpu_start)};
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

// Times the evaluation (median of `runs` for each thread count) and prints the
// figures as one JSON object on stdout.
void TimeAndReport(const vn_core::Rules& rules, const vn_core::Population& population,
                   const std::vector<unsigned>& threads, unsigned runs, double min_seconds,
                   double read_seconds, vn_core::Results* results) {
  std::string by_threads;
  double first_rate = -1, first_cpu_rate = -1;
  for (unsigned t : threads) {
    if (runs == 0) break;
    std::vector<double> rates, cpu_rates;
    for (unsigned r = 0; r < runs; ++r) {
      const Rate rate = TimedRun(rules, population, t, min_seconds, results);
      rates.push_back(rate.wall);
      cpu_rates.push_back(rate.cpu);
    }
    const double rate = Median(rates);
    if (first_rate < 0) {
      first_rate = rate;
      first_cpu_rate = Median(cpu_rates);
    }
    by_threads += (by_threads.empty() ? "" : ",") + ("\"" + std::to_string(t) + "\":") +
                  std::to_string(rate);
  }
  std::printf(
      "{\"engine\":\"baseline\",\"households\":%zu,\"persons\":%zu,\"runs\":%u,"
      "\"persons_per_s\":%s,\"persons_per_cpu_s\":%s,\"persons_per_s_by_threads\":{%s},\"read_jsonl_mb_per_s\":%.1f,"
      "\"read_seconds\":%.3f,\"peak_rss_mb\":%.1f}\n",
      population.households.size(), population.persons.size(), runs,
      first_rate < 0 ? "null" : std::to_string(first_rate).c_str(),
      first_cpu_rate < 0 ? "null" : std::to_string(first_cpu_rate).c_str(), by_threads.c_str(),
      static_cast<double>(population.source_bytes) / 1e6 / read_seconds, read_seconds, PeakRssMb());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"vn-core hand-written C++ baseline (bench, issue 6)"};
  std::string data, canonical, as_of = "2026-01-01";
  unsigned runs = 7;
  std::vector<unsigned> threads = {1};
  double min_seconds = 0.2;
  int64_t base = 500'000;
  bool self_test = false;
  app.add_option("--data", data, "JSON Lines population");
  app.add_option("--canonical", canonical, "write the canonical output here");
  app.add_option("--as-of", as_of, "evaluation date")->capture_default_str();
  app.add_option("--base", base, "social assistance base level (VND)")->capture_default_str();
  app.add_option("--runs", runs, "timed runs (the median is reported); 0 = no timing")
      ->capture_default_str();
  app.add_option("--threads", threads, "thread counts to time (e.g. 1,2); the first gives persons_per_s")
      ->delimiter(',');
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
  vn_core::Evaluate(rules, population, 0, population.households.size(), &results);
  // (that output is what bench/verify.py compares every engine with)
  if (!canonical.empty() && !WriteCanonical(canonical, rules, population, results)) {
    std::fprintf(stderr, "vn_core_baseline: cannot write %s\n", canonical.c_str());
    return 1;
  }

  TimeAndReport(rules, population, threads, runs, min_seconds, read_seconds, &results);
  return 0;
}
