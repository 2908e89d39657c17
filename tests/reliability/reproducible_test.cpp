// Reproducible (issue 8): every decision carries the package id, version and
// content hash; the same package, records and date give byte-identical output
// across runs, thread counts (1, 2, 4) and input formats (JSON Lines, CSV
// pair, JSON array, YAML), on the examples and on a generated 10,000-record
// registry — through the real `ansinh eval`.
#include <catch2/catch.hpp>

#include <simdjson.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ansinh/decision.hpp"
#include "ansinh/reader.hpp"
#include "reliability_util.hpp"
#include "scale.hpp"
#include "test_paths.hpp"

using namespace reliability;

namespace {

// One JSON value as a YAML node (block style when emitted).
YAML::Node ToYaml(simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
      YAML::Node map(YAML::NodeType::Map);
      for (auto field : e.get_object()) map[std::string(field.key)] = ToYaml(field.value);
      return map;
    }
    case simdjson::dom::element_type::ARRAY: {
      YAML::Node seq(YAML::NodeType::Sequence);
      for (auto item : e.get_array()) seq.push_back(ToYaml(item));
      return seq;
    }
    case simdjson::dom::element_type::STRING: return YAML::Node(std::string(e.get_string().value()));
    case simdjson::dom::element_type::BOOL: return YAML::Node(e.get_bool().value());
    case simdjson::dom::element_type::NULL_VALUE: return YAML::Node(YAML::NodeType::Null);
    default: return YAML::Node(simdjson::to_string(e));  // numbers as written
  }
}

// The JSON Lines `lines` as a JSON array file and as a YAML sequence file.
void WriteJsonAndYaml(const Scratch& dir, const std::vector<std::string>& lines) {
  std::string json = "[\n";
  simdjson::dom::parser parser;
  YAML::Emitter yaml;
  yaml << YAML::BeginSeq;
  for (size_t i = 0; i < lines.size(); ++i) {
    json += (i ? ",\n" : "") + lines[i];
    yaml << ToYaml(parser.parse(lines[i]).value());
  }
  yaml << YAML::EndSeq;
  dir.Write("records.json", json + "\n]\n");
  dir.Write("records.yaml", std::string(yaml.c_str()) + "\n");
}

struct Run {
  std::vector<std::string> inputs;
  std::string threads;
};

// Runs `ansinh eval rules/vn` on each input set and thread count; requires all
// outputs to be byte-identical and returns the output.
std::string EvalAll(const Scratch& dir, const std::vector<Run>& runs, const std::string& when_flag,
                    const std::string& when, const std::vector<std::string>& extra = {}) {
  std::string first;
  for (size_t r = 0; r < runs.size(); ++r) {
    std::vector<std::string> args{"eval", "rules/vn"};
    args.insert(args.end(), runs[r].inputs.begin(), runs[r].inputs.end());
    const std::string out = dir.Path("out" + std::to_string(r) + ".jsonl");
    for (const std::string& a : {when_flag, when, std::string("--threads"), runs[r].threads, std::string("--output"), out}) {
      args.push_back(a);
    }
    args.insert(args.end(), extra.begin(), extra.end());
    INFO("run " << r << ": " << runs[r].inputs.front() << " on " << runs[r].threads << " threads");
    REQUIRE(RunAnsinh(args, dir.Path("stdout.txt"), dir.Path("stderr.txt")) == 0);
    const std::string output = ReadFile(out);
    if (r == 0) {
      first = output;
      REQUIRE(!first.empty());
    } else {
      REQUIRE(output.size() == first.size());
      REQUIRE(output == first);
    }
  }
  return first;
}

void CheckProvenance(const std::string& output, size_t records) {
  const ansinh::RuleSet rules = LoadRepositoryRules("rules/vn");
  const std::string expected = "\"rules\":{\"id\":\"vn\",\"version\":" + JsonQuote(rules.info().version) +
                               ",\"hash\":" + JsonQuote(rules.info().hash) + "}";
  REQUIRE(rules.info().hash.rfind("sha256:", 0) == 0);
  size_t lines = 0;
  for (size_t at = 0; at < output.size(); at = output.find('\n', at) + 1, ++lines) {
    const std::string line = output.substr(at, output.find('\n', at) - at);
    REQUIRE(line.find(expected) != std::string::npos);
  }
  CHECK(lines == records);
}

}  // namespace

