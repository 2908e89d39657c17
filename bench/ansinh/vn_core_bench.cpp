// The ansinh runner of the vn-core benchmark (contract: bench/README.md,
// "Plugging in ansinh"). Public API only. Prints one JSON object.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "ansinh/ansinh.hpp"
#include "ansinh/canonical.hpp"

namespace {

double Wall() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
double Cpu() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}
double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
double FileMb(const std::string& path) {
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  return f ? static_cast<double>(f.tellg()) / 1e6 : 0;
}

struct Args {
  std::string rules, data, hcsv, pcsv, canonical, national;
  std::string as_of = "2026-01-01";
  std::string only;  // profiling: run one phase only (load, read, batch, single, e2e)
  int runs = 5;
  long long expect = -1;
};

Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "missing value for " << k << "\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (k == "--rules") a.rules = next();
    else if (k == "--data") a.data = next();
    else if (k == "--csv") a.hcsv = next(), a.pcsv = next();
    else if (k == "--as-of") a.as_of = next();
    else if (k == "--canonical") a.canonical = next();
    else if (k == "--runs") a.runs = std::atoi(next().c_str());
    else if (k == "--expect-checksum") a.expect = std::atoll(next().c_str());
    else if (k == "--national-rules") a.national = next();
    else if (k == "--only") a.only = next();
    else if (k == "--help" || k == "-h") {
      std::cout << "ansinh_vn_core_bench --rules DIR --data F.jsonl [--csv H.csv P.csv] [--as-of DATE]\n"
                   "  [--runs N] [--expect-checksum SUM] [--national-rules DIR] [--canonical OUT]\n"
                   "  [--only load|read|batch|single|e2e]   (profiling: that phase alone)\n";
      std::exit(0);
    }
    else {
      std::cerr << "unknown argument " << k << "\n";
      std::exit(2);
    }
  }
  return a;
}

long long Checksum(const ansinh::DecisionBatch& d) {
  long long sum = 0;
  for (size_t i = 0; i < d.size(); ++i) sum += d[i].total_monthly();
  return sum;
}

