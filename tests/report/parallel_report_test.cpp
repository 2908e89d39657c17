// BuildReport on several threads (the records read with RecordReader::NextConcurrent, the runs added
// in input order): the same report as on one thread, lists and their order included.
#include <catch2/catch.hpp>

#include "report/report_fixture.hpp"
#include "ansinh/error.hpp"
#include "test_paths.hpp"

namespace ansinh {
namespace {

using testing::ShippedRules;

const RuleSet& ParallelReportRules() {
  static const RuleSet rules = LoadRulesOrThrow(ShippedRules("vn/tra-vinh/cang-long"));
  return rules;
}

std::string ParallelReport(const std::vector<std::string>& paths, unsigned threads, size_t chunk) {
  ReportOptions options;
  options.threads = threads;
  options.chunk_households = chunk;
  options.max_listed = 5;  // the first households of each list: their order is the input's
  const Report r = BuildReport(ParallelReportRules(), paths, When::Month(YearMonth(2026, 11)), options);
  return RenderJson(r) + RenderCsv(r);
}

TEST_CASE("BuildReport on 2 and 4 threads is the report of one", "[report][threads]") {
  const std::vector<std::vector<std::string>> inputs = {
      {ANSINH_SOURCE_DIR + "/examples/registry.jsonl"},
      {ANSINH_SOURCE_DIR + "/examples/households.csv", ANSINH_SOURCE_DIR + "/examples/persons.csv"}};
  for (const auto& paths : inputs) {
    const std::string one = ParallelReport(paths, 1, 8192);
    CHECK(one.find("CL-0001") != std::string::npos);
    for (size_t chunk : {size_t{7}, size_t{100}, size_t{8192}}) {
      for (unsigned threads : {2u, 4u}) {
        INFO(paths.front() << ", chunk " << chunk << ", threads " << threads);
        CHECK(ParallelReport(paths, threads, chunk) == one);
      }
    }
  }
}

TEST_CASE("BuildReport on 2 threads: a file that cannot be read is an InputError", "[report][threads]") {
  ReportOptions options;
  options.threads = 2;
  options.chunk_households = 16;
  const std::string missing = ANSINH_SOURCE_DIR + "/examples/no-such-file.jsonl";
  CHECK_THROWS_AS(BuildReport(ParallelReportRules(), {missing}, When::Month(YearMonth(2026, 11)), options), InputError);
}

}  // namespace
}  // namespace ansinh
