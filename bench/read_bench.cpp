// read_bench: how fast records are read into RecordBatches, per format.
//
//   tools/gen_records.py --households 200000 --format all --out bench/data
//   build-release/bench/read_bench bench/data [repeats] [jsonl|json|yaml|csv]
//
// For each input found in the folder (records.jsonl, records.json,
// records.yaml, households.csv + persons.csv) it reads everything with a
// RecordReader in chunks of 4096 households, on one thread, and prints the
// best of `repeats` runs in MB/s (input bytes / CPU time), households/s and
// persons/s. Then the raw CSV tokenizing speed of our scanner and of libcsv,
// for the choice documented in lib/io/csv_scanner.hpp.
#include <sys/stat.h>
#include <time.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "ansinh/reader.hpp"
#include "ansinh/rule_set.hpp"
#include "io/block_reader.hpp"
#include "io/csv_scanner.hpp"
#include "records/batch.hpp"
#include "runtime/rule_set_impl.hpp"
#ifdef ANSINH_HAVE_LIBCSV
#include <csv.h>
#endif

namespace {

using ansinh::Entity;
using ansinh::ValueType;
using ansinh::internal::CompiledField;
using ansinh::internal::CompiledSchema;

// The schema of tools/gen_records.py.
CompiledSchema MakeSchema() {
  CompiledSchema s;
  auto add = [](std::vector<CompiledField>& fields, std::string name, Entity e, ValueType t,
                std::vector<std::string> values = {}) {
    CompiledField f;
    f.name = std::move(name);
    f.entity = e;
    f.type = t;
    f.values = std::move(values);
    fields.push_back(std::move(f));
  };
  const Entity h = Entity::kHousehold, p = Entity::kPerson;
  add(s.household, "id", h, ValueType::kString);
  add(s.household, "area", h, ValueType::kEnum, {"rural", "urban"});
  add(s.household, "income_per_capita", h, ValueType::kMoney);
  add(s.household, "extremely_difficult_area", h, ValueType::kBool);
  add(s.household, "deprivations", h, ValueType::kSet, {"employment", "water", "sanitation", "housing_area"});
  add(s.household, "coefficient", h, ValueType::kDecimal);
  add(s.household, "rooms", h, ValueType::kInt);
  add(s.household, "note", h, ValueType::kString);
  add(s.person, "id", p, ValueType::kString);
  add(s.person, "birth_date", p, ValueType::kDate);
  add(s.person, "sex", p, ValueType::kEnum, {"female", "male"});
  add(s.person, "has_supporter", p, ValueType::kBool);
  add(s.person, "monthly_income", p, ValueType::kMoney);
  add(s.person, "disability", p, ValueType::kEnum, {"none", "severe", "extreme"});
  for (size_t i = 0; i < s.household.size(); ++i) s.household_index[s.household[i].name] = static_cast<int>(i);
  for (size_t i = 0; i < s.person.size(); ++i) s.person_index[s.person[i].name] = static_cast<int>(i);
  return s;
}

uint64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

// CPU time of this process: the machine may be shared, and the target is per core.
double CpuNow() {
  timespec ts;
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double Seconds(double since) { return CpuNow() - since; }

void BenchFormat(const ansinh::RuleSet& rules, const char* name, const std::vector<std::string>& paths,
                 int repeats) {
  uint64_t bytes = 0;
  for (const auto& p : paths) bytes += FileSize(p);
  if (bytes == 0) return;
  double best = 1e30;
  size_t households = 0, persons = 0, errors = 0;
  for (int r = 0; r < repeats; ++r) {
    households = persons = errors = 0;
    const double start = CpuNow();
    ansinh::RecordReader reader(rules, paths);
    ansinh::RecordBatch batch(rules);
    while (reader.Next(batch, 4096)) {
      households += batch.size();
      persons += batch.person_count();
      for (uint8_t e : batch.data().has_error) errors += e;
    }
    best = std::min(best, Seconds(start));
  }
  std::printf("%-6s %8.1f MB/s %10.0f households/s %10.0f persons/s  (%zu households, %zu with errors, %.1f MB)\n",
              name, bytes / best / 1e6, households / best, persons / best, households, errors, bytes / 1e6);
}

void BenchScanner(const std::vector<std::string>& paths, int repeats) {
  uint64_t bytes = 0;
  double best = 1e30;
  size_t fields = 0;
  for (int r = 0; r < repeats; ++r) {
    bytes = 0;
    fields = 0;
    const double start = CpuNow();
    for (const auto& path : paths) {
      ansinh::internal::BlockReader in(path);
      ansinh::internal::CsvScanner scanner(&in, 16 << 20);
      ansinh::internal::CsvRow row;
      while (scanner.Next(&row)) fields += row.fields.size();
      bytes += in.offset();
    }
    best = std::min(best, Seconds(start));
  }
  std::printf("csv tokenizing, ours:   %8.1f MB/s (%zu fields)\n", bytes / best / 1e6, fields);
}

#ifdef ANSINH_HAVE_LIBCSV
void BenchLibcsv(const std::vector<std::string>& paths, int repeats) {
  uint64_t bytes = 0;
  double best = 1e30;
  size_t fields = 0;
  auto on_field = [](void*, size_t, void* data) { ++*static_cast<size_t*>(data); };
  auto on_row = [](int, void*) {};
  std::vector<char> buffer(1 << 20);
  for (int r = 0; r < repeats; ++r) {
    bytes = 0;
    fields = 0;
    const double start = CpuNow();
    for (const auto& path : paths) {
      std::FILE* f = std::fopen(path.c_str(), "rb");
      if (!f) continue;
      csv_parser parser;
      csv_init(&parser, 0);
      size_t n;
      while ((n = std::fread(buffer.data(), 1, buffer.size(), f)) > 0) {
        csv_parse(&parser, buffer.data(), n, on_field, on_row, &fields);
        bytes += n;
      }
      csv_fini(&parser, on_field, on_row, &fields);
      csv_free(&parser);
      std::fclose(f);
    }
    best = std::min(best, Seconds(start));
  }
  std::printf("csv tokenizing, libcsv: %8.1f MB/s (%zu fields)\n", bytes / best / 1e6, fields);
}
#endif

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: read_bench DATA_DIR [repeats]\n(make data with tools/gen_records.py)\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  const std::string only = argc > 3 ? argv[3] : "";
  auto wanted = [&only](const char* name) { return only.empty() || only == name; };
  auto impl = std::make_shared<ansinh::internal::RuleSetImpl>();
  impl->schema = MakeSchema();
  const ansinh::RuleSet rules(impl);
  if (wanted("jsonl")) BenchFormat(rules, "jsonl", {dir + "/records.jsonl"}, repeats);
  if (wanted("json")) BenchFormat(rules, "json", {dir + "/records.json"}, repeats);
  if (wanted("yaml")) BenchFormat(rules, "yaml", {dir + "/records.yaml"}, repeats);
  const std::vector<std::string> csv = {dir + "/households.csv", dir + "/persons.csv"};
  if (wanted("csv")) BenchFormat(rules, "csv", csv, repeats);
  if (wanted("csv") && FileSize(csv[0]) > 0) {
    BenchScanner(csv, repeats);
#ifdef ANSINH_HAVE_LIBCSV
    BenchLibcsv(csv, repeats);
#endif
  }
  return 0;
}