// A typical vn-core household for the single-call latency: 4 members.
ansinh::Household Typical() {
  ansinh::Household h("SINGLE");
  h.Set("area", "rural").Set("income_per_capita", 1'200'000).Set("deprivation_count", 4);
  h.AddMember("P1").Set("birth_date", "1950-03-10").Set("sex", "male").Set("pregnant", false)
      .Set("has_pension", false).Set("disability", "none").Set("merit", "none");
  h.AddMember("P2").Set("birth_date", "1990-07-01").Set("sex", "female").Set("pregnant", true)
      .Set("has_pension", false).Set("disability", "severe").Set("merit", "none");
  h.AddMember("P3").Set("birth_date", "2024-02-29").Set("sex", "female").Set("pregnant", false)
      .Set("has_pension", false).Set("disability", "none").Set("merit", "none");
  h.AddMember("P4").Set("birth_date", "1938-12-31").Set("sex", "male").Set("pregnant", false)
      .Set("has_pension", false).Set("disability", "none").Set("merit", "war_invalid");
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = Parse(argc, argv);
  const auto date = ansinh::Date::Parse(a.as_of);
  if (!date || a.rules.empty() || a.data.empty()) {
    std::cerr << "usage: ansinh_vn_core_bench --rules DIR --data F.jsonl [--csv H P] --as-of DATE --runs N\n";
    return 2;
  }
  const ansinh::When when = ansinh::When::AsOf(*date);
  const ansinh::RuleSet rules = ansinh::LoadRulesOrThrow(a.rules);

  if (!a.canonical.empty()) {  // untimed: the whole population in the canonical form
    ansinh::RecordBatch batch = ansinh::ReadAll(rules, {a.data});
    ansinh::DecisionBatch d = ansinh::Evaluate(rules, batch, when);
    std::string out;
    for (size_t i = 0; i < d.size(); ++i) ansinh_bench::AppendCanonical(d[i], &out);
    std::ofstream(a.canonical, std::ios::binary) << out;
    if (a.runs == 0) return 0;
  }

  // Load + check + compile (of the national rules when given).
  const std::string load_path = a.national.empty() ? a.rules : a.national;
  auto phase = [&](const char* name) { return a.only.empty() || a.only == name; };
  std::vector<double> load, load_cpu;
  for (int i = 0; phase("load") && i < (a.only == "load" ? 50 : 7); ++i) {
    const double t = Wall(), c = Cpu();
    ansinh::LoadResult r = ansinh::LoadRules(load_path);
    load.push_back(Wall() - t);
    load_cpu.push_back(Cpu() - c);
    if (!r.ok()) {
      std::cerr << r.Format();
      return 1;
    }
  }

  // Reading, records into memory.
  // Each reader runs 3 times (median); the first JSONL batch is kept for evaluation.
  ansinh::RecordBatch batch(rules);
  std::vector<double> jsonl_w, jsonl_c, csv_w, csv_c;
  const int jsonl_reads = phase("read") ? 3 : phase("batch") ? 1 : 0;  // --only single/load/e2e: none
  for (int i = 0; i < jsonl_reads; ++i) {
    const double t = Wall(), c = Cpu();
    ansinh::RecordBatch b = ansinh::ReadAll(rules, {a.data});
    jsonl_w.push_back(Wall() - t);
    jsonl_c.push_back(Cpu() - c);
    if (i == 0) batch = std::move(b);
  }
  for (int i = 0; phase("read") && !a.hcsv.empty() && i < 3; ++i) {
    const double t = Wall(), c = Cpu();
    ansinh::RecordBatch from_csv = ansinh::ReadAll(rules, {a.hcsv, a.pcsv});
    csv_w.push_back(Wall() - t);
    csv_c.push_back(Cpu() - c);
  }
  const double csv_mb = FileMb(a.hcsv) + FileMb(a.pcsv);
  const double csv_mb_s = csv_w.empty() ? 0 : csv_mb / Median(csv_w);
  const double csv_mb_cpu_s = csv_c.empty() ? 0 : csv_mb / Median(csv_c);
  const double jsonl_s = Median(jsonl_w), jsonl_cpu_s = Median(jsonl_c);
  const double persons = static_cast<double>(batch.person_count());

  // Batch evaluation, records in memory: decisions only (no reasons), median of N.
  auto batch_rate = [&](unsigned threads, double* cpu_rate) {
    ansinh::EvaluateOptions o;
    o.reasons = false;
    o.threads = threads;
    std::vector<double> wall, cpu;
    for (int r = 0; r < std::max(1, a.runs); ++r) {
      const double w0 = Wall(), c0 = Cpu();
      ansinh::DecisionBatch d = ansinh::Evaluate(rules, batch, when, o);
      wall.push_back(Wall() - w0);
      cpu.push_back(Cpu() - c0);
      if (a.expect >= 0 && Checksum(d) != a.expect) {
        std::cerr << "checksum mismatch: " << Checksum(d) << " != " << a.expect << "\n";
        std::exit(3);
      }
    }
    if (cpu_rate != nullptr) *cpu_rate = persons / Median(cpu);
    return persons / Median(wall);
  };
  double cpu_1t = 0, cpu_2t = 0;
  const double rate_1t = phase("batch") ? batch_rate(1, &cpu_1t) : 0;
  const double rate_2t = phase("batch") && a.only.empty() ? batch_rate(2, &cpu_2t) : 0;

  // One household, one call (median over many), without and with the trace.
  const ansinh::Household typical = Typical();
  // Wall: median of single calls. CPU: median over blocks of 100 calls (the CPU clock
  // is a system call, too coarse and too costly to time one call).
  auto single = [&](bool trace, double* cpu_us) {
    ansinh::EvaluateOptions o;
    o.explain = trace;
    std::vector<double> v, c;
    const int blocks = a.only == "single" ? 200 : 20;
    for (int b = 0; b < blocks; ++b) {
      const double c0 = Cpu();
      for (int i = 0; i < 100; ++i) {
        const double w0 = Wall();
        ansinh::Decision d = ansinh::Evaluate(rules, typical, when, o);
        v.push_back(Wall() - w0);
        if (!d.ok()) std::exit(4);
      }
      c.push_back((Cpu() - c0) / 100);
    }
    *cpu_us = Median(c) * 1e6;
    return Median(v) * 1e6;
  };
  double single_cpu_us = 0, single_trace_cpu_us = 0;
  const double single_us = phase("single") ? single(false, &single_cpu_us) : 0;
  const double single_trace_us = phase("single") ? single(true, &single_trace_cpu_us) : 0;

  // End to end: file in, JSON decisions out (as `ansinh eval` does), 1 thread.
  double e2e_cpu = 0;
  const double c0 = Cpu(), w0 = Wall();
  if (phase("e2e")) {
    ansinh::RecordReader reader(rules, {a.data});
    ansinh::RecordBatch chunk(rules);
    ansinh::EvaluateOptions o;
    o.threads = 1;
    size_t bytes = 0;
    long long sum = 0;
    while (reader.Next(chunk, 8192)) {
      ansinh::DecisionBatch d = ansinh::Evaluate(rules, chunk, when, o);
      for (size_t i = 0; i < d.size(); ++i) bytes += ansinh::ToJson(d[i]).size() + 1;
      sum += Checksum(d);
    }
    if (a.expect >= 0 && sum != a.expect) return 3;
    if (bytes == 0) return 5;
  }
  const double e2e = persons / (Wall() - w0);
  e2e_cpu = persons / (Cpu() - c0);

  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "{\"engine\": \"ansinh\", \"households\": %zu, \"persons\": %.0f, \"persons_per_s\": %.0f, "
      "\"batch_persons_per_s_1t\": %.0f, \"batch_persons_per_s_2t\": %.0f, \"batch_persons_per_cpu_s_1t\": %.0f, "
      "\"load_ms\": %.2f, \"load_rules\": \"%s\", \"single_us\": %.2f, \"single_trace_us\": %.2f, "
      "\"read_jsonl_mb_per_s\": %.1f, \"read_csv_mb_per_s\": %.1f, \"end_to_end_persons_per_s\": %.0f, "
      "\"end_to_end_persons_per_cpu_s\": %.0f, \"peak_rss_mb\": %.1f, \"hardware_threads\": %u, "
      "\"batch_persons_per_cpu_s_2t\": %.0f, \"load_cpu_ms\": %.2f, \"single_cpu_us\": %.2f, "
      "\"single_trace_cpu_us\": %.2f, \"read_jsonl_mb_per_cpu_s\": %.1f, \"read_csv_mb_per_cpu_s\": %.1f}\n",
      batch.size(), persons, rate_1t, rate_1t, rate_2t, cpu_1t, Median(load) * 1e3, load_path.c_str(), single_us,
      single_trace_us, jsonl_s > 0 ? FileMb(a.data) / jsonl_s : 0.0, csv_mb_s, e2e, e2e_cpu, static_cast<double>(ru.ru_maxrss) / 1024.0,
      std::thread::hardware_concurrency(), cpu_2t, Median(load_cpu) * 1e3, single_cpu_us, single_trace_cpu_us,
      jsonl_cpu_s > 0 ? FileMb(a.data) / jsonl_cpu_s : 0.0, csv_mb_cpu_s);
  return 0;
}