TEST_CASE("examples: the same decisions from JSON Lines, CSV, JSON and YAML, on 1, 2 and 4 threads",
          "[reliability][reproducible]") {
  Scratch dir;
  std::vector<std::string> lines;
  for (const std::string& line : ReadLines(ANSINH_SOURCE_DIR + "/examples/registry.jsonl")) {
    if (!line.empty()) lines.push_back(line);
  }
  WriteJsonAndYaml(dir, lines);
  const std::string jsonl = ANSINH_SOURCE_DIR + "/examples/registry.jsonl";
  const std::vector<std::string> csv{ANSINH_SOURCE_DIR + "/examples/households.csv",
                                     ANSINH_SOURCE_DIR + "/examples/persons.csv"};
  std::vector<Run> runs{{{jsonl}, "1"}, {{jsonl}, "2"}, {{jsonl}, "4"}, {{jsonl}, "1"},
                        {csv, "2"},     {{dir.Path("records.json")}, "4"}, {{dir.Path("records.yaml")}, "1"}};
  if (ansinh_tests::kSanitized) {
    // Each reader and thread count once (the repeated runs prove determinism,
    // which the Release run covers; each run costs ~1.6 s under ASan+UBSan).
    runs = {{{jsonl}, "1"}, {{jsonl}, "4"}, {csv, "2"}, {{dir.Path("records.json")}, "4"}, {{dir.Path("records.yaml")}, "1"}};
  }
  CheckProvenance(EvalAll(dir, runs, "--period", "2026-11"), lines.size());
  if (ansinh_tests::kSanitized) runs.resize(3);  // JSON Lines on 1 and 4 threads, CSV
  EvalAll(dir, runs, "--as-of", "2025-07-01");
}

TEST_CASE("a 10,000-record registry: byte-identical across runs, thread counts and formats",
          "[reliability][reproducible]") {
  Scratch dir;
  const ExampleCsv& csv = ExampleCsvRows();
  std::string jsonl, households = csv.households_header, persons = csv.persons_header;
  std::vector<std::string> lines;
  const size_t records = ansinh_tests::Scaled(10000);  // 1,000 under a sanitizer
  for (size_t i = 0; i < records; ++i) {
    lines.push_back(SyntheticRecord(i));
    jsonl += lines.back() + "\n";
    households += SyntheticCsvHousehold(i) + "\n";
    for (const std::string& p : SyntheticCsvPersons(i)) persons += p + "\n";
  }
  const std::string in = dir.Write("records.jsonl", jsonl);
  const std::vector<std::string> pair{dir.Write("households.csv", households), dir.Write("persons.csv", persons)};
  WriteJsonAndYaml(dir, lines);
  std::vector<Run> runs{{{in}, "1"}, {{in}, "2"}, {{in}, "4"}, {{in}, "2"}, {pair, "2"},
                        {{dir.Path("records.json")}, "2"}, {{dir.Path("records.yaml")}, "2"}};
  if (ansinh_tests::kSanitized) {  // each reader and thread count once (as above)
    runs = {{{in}, "1"}, {{in}, "4"}, {pair, "2"}, {{dir.Path("records.json")}, "2"}, {{dir.Path("records.yaml")}, "2"}};
  }
  CheckProvenance(EvalAll(dir, runs, "--period", "2026-11"), records);
}

