// Bounds (issue 8), record side, against rules/vn: members per household,
// string length, record size in every format, nesting inside a record, and
// records held in memory — each a per-record error (R_LIMIT, R_SYNTAX) on a
// record that is still there, or a bounded batch; never a crash.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "runtime/access.hpp"
#include "ansinh/decision.hpp"
#include "ansinh/error.hpp"
#include "ansinh/reader.hpp"
#include "records/batch.hpp"
#include "reliability_util.hpp"

using namespace reliability;

namespace {

const ansinh::RuleSet& VnRules() {
  static const ansinh::RuleSet rules = LoadRepositoryRules("rules/vn");
  return rules;
}

bool HasIssue(const ansinh::RecordBatch& batch, size_t h, const std::string& code, const std::string& field) {
  for (const ansinh::RecordIssue& i : batch.issues(h)) {
    if (i.code == code && i.field == field) return true;
  }
  return false;
}

std::string Members(size_t n) {
  std::string out = "[";
  for (size_t i = 0; i < n; ++i) {
    out += (i ? "," : "") + std::string("{\"id\":\"P") + std::to_string(i) + "\",\"birth_date\":\"1990-01-01\"}";
  }
  return out + "]";
}

}  // namespace

TEST_CASE("members per household and string length: R_LIMIT on a record that is kept", "[reliability][bounds]") {
  Scratch dir;
  const std::string path = dir.Write(
      "r.jsonl", "{\"id\":\"BIG\",\"area\":\"rural\",\"members\":" + Members(250) + "}\n" +
                     "{\"id\":\"LONG\",\"commune\":\"" + std::string(5000, 'x') + "\",\"members\":" + Members(1) + "}\n" +
                     "{\"id\":\"OK\",\"members\":" + Members(200) + "}\n");
  const ansinh::RecordBatch batch = ansinh::ReadAll(VnRules(), {path});
  REQUIRE(batch.size() == 3);
  CHECK(HasIssue(batch, 0, "R_LIMIT", "members"));
  CHECK(ansinh::internal::DataOf(batch).member_begin[1] - ansinh::internal::DataOf(batch).member_begin[0] == 200);  // the rest are not read
  CHECK(HasIssue(batch, 1, "R_LIMIT", "commune"));
  CHECK(batch.issues(2).empty());
  const ansinh::DecisionBatch decisions = ansinh::Evaluate(VnRules(), batch, ansinh::When::AsOf(ansinh::Date::FromYmd(2026, 1, 1)));
  REQUIRE(decisions.size() == 3);
  CHECK(!decisions[0].ok());
  CHECK(decisions[0].household_id() == "BIG");
  CHECK(!decisions[1].ok());
  CHECK(decisions[2].ok());

  ansinh::ReadOptions options;
  options.max_members = 3;
  options.max_string_bytes = 4;
  const ansinh::RecordBatch tight = ansinh::ReadAll(VnRules(), {path}, options);
  REQUIRE(tight.size() == 3);
  CHECK(HasIssue(tight, 2, "R_LIMIT", "members"));
  CHECK(HasIssue(tight, 1, "R_LIMIT", "commune"));
}

TEST_CASE("a record longer than max_record_bytes is one R_LIMIT record in every format", "[reliability][bounds]") {
  Scratch dir;
  ansinh::ReadOptions options;
  options.max_record_bytes = 2000;
  const std::string big = std::string(3000, 'y');
  const std::string a = "{\"id\":\"A\",\"members\":[{\"id\":\"P\"}]}";
  const std::string b = "{\"id\":\"B\",\"commune\":\"" + big + "\",\"members\":[{\"id\":\"P\"}]}";
  struct Input {
    std::vector<std::string> files;
  };
  const std::vector<Input> inputs{
      {{dir.Write("r.jsonl", a + "\n" + b + "\n" + a + "\n")}},
      {{dir.Write("r.json", "[" + a + "," + b + "," + a + "]")}},
      {{dir.Write("r.yaml", "- id: A\n  members: [{id: P}]\n- id: B\n  commune: " + big +
                                "\n  members: [{id: P}]\n- id: A\n  members: [{id: P}]\n")}},
      {{dir.Write("h.csv", "id,commune\nA,x\nB," + big + "\nA,x\n"), dir.Write("p.csv", "household_id,id\nA,P\nB,P\n")}},
  };
  for (const Input& in : inputs) {
    INFO(in.files.front());
    const ansinh::RecordBatch batch = ansinh::ReadAll(VnRules(), in.files, options);
    REQUIRE(batch.size() == 3);
    CHECK(ansinh::internal::DataOf(batch).HouseholdId(1) == "B");
    CHECK(HasIssue(batch, 1, "R_LIMIT", ""));
    CHECK(HasIssue(batch, 2, "R_DUPLICATE_HOUSEHOLD_ID", "id"));
  }
}

TEST_CASE("deep nesting inside a record is a syntax error of that record", "[reliability][bounds]") {
  Scratch dir;
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::string ok = "{\"id\":\"OK\",\"members\":[{\"id\":\"P\"}]}";
  const std::vector<std::vector<std::string>> inputs{
      {dir.Write("d.jsonl", "{\"id\":\"D\",\"note\":" + deep + "}\n" + ok + "\n")},
      {dir.Write("d.json", "[{\"id\":\"D\",\"note\":" + deep + "}," + ok + "]")},
      {dir.Write("d.yaml", "- id: D\n  note: " + deep + "\n- id: OK\n  members: [{id: P}]\n")},
      {dir.Write("e.yaml", "- id: D\n  note:" + [] {
         std::string s;
         for (int i = 1; i < 3000; ++i) s += "\n" + std::string(i, ' ') + "- ";
         return s + "x";
       }() + "\n- id: OK\n  members: [{id: P}]\n")},
  };
  for (const auto& files : inputs) {
    INFO(files.front());
    const ansinh::RecordBatch batch = ansinh::ReadAll(VnRules(), files);
    REQUIRE(batch.size() == 2);
    CHECK(ansinh::internal::DataOf(batch).HouseholdId(0) == "D");
    CHECK(ansinh::internal::DataOf(batch).has_error[0]);
    CHECK(ansinh::internal::DataOf(batch).HouseholdId(1) == "OK");
  }
}

TEST_CASE("records in memory: chunks bound the batch, ReadAll has a ceiling", "[reliability][bounds]") {
  Scratch dir;
  const std::string path = dir.Write("r.jsonl", SyntheticJsonl(3000));

  ansinh::RecordReader reader(VnRules(), {path});
  ansinh::RecordBatch batch(VnRules());
  size_t total = 0, max_strings = 0;
  while (reader.Next(batch, 100)) {
    CHECK(batch.size() <= 100);
    CHECK(ansinh::internal::DataOf(batch).origins.size() == batch.size());
    max_strings = std::max(max_strings, ansinh::internal::DataOf(batch).strings.size());
    total += batch.size();
  }
  CHECK(total == 3000);
  CHECK(max_strings < 64 * 1024);  // one chunk's strings, not the file's

  ansinh::ReadOptions options;
  options.max_records = 2999;
  CHECK_THROWS_AS(ansinh::ReadAll(VnRules(), {path}, options), ansinh::InputError);
  options.max_records = 3000;
  CHECK(ansinh::ReadAll(VnRules(), {path}, options).size() == 3000);
}