// With two threads or more, ansinh eval reads on a thread of its own and evaluates and
// formats batches (2,048 households at summary, 512 otherwise) on worker threads, several at
// once: the output is still in input order, byte for byte the one-thread output.
TEST_CASE("a 10,000-record registry: summary JSON Lines and CSV the same on 1, 2 and 4 threads",
          "[reliability][reproducible]") {
  Scratch dir;
  const size_t records = ansinh_tests::Scaled(10000);
  const std::string in = dir.Write("records.jsonl", SyntheticJsonl(records));
  const std::vector<Run> runs{{{in}, "1"}, {{in}, "2"}, {{in}, "4"}};
  const std::string summary = EvalAll(dir, runs, "--period", "2026-11", {"--detail", "summary"});
  CHECK(static_cast<size_t>(std::count(summary.begin(), summary.end(), '\n')) == records);
  const std::string csv = EvalAll(dir, runs, "--period", "2026-11", {"--detail", "summary", "--format", "csv"});
  CHECK(csv.rfind("household_id,", 0) == 0);
  EvalAll(dir, runs, "--as-of", "2026-01-01", {"--detail", "reasons", "--format", "csv"});
}

TEST_CASE("the content hash depends on the rule files' content, not on where they are",
          "[reliability][reproducible]") {
  namespace fs = std::filesystem;
  Scratch dir;
  const ansinh::RuleSet original = LoadRepositoryRules("rules/vn");
  fs::create_directories(dir.Path("copy"));
  fs::copy(ANSINH_SOURCE_DIR + "/rules/vn", dir.Path("copy/vn"), fs::copy_options::recursive);
  fs::remove_all(dir.Path("copy/vn/tra-vinh"));  // a package of its own: not part of vn's hash
  ansinh::LoadResult copy = ansinh::LoadRules(dir.Path("copy/vn"));
  REQUIRE(copy.ok());
  CHECK(std::move(copy).Release().info().hash == original.info().hash);

  // One changed byte in a comment changes the hash (the files are what was decided with): a byte
  // added, and a byte changed in place (same size: a hash of the files' sizes alone would miss it).
  const std::string groups = ReadFile(dir.Path("copy/vn/groups.yaml"));
  std::vector<std::string> hashes{original.info().hash};
  for (const char* comment : {"# a\n", "# b\n"}) {
    dir.Write("copy/vn/groups.yaml", groups + comment);
    ansinh::LoadResult changed = ansinh::LoadRules(dir.Path("copy/vn"));
    REQUIRE(changed.ok());
    hashes.push_back(std::move(changed).Release().info().hash);
  }
  CHECK(hashes[1] != hashes[0]);
  CHECK(hashes[2] != hashes[0]);
  CHECK(hashes[2] != hashes[1]);
}

// Found by the 10,000-record tests after the evaluator began pooling details
// per chunk: an outcome's provisional values were deduplicated against the
// whole chunk, so a decision listed them or not depending on its neighbours.
TEST_CASE("decisions do not depend on how the batch is cut into chunks", "[reliability][reproducible]") {
  const ansinh::RuleSet rules = LoadRepositoryRules("rules/vn");
  Scratch dir;
  // 200 under a sanitizer: still many chunks of 7, with provisional values (checked below).
  const size_t records = ansinh_tests::kSanitized ? 200 : 800;
  const ansinh::RecordBatch batch = ansinh::ReadAll(rules, {dir.Write("r.jsonl", SyntheticJsonl(records))});
  for (const ansinh::When& when : {ansinh::When::AsOf(ansinh::Date::FromYmd(2026, 11, 1)),
                                   ansinh::When::Month(ansinh::YearMonth(2026, 7))}) {
    for (bool explain : {false, true}) {
      ansinh::EvaluateOptions whole;
      whole.explain = explain;
      ansinh::EvaluateOptions pieces = whole;
      pieces.chunk_households = 7;
      const ansinh::DecisionBatch a = ansinh::Evaluate(rules, batch, when, whole);
      const ansinh::DecisionBatch b = ansinh::Evaluate(rules, batch, when, pieces);
      REQUIRE(a.size() == b.size());
      size_t provisional = 0;
      ansinh::JsonOptions json;
      json.explain = explain;
      for (size_t i = 0; i < a.size(); ++i) {
        INFO(when.ToString() << " record " << i);
        REQUIRE(ansinh::ToJson(a[i], json) == ansinh::ToJson(b[i], json));
        provisional += ansinh::ToJson(a[i]).find("\"provisional_values\":[{") != std::string::npos;
      }
      CHECK(provisional > 0);  // the case that went wrong is exercised
    }
  }
}
